// Typed route segments (lib/req.h): every route with an id in its path, every
// method, asked with a malformed id in each place in turn (the others well
// formed), is a 404 naming the route's first kind of id ("There is no such
// lead.") — the router's answer, before any handler — and nothing changed.
// Generated from the programs' route tables (--routes), like tenant-matrix.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request, post } from '../lib/client.mjs';
import { session, randomId, errorMessage } from '../lib/http-extra.mjs';
import { routes, fill, KINDS } from '../lib/routes.mjs';
import { apiKey, basic } from '../lib/api.mjs';
import { snapshot } from '../lib/tables.mjs';

let ada;

before(async () => {
  ada = await session('ada@northwind.test');
});

// An upload route reads its multipart body before the session: send one.
function multipartBody() {
  const b = `----lltyped${randomBytes(6).toString('hex')}`;
  const body = `--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${ada.csrf}\r\n` +
    `--${b}\r\nContent-Disposition: form-data; name="file"; filename="t.txt"\r\nContent-Type: text/plain\r\n\r\ntyped\r\n--${b}--\r\n`;
  return { body: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

// The API's routes with a key of ada's (the API reads no cookie).
let adaKey;
function send(route, method, path) {
  if (route.flags.has('api')) {
    adaKey ??= apiKey('ada@northwind.test').trim();
    const json = method === 'POST' || method === 'PUT';
    return request(method, path, {
      headers: { authorization: basic(adaKey), ...(json ? { 'content-type': 'application/json' } : {}) },
      body: json ? JSON.stringify({ name: 'Typed', note: 'typed' }) : undefined,
    });
  }
  if (method !== 'POST') return request(method, path, { jar: ada.jar });
  if (route.flags.has('upload')) return request('POST', path, { jar: ada.jar, ...multipartBody() });
  return post(path, { csrf: ada.csrf, text: 'typed', name: 'Typed' }, { jar: ada.jar });
}

test('a malformed id in any typed place is the route\'s 404, nothing changed', { timeout: 120000 }, async (t) => {
  const all = routes().filter((r) => r.holes.length > 0 && r.holes.every((k) => k in KINDS));
  assert.ok(all.length >= 20, `routes with ids: ${all.length}`);
  const malformed = (k) => [`${KINDS[k].prefix}short`, randomId('zzzz_'), 'x'];
  const before0 = snapshot();
  let n = 0;
  for (const route of all) {
    for (let i = 0; i < route.holes.length; i++) {
      for (const bad of malformed(route.holes[i])) {
        const ids = route.holes.map((k, j) => (j === i ? bad : randomId(KINDS[k].prefix)));
        for (const method of route.methods) {
          if (method === 'HEAD') continue;
          const path = fill(route.pattern, ids);
          const res = await send(route, method, path);
          n++;
          assert.equal(res.status, 404, `${method} ${path}: ${res.status}`);
          if (route.flags.has('api')) assert.match(JSON.parse(res.body).error, /^There is no such [a-z ]+\.$/, `${method} ${path}`);
          else assert.equal(errorMessage(res.body), `There is no such ${KINDS[route.holes[0]].noun ?? route.holes[0]}.`, `${method} ${path}`);
        }
      }
    }
  }
  assert.deepEqual(snapshot(), before0, 'no data table and no stored file changed');
  t.diagnostic(`${n} requests over ${all.length} routes`);
});
