// tests/lib/api.mjs — the REST API (R1): keys made by `llctl api-key create`
// as scripts make them, and JSON requests with HTTP Basic (the key as the
// user name, an empty password), as Close's clients send them.
import { execFileSync } from 'node:child_process';
import { request } from './client.mjs';

const BUILD = process.env.LL_BUILD || `${process.env.LL_ROOT}/build`;

// A new key of the user's first active membership: llctl's whole stdout.
export function apiKey(email) {
  return execFileSync(`${BUILD}/llctl`, ['api-key', 'create', email], { encoding: 'utf8' });
}

export const basic = (key) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

// One API call; body an object (sent as JSON) or a string sent as it is.
// Resolves { status, headers, body, json } (json null when the body is none).
export async function api(key, method, path, body, headers = {}) {
  const h = { ...headers };
  if (key !== null) h.authorization ??= basic(key);
  let payload;
  if (body !== undefined) {
    payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  }
  const res = await request(method, `/api/v1${path}`, { headers: h, body: payload });
  let json = null;
  try { json = JSON.parse(res.body); } catch { json = null; }
  return { ...res, json };
}
