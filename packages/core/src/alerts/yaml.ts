/** A value that `toYaml()` can write: JSON-like data. */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | YamlObject;
export interface YamlObject {
  readonly [key: string]: YamlValue | undefined;
}

/**
 * Writes JSON-like data as block-style YAML. Strings are JSON-quoted, which YAML reads as
 * double-quoted scalars, so no value can change type or break the layout. Undefined keys are left out.
 */
export function toYaml(value: YamlValue): string {
  return `${lines(value, '').join('\n')}\n`;
}

function scalar(value: string | number | boolean | null): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const isEmpty = (value: YamlValue): boolean =>
  Array.isArray(value) ? value.length === 0 : isObject(value) && Object.keys(value).length === 0;

const isObject = (value: YamlValue): value is YamlObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function lines(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) return arrayLines(value, indent);
  if (isObject(value)) return objectLines(value, indent);
  return [`${indent}${scalar(value as string)}`];
}

function objectLines(value: YamlObject, indent: string): string[] {
  const out: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key);
    if (isEmpty(item)) out.push(`${indent}${name}: ${Array.isArray(item) ? '[]' : '{}'}`);
    else if (typeof item === 'object' && item !== null) {
      out.push(`${indent}${name}:`, ...lines(item, `${indent}  `));
    } else out.push(`${indent}${name}: ${scalar(item)}`);
  }
  return out;
}

function arrayLines(value: readonly YamlValue[], indent: string): string[] {
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null || isEmpty(item)) {
      out.push(
        `${indent}- ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item as string)}`,
      );
      continue;
    }
    const nested = lines(item, `${indent}  `);
    // The first line of the item moves up behind the dash.
    out.push(`${indent}- ${(nested[0] as string).trimStart()}`, ...nested.slice(1));
  }
  return out;
}
