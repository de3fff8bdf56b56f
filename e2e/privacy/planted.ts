/**
 * Personal data that the privacy spec plants in the page. Each value is unique, so a match in a
 * captured payload names the value that leaked.
 */
export const PLANTED = {
  email: 'webpii.ada@example.com',
  bearer: 'webBearerQx7tok',
  password: 'webPassZk3word',
  cookie: 'webCookieMv8sess',
  queryToken: 'webQueryTokJ2val',
  accessToken: 'webAccessTokW5val',
  apiKey: 'webApiKeyR9val',
} as const;

/** The query string of a URL that carries every planted secret. */
export const PLANTED_QUERY =
  `?token=${PLANTED.queryToken}&access_token=${PLANTED.accessToken}` +
  `&api_key=${PLANTED.apiKey}&password=${PLANTED.password}` +
  `&email=${encodeURIComponent(PLANTED.email)}`;

/** Returns the forms in which a planted value could appear: raw, percent-encoded and base64. */
export function formsOf(value: string): string[] {
  const bytes = Buffer.from(value);
  const forms = [
    value,
    encodeURIComponent(value),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
  ];
  return [...new Set(forms)];
}

/** Returns `where: name as form` for every planted value found in the text. */
export function findPlanted(where: string, text: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(PLANTED)) {
    for (const form of formsOf(value)) {
      if (text.includes(form)) found.push(`${where}: ${name} as ${form}`);
    }
  }
  return found;
}
