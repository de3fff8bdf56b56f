/** Shows an option's value in an error message: strings quoted and cut at 64 characters. */
export function quoted(value: unknown): string {
  return typeof value === 'string' ? `"${value.slice(0, 64)}"` : String(value);
}
