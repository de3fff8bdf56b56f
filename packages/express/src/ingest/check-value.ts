// Keys that would reach an object's prototype if a consumer ever merged the properties naively.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 6;

/** Quotes an untrusted string for an error message, shortened and with controls escaped. */
export function show(value: string): string {
  return JSON.stringify(value.slice(0, 64));
}

/**
 * Walks the parsed `properties` of an event without recursion. Reports the first prototype key,
 * nesting deeper than 6 levels, number that is not finite (JSON such as `1e999` parses to
 * `Infinity`) or string that `textProblem` rejects, naming the path of the bad value.
 */
export function propertiesProblem(root: unknown): string | undefined {
  const stack: [unknown, number, string][] = [[root, 1, 'properties']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop() as [unknown, number, string];
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return `${show(path)} is not a finite number: send a value within the range of a double.`;
    }
    if (typeof value === 'string') {
      const problem = textProblem(value, path);
      if (problem) return problem;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return `"properties" is nested deeper than ${MAX_DEPTH} levels.`;
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `Field ${show(key)} is not allowed in ${show(path)}.`;
      const keyProblem = textProblem(key, `${path} key`);
      if (keyProblem) return keyProblem;
      stack.push([item, depth + 1, `${path}.${key.slice(0, 64)}`]);
    }
  }
  return undefined;
}

/**
 * Rejects text that would corrupt a log line, a label value or a dashboard. That is C0 and C1
 * control characters (NUL, CR, LF, tab...), DEL, the bidirectional overrides and isolates
 * (U+202A to U+202E, U+2066 to U+2069), and lone UTF-16 surrogates, which `\ud800` escapes in
 * JSON produce.
 */
export function textProblem(value: string, field: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isHighSurrogate(code) && isLowSurrogate(value.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (isHighSurrogate(code) || isLowSurrogate(code)) {
      return `${show(field)} contains a lone surrogate ${codePoint(code)}: send well-formed Unicode.`;
    }
    if (isUnsafe(code)) {
      return `${show(field)} contains the control character ${codePoint(code)}: remove it.`;
    }
  }
  return undefined;
}

function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
