import type { INGEST_REJECT_REASONS } from '../src';

/** One kind of bad request to the ingest endpoint and the rejection it must get. */
export interface BadRequest {
  kind: string;
  /** Default: POST. */
  method?: string;
  /** Default: `content-type: application/json`. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
  contentLength?: number;
  neverEnds?: boolean;
  status: number;
  /** The `reason` label of `foursite_ingest_rejected_total` that must count the request. */
  reason: (typeof INGEST_REJECT_REASONS)[number];
  /** Text that the error or one of the rejected events' messages must contain. */
  phrase: string;
  /** Number of events that the response must list as rejected. */
  rejectedCount?: number;
  /** Headers that the response must have, with lower-case names. */
  responseHeaders?: Record<string, string>;
  /**
   * Node's HTTP parser responds first, with a bare 400 and no body, and closes the connection:
   * the bytes after the declared length form an invalid second request on the same connection.
   */
  bareNodeReply?: boolean;
}

const visit = { name: 'visit', properties: { channel: 'social', page: '/' } };
const vital = {
  name: 'web_vital',
  properties: {
    metric: 'LCP',
    value: 1800,
    id: 'v5-1700000000000-42',
    page: '/sites/:id',
    navigationType: 'navigate',
    deviceClass: 'desktop',
    rating: 'good',
  },
};

/** Wraps events in a batch body. */
function batch(...events: unknown[]): string {
  return JSON.stringify({ events });
}

function visitWith(properties: Record<string, unknown>): string {
  return batch({ name: 'visit', properties: { ...visit.properties, ...properties } });
}

function vitalWith(properties: Record<string, unknown>): string {
  return batch({ name: 'web_vital', properties: { ...vital.properties, ...properties } });
}

/** Builds a valid batch padded with JSON whitespace to exactly `bytes` bytes. */
function paddedBatch(bytes: number): string {
  const body = batch(visit);
  return body.slice(0, -1) + ' '.repeat(bytes - body.length) + body.slice(-1);
}

function nested(open: string, close: string, levels: number, inner: string): string {
  return open.repeat(levels) + inner + close.repeat(levels);
}

const TEN_MB = 10 * 1024 * 1024;
const json = { 'content-type': 'application/json' };
const valid = batch(visit);

const sizes: BadRequest[] = [
  {
    kind: 'a body 1 byte over 64 KB',
    body: paddedBatch(65_537),
    status: 413,
    reason: 'too_large',
    phrase: 'larger than 65536 bytes',
  },
  {
    kind: 'a 10 MB body',
    body: paddedBatch(TEN_MB),
    status: 413,
    reason: 'too_large',
    phrase: 'larger than 65536 bytes',
  },
  {
    kind: 'a Content-Length that claims 10 MB',
    body: valid,
    contentLength: TEN_MB,
    status: 413,
    reason: 'too_large',
    phrase: 'larger than 65536 bytes',
  },
  {
    kind: 'a Content-Length shorter than the body',
    body: valid,
    contentLength: 20,
    status: 400,
    reason: 'malformed',
    phrase: '',
    bareNodeReply: true,
  },
  {
    kind: 'a Content-Length longer than the body',
    body: valid,
    contentLength: valid.length + 100,
    status: 408,
    reason: 'timeout',
    phrase: 'Timed out after 1000 ms',
  },
  {
    kind: 'a chunked body over 64 KB',
    body: paddedBatch(70_000),
    chunked: true,
    status: 413,
    reason: 'too_large',
    phrase: 'larger than 65536 bytes',
  },
  {
    kind: 'a chunked 10 MB body',
    body: paddedBatch(TEN_MB),
    chunked: true,
    status: 413,
    reason: 'too_large',
    phrase: 'larger than 65536 bytes',
  },
  {
    kind: 'a chunked body that never ends',
    body: '{"events":[',
    chunked: true,
    neverEnds: true,
    status: 408,
    reason: 'timeout',
    phrase: 'Timed out after 1000 ms',
  },
  {
    kind: 'a sized body that trickles forever',
    body: '{"events":[',
    contentLength: 60_000,
    neverEnds: true,
    status: 408,
    reason: 'timeout',
    phrase: 'Timed out after 1000 ms',
  },
];

const syntax: BadRequest[] = [
  {
    kind: 'truncated JSON',
    body: valid.slice(0, -3),
    status: 400,
    reason: 'malformed',
    phrase: 'not valid JSON',
  },
  {
    kind: 'single-quoted JSON',
    body: "{'events':[]}",
    status: 400,
    reason: 'malformed',
    phrase: 'not valid JSON',
  },
  {
    kind: 'a trailing comma',
    body: `${valid.slice(0, -2)},]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'not valid JSON',
  },
  {
    kind: 'two JSON documents',
    body: `${valid}${valid}`,
    status: 400,
    reason: 'malformed',
    phrase: 'not valid JSON',
  },
  { kind: 'an empty body', body: '', status: 400, reason: 'malformed', phrase: 'Body is empty' },
  {
    kind: 'a whitespace body',
    body: ' \r\n\t',
    status: 400,
    reason: 'malformed',
    phrase: 'Body is empty',
  },
  {
    kind: 'bytes that are never UTF-8',
    body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    status: 400,
    reason: 'malformed',
    phrase: 'not valid UTF-8',
  },
  {
    kind: 'an overlong UTF-8 sequence',
    body: Buffer.concat([
      Buffer.from('{"events":["'),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from('"]}'),
    ]),
    status: 400,
    reason: 'malformed',
    phrase: 'not valid UTF-8',
  },
  {
    kind: 'a UTF-8 encoded surrogate',
    body: Buffer.concat([
      Buffer.from('{"events":["'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"]}'),
    ]),
    status: 400,
    reason: 'malformed',
    phrase: 'not valid UTF-8',
  },
];

const contentTypes: BadRequest[] = [
  {
    kind: 'a form body',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'events=1',
    status: 415,
    reason: 'content_type',
    phrase: 'Unsupported content type "application/x-www-form-urlencoded"',
  },
  {
    kind: 'a multipart body',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    body: `--x\r\ncontent-disposition: form-data; name="events"\r\n\r\n${valid}\r\n--x--\r\n`,
    status: 415,
    reason: 'content_type',
    phrase: 'Unsupported content type "multipart/form-data"',
  },
  {
    kind: 'an XML body',
    headers: { 'content-type': 'application/xml' },
    body: '<events><event name="visit"/></events>',
    status: 415,
    reason: 'content_type',
    phrase: 'Unsupported content type "application/xml"',
  },
  {
    kind: 'no content type',
    headers: {},
    body: valid,
    status: 415,
    reason: 'content_type',
    phrase: 'Missing content type',
  },
  {
    kind: 'a UTF-16 charset',
    headers: { 'content-type': 'application/json; charset=utf-16' },
    body: Buffer.from(valid, 'utf16le'),
    status: 415,
    reason: 'content_type',
    phrase: 'Unsupported charset "utf-16"',
  },
  {
    kind: 'a Latin-1 charset',
    headers: { 'content-type': 'text/plain;charset="ISO-8859-1"' },
    body: valid,
    status: 415,
    reason: 'content_type',
    phrase: 'Unsupported charset "iso-8859-1"',
  },
  {
    kind: 'a gzip body',
    headers: { ...json, 'content-encoding': 'gzip' },
    body: valid,
    status: 415,
    reason: 'content_type',
    phrase: 'Content encoding "gzip"',
  },
];

const shapes: BadRequest[] = [
  {
    kind: 'an array body',
    body: `[${JSON.stringify(visit)}]`,
    status: 400,
    reason: 'malformed',
    phrase: 'must be an object with a non-empty "events" array',
  },
  {
    kind: 'a string body',
    body: '"events"',
    status: 400,
    reason: 'malformed',
    phrase: 'must be an object with a non-empty "events" array',
  },
  {
    kind: 'a null body',
    body: 'null',
    status: 400,
    reason: 'malformed',
    phrase: 'must be an object with a non-empty "events" array',
  },
  {
    kind: 'events as an object',
    body: JSON.stringify({ events: { 0: visit } }),
    status: 400,
    reason: 'malformed',
    phrase: 'must be an object with a non-empty "events" array',
  },
  {
    kind: 'an empty events array',
    body: batch(),
    status: 400,
    reason: 'malformed',
    phrase: 'must be an object with a non-empty "events" array',
  },
  {
    kind: 'an event as a number',
    body: batch(visit, 7),
    status: 400,
    reason: 'malformed',
    phrase: 'Each event must be an object',
    rejectedCount: 1,
  },
  {
    kind: 'a number as name',
    body: batch({ name: 7 }),
    status: 400,
    reason: 'malformed',
    phrase: 'a string "name" of 1 to 64 characters',
  },
  {
    kind: 'a 65-character name',
    body: batch({ name: 'v'.repeat(65) }),
    status: 400,
    reason: 'malformed',
    phrase: 'a string "name" of 1 to 64 characters',
  },
  {
    kind: 'an empty id',
    body: batch({ ...visit, id: '' }),
    status: 400,
    reason: 'malformed',
    phrase: '"id" must be a string of 1 to 128 characters',
  },
  {
    kind: 'a 129-character id',
    body: batch({ ...visit, id: 'i'.repeat(129) }),
    status: 400,
    reason: 'malformed',
    phrase: '"id" must be a string of 1 to 128 characters',
  },
  {
    kind: 'a misspelled events field',
    body: JSON.stringify({ event: [visit] }),
    status: 400,
    reason: 'malformed',
    phrase: 'must be an object with a non-empty "events" array',
  },
  {
    kind: 'a number as id',
    body: batch({ ...visit, id: 5 }),
    status: 400,
    reason: 'malformed',
    phrase: '"id" must be a string of 1 to 128 characters',
  },
  {
    kind: 'a string as timestamp',
    body: batch({ ...visit, timestamp: 'now' }),
    status: 400,
    reason: 'malformed',
    phrase: '"timestamp" must be a finite number',
  },
  {
    kind: 'properties as an array',
    body: batch({ name: 'visit', properties: ['social'] }),
    status: 400,
    reason: 'malformed',
    phrase: '"properties" must be an object',
  },
  {
    kind: 'a number as label value',
    body: visitWith({ channel: 5 }),
    status: 400,
    reason: 'invalid',
    phrase: 'Invalid "visit" event: channel',
  },
  {
    kind: 'an object as property value',
    body: batch({ name: 'share', properties: { platform: { name: 'link' } } }),
    status: 400,
    reason: 'invalid',
    phrase: 'Invalid "share" event: platform',
  },
  {
    kind: 'an unknown top-level field',
    body: JSON.stringify({ events: [visit], extra: 1 }),
    status: 400,
    reason: 'malformed',
    phrase: 'Unknown field "extra" in the body',
  },
  {
    kind: 'an unknown event field',
    body: batch({ ...visit, ip: '203.0.113.9' }),
    status: 400,
    reason: 'malformed',
    phrase: 'Unknown field "ip"',
  },
  {
    kind: 'an unknown property',
    body: visitWith({ email: 'someone@example.com' }),
    status: 400,
    reason: 'invalid',
    phrase: 'Unknown property "email" in event "visit"',
  },
  {
    kind: 'an unknown event',
    body: batch({ name: 'signup' }),
    status: 400,
    reason: 'invalid',
    phrase: 'Unknown event "signup"',
  },
  {
    kind: 'an Object.prototype method as event',
    body: batch({ name: 'toString' }),
    status: 400,
    reason: 'invalid',
    phrase: 'Unknown event "toString"',
  },
  {
    kind: 'a server-only event',
    body: batch({ name: 'lead', properties: { leadId: 'l-1', source: 'email' } }),
    status: 400,
    reason: 'invalid',
    phrase: 'not accepted from browsers',
  },
];

const POLLUTE = '{"polluted":"yes"}';
const prototypeKeys: BadRequest[] = [
  {
    kind: '__proto__ at top level',
    body: `{"__proto__":${POLLUTE},"events":[${JSON.stringify(visit)}]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'Unknown field "__proto__" in the body',
  },
  {
    kind: 'constructor at top level',
    body: `{"constructor":{"prototype":${POLLUTE}},"events":[${JSON.stringify(visit)}]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'Unknown field "constructor" in the body',
  },
  {
    kind: 'prototype at top level',
    body: `{"prototype":${POLLUTE},"events":[${JSON.stringify(visit)}]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'Unknown field "prototype" in the body',
  },
  {
    kind: '__proto__ in an event',
    body: `{"events":[{"name":"visit","__proto__":${POLLUTE}}]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'Unknown field "__proto__"',
  },
  {
    kind: '__proto__ in properties',
    body: `{"events":[{"name":"visit","properties":{"channel":"social","__proto__":${POLLUTE}}}]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'Field "__proto__" is not allowed in "properties"',
  },
  {
    kind: 'constructor in properties',
    body: `{"events":[{"name":"visit","properties":{"constructor":{"prototype":${POLLUTE}}}}]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'Field "constructor" is not allowed in "properties"',
  },
  {
    kind: 'prototype in properties',
    body: `{"events":[{"name":"visit","properties":{"prototype":${POLLUTE}}}]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'Field "prototype" is not allowed in "properties"',
  },
  {
    kind: '__proto__ in a nested object',
    body: `{"events":[{"name":"visit","properties":{"a":{"b":{"__proto__":${POLLUTE}}}}}]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'Field "__proto__" is not allowed in "properties.a.b"',
  },
  {
    kind: 'constructor in a nested object',
    body: `{"events":[{"name":"visit","properties":{"a":{"constructor":{"prototype":${POLLUTE}}}}}]}`,
    status: 400,
    reason: 'malformed',
    phrase: 'Field "constructor" is not allowed in "properties.a"',
  },
];

const numbers: BadRequest[] = [
  {
    kind: 'NaN as text',
    body: '{"events":[{"name":"visit","timestamp":NaN}]}',
    status: 400,
    reason: 'malformed',
    phrase: 'not valid JSON',
  },
  {
    kind: 'Infinity as text',
    body: '{"events":[{"name":"visit","timestamp":Infinity}]}',
    status: 400,
    reason: 'malformed',
    phrase: 'not valid JSON',
  },
  {
    kind: '1e999 as a web vital value',
    body: vitalWith({ value: 0 }).replace('"value":0', '"value":1e999'),
    status: 400,
    reason: 'malformed',
    phrase: '"properties.value" is not a finite number',
  },
  {
    kind: '-1e999 as timestamp',
    body: `{"events":[{"name":"visit","properties":{"channel":"social"},"timestamp":-1e999}]}`,
    status: 400,
    reason: 'malformed',
    phrase: '"timestamp" must be a finite number',
  },
  {
    kind: 'a negative timestamp',
    body: batch({ ...visit, timestamp: -1 }),
    status: 400,
    reason: 'malformed',
    phrase: '"timestamp" must be a finite number',
  },
  {
    kind: 'a negative session duration',
    body: batch({ name: 'session_end', properties: { pageCount: 2, durationSeconds: -5 } }),
    status: 400,
    reason: 'invalid',
    phrase: 'Invalid "session_end" event: durationSeconds',
  },
  {
    kind: 'a negative web vital value',
    body: vitalWith({ value: -1 }),
    status: 400,
    reason: 'invalid',
    phrase: 'Invalid "web_vital" event: value',
  },
];

const structure: BadRequest[] = [
  {
    kind: 'objects nested 7 levels',
    body: visitWith({ x: 0 }).replace('"x":0', `"x":${nested('{"a":', '}', 5, '{}')}`),
    status: 400,
    reason: 'malformed',
    phrase: '"properties" is nested deeper than 6 levels',
  },
  {
    kind: 'objects nested 10000 levels',
    body: batch({ name: 'visit', properties: { channel: 'social', x: 0 } }).replace(
      '"x":0',
      `"x":${nested('{"a":', '}', 10_000, '1')}`,
    ),
    status: 400,
    reason: 'malformed',
    phrase: '"properties" is nested deeper than 6 levels',
  },
  {
    kind: 'arrays nested 10000 levels',
    body: batch({ name: 'visit', properties: { channel: 'social', x: 0 } }).replace(
      '"x":0',
      `"x":${nested('[', ']', 10_000, '1')}`,
    ),
    status: 400,
    reason: 'malformed',
    phrase: '"properties" is nested deeper than 6 levels',
  },
  {
    kind: 'a body nested 32000 levels',
    body: nested('[', ']', 32_000, ''),
    status: 400,
    reason: 'malformed',
    phrase: 'must be an object with a non-empty "events" array',
  },
  {
    kind: 'a batch of 101 events',
    body: batch(...Array(101).fill(visit)),
    status: 400,
    reason: 'malformed',
    phrase: 'Batch has 101 events, more than 100',
  },
  {
    kind: 'an events array of 5000 zeros',
    body: JSON.stringify({ events: Array(5000).fill(0) }),
    status: 400,
    reason: 'malformed',
    phrase: 'Batch has 5000 events, more than 100',
  },
  {
    kind: 'a property array of 10000 numbers',
    body: vitalWith({ value: Array.from({ length: 10_000 }, (_, i) => i) }),
    status: 400,
    reason: 'invalid',
    phrase: 'Invalid "web_vital" event: value',
  },
];

const text: BadRequest[] = [
  {
    kind: 'NUL in a page',
    body: visitWith({ page: '/a\u0000b' }),
    status: 400,
    reason: 'malformed',
    phrase: '"properties.page" contains the control character U+0000',
  },
  {
    kind: 'CRLF in a page label',
    body: vitalWith({ page: '/a\r\nfoursite_visits_total 1e9' }),
    status: 400,
    reason: 'malformed',
    phrase: '"properties.page" contains the control character U+000D',
  },
  {
    kind: 'CRLF in a label value',
    body: visitWith({ channel: 'social\r\n' }),
    status: 400,
    reason: 'malformed',
    phrase: '"properties.channel" contains the control character U+000D',
  },
  {
    kind: 'NUL in an event name',
    body: batch({ name: 'visit\u0000' }),
    status: 400,
    reason: 'malformed',
    phrase: '"name" contains the control character U+0000',
  },
  {
    kind: 'CRLF in an event id',
    body: batch({ ...visit, id: 'a\r\nb' }),
    status: 400,
    reason: 'malformed',
    phrase: '"id" contains the control character U+000D',
  },
  {
    kind: 'a C1 control in a page',
    body: visitWith({ page: '/a\u0085b' }),
    status: 400,
    reason: 'malformed',
    phrase: 'the control character U+0085',
  },
  {
    kind: 'a control character in a key',
    body: visitWith({ 'a\u0007': 1 }),
    status: 400,
    reason: 'malformed',
    phrase: '"properties key" contains the control character U+0007',
  },
  {
    kind: 'a right-to-left override',
    body: visitWith({ page: '/\u202egnp.exe' }),
    status: 400,
    reason: 'malformed',
    phrase: 'the control character U+202E',
  },
  {
    kind: 'a lone high surrogate',
    body: visitWith({ page: '/x' }).replace('/x', '/\\ud800'),
    status: 400,
    reason: 'malformed',
    phrase: 'a lone surrogate U+D800',
  },
  {
    kind: 'a lone low surrogate in a label value',
    body: visitWith({ channel: 'x' }).replace('"x"', '"\\udc00"'),
    status: 400,
    reason: 'malformed',
    phrase: 'a lone surrogate U+DC00',
  },
  {
    kind: 'a long astral page',
    body: visitWith({ page: `/${'\u{1F600}'.repeat(100)}` }),
    status: 400,
    reason: 'invalid',
    phrase: 'Invalid "visit" event: page',
  },
  {
    kind: 'a long combining-mark page',
    body: visitWith({ page: `/${'e\u0301'.repeat(100)}` }),
    status: 400,
    reason: 'invalid',
    phrase: 'Invalid "visit" event: page',
  },
  {
    kind: 'a long astral event name',
    body: batch({ name: '\u{1F600}'.repeat(40) }),
    status: 400,
    reason: 'malformed',
    phrase: 'a string "name" of 1 to 64 characters',
  },
];

const floods: BadRequest[] = [
  {
    kind: '100 distinct label values',
    body: batch(
      ...Array.from({ length: 100 }, (_, i) => ({
        name: 'visit',
        properties: { channel: `channel-${i}` },
      })),
    ),
    status: 400,
    reason: 'invalid',
    phrase: 'Invalid "visit" event: channel',
    rejectedCount: 100,
  },
  {
    kind: '500 distinct event ids',
    body: batch(...Array.from({ length: 500 }, (_, i) => ({ ...visit, id: `id-${i}` }))),
    status: 400,
    reason: 'malformed',
    phrase: 'Batch has 500 events, more than 100',
  },
  {
    kind: '100 distinct over-long page templates',
    body: batch(
      ...Array.from({ length: 100 }, (_, i) => ({
        ...vital,
        properties: { ...vital.properties, id: `v-${i}`, page: `/${i}/${'p'.repeat(130)}` },
      })),
    ),
    status: 400,
    reason: 'invalid',
    phrase: 'Invalid "web_vital" event: page',
    rejectedCount: 100,
  },
  {
    kind: 'one id for two different events',
    body: batch(
      { ...visit, id: 'evt-1' },
      { name: 'visit', properties: { channel: 'paid' }, id: 'evt-1' },
    ),
    status: 400,
    reason: 'malformed',
    phrase: 'Event id "evt-1" was already used at index 0',
    rejectedCount: 1,
  },
];

const access: BadRequest[] = [
  {
    kind: 'GET',
    method: 'GET',
    headers: {},
    body: '',
    status: 405,
    reason: 'method',
    phrase: 'Method "GET" is not allowed',
    responseHeaders: { allow: 'POST, OPTIONS' },
  },
  {
    kind: 'PUT',
    method: 'PUT',
    body: valid,
    status: 405,
    reason: 'method',
    phrase: 'Method "PUT" is not allowed',
  },
  {
    kind: 'DELETE',
    method: 'DELETE',
    headers: {},
    body: '',
    status: 405,
    reason: 'method',
    phrase: 'Method "DELETE" is not allowed',
  },
  {
    kind: 'PATCH',
    method: 'PATCH',
    body: valid,
    status: 405,
    reason: 'method',
    phrase: 'Method "PATCH" is not allowed',
  },
  {
    kind: 'an origin that is not allowed',
    headers: { ...json, origin: 'https://evil.example' },
    body: valid,
    status: 403,
    reason: 'origin',
    phrase: 'Origin "https://evil.example" may not send events',
  },
];

/** Every kind of bad request, grouped by what is wrong. */
export const BAD_REQUESTS: BadRequest[] = [
  ...sizes,
  ...syntax,
  ...contentTypes,
  ...shapes,
  ...prototypeKeys,
  ...numbers,
  ...structure,
  ...text,
  ...floods,
  ...access,
];
