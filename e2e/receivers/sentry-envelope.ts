/** One item of a Sentry envelope: its header and its payload, parsed as JSON when it is JSON. */
export interface EnvelopeItem {
  header: { type?: string; length?: number } & Record<string, unknown>;
  payload: unknown;
}

/** A parsed Sentry envelope. */
export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

const NEWLINE = 0x0a;

/**
 * Parses a Sentry envelope: a JSON header line, then for each item a JSON header line and a
 * payload. A payload is `length` bytes when the item header gives a length, and runs to the
 * next newline otherwise.
 */
export function parseEnvelope(body: Buffer): Envelope {
  let offset = 0;
  const readLine = (): Buffer => {
    const end = body.indexOf(NEWLINE, offset);
    const line = body.subarray(offset, end === -1 ? body.length : end);
    offset = end === -1 ? body.length : end + 1;
    return line;
  };
  const header = JSON.parse(readLine().toString('utf8')) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < body.length) {
    const headerLine = readLine().toString('utf8').trim();
    if (headerLine === '') continue;
    const itemHeader = JSON.parse(headerLine) as EnvelopeItem['header'];
    let raw: Buffer;
    if (typeof itemHeader.length === 'number') {
      raw = body.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length + 1;
    } else {
      raw = readLine();
    }
    items.push({ header: itemHeader, payload: parseJson(raw.toString('utf8')) });
  }
  return { header, items };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
