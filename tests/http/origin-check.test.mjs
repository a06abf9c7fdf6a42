// ASVS 3.5 — a POST that says it comes from a page of another origin is
// refused, whatever its CSRF token: another port of the same host is another
// origin, yet the SameSite=Lax cookie reaches this one from it. The Origin
// header, or without one the Referer, must be this site as the request
// reached it (scheme, host and port); a POST with neither is judged by its
// token alone. The refusal is a 403 with a message, and changes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, TLS_BASE, get, post, csrfOf, login } from '../lib/client.mjs';
import { one, lit, leadPid, loginForm, setsSession, sessionCount, PASSWORD } from '../lib/http-extra.mjs';

const base = new URL(BASE);
const OWN = base.origin;
const OTHER_PORT = `http://${base.hostname}:${Number(base.port) + 1}`;
const LEAD = leadPid('Globex Corporation');
let ada, csrf;

const notes = () => Number(one(`SELECT COUNT(*) FROM activities a JOIN leads l ON l.id = a.lead_id
  WHERE l.pid = ${lit(LEAD)} AND a.type = 'note'`));

before(async () => {
  ada = await login('ada@northwind.test');
  csrf = csrfOf((await get(`/lead/${LEAD}/`, { jar: ada })).body);
  assert.ok(csrf);
});

async function loginWith(headers, tls = false) {
  const jar = new Map();
  const token = await loginForm(jar, { tls });
  return post('/login', { csrf: token, email: 'ben@northwind.test', password: PASSWORD, next: '/leads' }, { jar, headers, tls });
}

function assertRefused(res, what) {
  assert.equal(res.status, 403, `${what}: 403`);
  assert.match(res.body, /not of this site/, `${what}: a message says why`);
  assert.ok(!setsSession(res), `${what}: no session`);
}

test('a login posted from another port, another host or an opaque origin is refused; no session made', async () => {
  const before = sessionCount();
  assertRefused(await loginWith({ origin: OTHER_PORT }), 'Origin: another port');
  assertRefused(await loginWith({ origin: 'http://evil.example' }), 'Origin: another host');
  assertRefused(await loginWith({ origin: 'null' }), 'Origin: null');
  assertRefused(await loginWith({ origin: `${OWN}.evil.example` }), 'Origin: this host as a prefix');
  assertRefused(await loginWith({ origin: `https://${base.host}` }), 'Origin: the same host and port, another scheme');
  assertRefused(await loginWith({ referer: `${OTHER_PORT}/page` }), 'no Origin, Referer of another port');
  assertRefused(await loginWith({ referer: `${OWN}.evil.example/x` }), 'no Origin, Referer on a look-alike host');
  assertRefused(await loginWith({ origin: OTHER_PORT, referer: `${OWN}/login` }), 'Origin decides over Referer');
  assert.equal(sessionCount(), before, 'no session made');
});

test('this site\'s own Origin or Referer, or neither, is accepted', async () => {
  assert.equal((await loginWith({ origin: OWN })).status, 303, 'its own Origin');
  assert.equal((await loginWith({ origin: OWN.toUpperCase() })).status, 303, 'its own Origin in capitals');
  assert.equal((await loginWith({ referer: `${OWN}/login?next=%2Fleads` })).status, 303, 'its own Referer');
  assert.equal((await loginWith({})).status, 303, 'neither header');
});

test('over TLS the origin is https and the TLS port', async () => {
  const tls = new URL(TLS_BASE);
  assert.equal((await loginWith({ origin: tls.origin }, true)).status, 303, 'its own https Origin');
  assertRefused(await loginWith({ origin: `http://${tls.host}` }, true), 'http with the TLS port');
  assertRefused(await loginWith({ origin: OWN }, true), 'the plain port');
});

test('a note with a valid token posted from another origin is refused and not written', async () => {
  const before = notes();
  const res = await post(`/lead/${LEAD}/note`, { csrf, text: 'cross-origin note' }, { jar: ada, headers: { origin: OTHER_PORT } });
  assertRefused(res, 'a note from another port');
  assert.equal(notes(), before, 'no note written');
  const ok = await post(`/lead/${LEAD}/note`, { csrf, text: 'same-origin note' }, { jar: ada, headers: { origin: OWN } });
  assert.equal(ok.status, 303, 'the same form from this site is written');
  assert.equal(notes(), before + 1);
});
