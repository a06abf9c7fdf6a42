// U1, U2 — CSRF refusals on /login and /logout change nothing; logging out
// ends the session on the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, PASSWORD } from '../lib/client.mjs';
import {
  one, cookieOf, setsSession, loginForm, postLogin, session, jarWith, sessionRow,
  sessionCount, assertErrorPage, randomId,
} from '../lib/http-extra.mjs';

const CSRF_REFUSED = /^This form has expired or did not come from leadline\. Reload the page and try again; nothing was changed\.$/;

async function refusedLogin(jar, form, what) {
  const before = sessionCount();
  const res = await post('/login', form, { jar });
  assertErrorPage(res, 403, CSRF_REFUSED, what);
  assert.ok(!setsSession(res), `${what}: no session cookie`);
  assert.equal(jar.get('ll_session'), undefined, `${what}: no session cookie in the jar`);
  assert.equal(sessionCount(), before, `${what}: no session row`);
}

test('POST /login without a csrf field: 403, no session', async () => {
  const jar = new Map();
  await loginForm(jar);
  await refusedLogin(jar, { email: 'ada@northwind.test', password: PASSWORD, next: '/leads' }, 'no csrf');
});

test('POST /login with a wrong csrf value: 403, no session', async () => {
  const jar = new Map();
  const csrf = await loginForm(jar);
  const wrong = csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A');
  await refusedLogin(jar, { csrf: wrong, email: 'ada@northwind.test', password: PASSWORD }, 'wrong csrf');
  await refusedLogin(jar, { csrf: '', email: 'ada@northwind.test', password: PASSWORD }, 'empty csrf');
});

test('POST /login with a csrf field but without its cookie: 403, no session', async () => {
  const jar = new Map();
  const csrf = await loginForm(jar);
  const bare = new Map();
  await refusedLogin(bare, { csrf, email: 'ada@northwind.test', password: PASSWORD }, 'no ll_csrf cookie');
});

test('POST /logout without csrf: 403, and the session still works', async () => {
  const s = await session('ada@northwind.test');
  const row = sessionRow(s.csrf);
  const res = await post('/logout', {}, { jar: s.jar });
  assertErrorPage(res, 403, CSRF_REFUSED, 'logout without csrf');
  assert.ok(!cookieOf(res, 'll_session'), 'the session cookie is not touched');
  assert.equal((await get('/leads', { jar: s.jar })).status, 200, 'the session still works');
  assert.deepEqual(sessionRow(s.csrf), row, 'its row is unchanged');
});

test('POST /logout with a wrong csrf (another session\'s, or made up): 403, and the session still works', async () => {
  const s = await session('ada@northwind.test');
  const other = await session('ada@northwind.test');
  for (const csrf of [other.csrf, s.jar.get('ll_csrf'), randomId('').slice(0, 43), 'x']) {
    const res = await post('/logout', { csrf }, { jar: s.jar });
    assertErrorPage(res, 403, CSRF_REFUSED, `logout with csrf ${csrf}`);
    assert.ok(!cookieOf(res, 'll_session'), 'the session cookie is not touched');
    assert.equal((await get('/leads', { jar: s.jar })).status, 200, 'the session still works');
    assert.ok(sessionRow(s.csrf), 'its row is still there');
  }
  assert.equal((await get('/leads', { jar: other.jar })).status, 200, 'the other session too');
});

test('POST /logout with csrf: 303 to /login, the cookie is cleared, the session ends on the server', async () => {
  const s = await session('ada@northwind.test');
  const row = sessionRow(s.csrf);
  assert.ok(row);
  const res = await post('/logout', { csrf: s.csrf }, { jar: s.jar });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  assert.equal(res.headers.location, '/login');
  const c = cookieOf(res, 'll_session');
  assert.ok(c, 'the response clears the session cookie');
  assert.ok(c.value === '' || c.attrs.get('max-age') === '0' || /1970/.test(String(c.attrs.get('expires'))),
    `cleared: ${c.line}`);
  // the old cookie, replayed, no longer opens anything
  const replay = await get('/leads', { jar: jarWith('ll_session', s.token) });
  assert.equal(replay.status, 302);
  assert.match(replay.headers.location, /^\/login\?next=/);
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${row[0]}`), '0', 'its row is gone');
  // nor can it log out again or post anything
  const again = await post('/logout', { csrf: s.csrf }, { jar: jarWith('ll_session', s.token) });
  assert.equal(again.status, 303);
  assert.equal(again.headers.location, '/login');
});

test('logging out one session leaves the user\'s other sessions alone', async () => {
  const a = await session('ada@northwind.test');
  const b = await session('ada@northwind.test');
  const res = await post('/logout', { csrf: a.csrf }, { jar: a.jar });
  assert.equal(res.status, 303);
  assert.equal((await get('/leads', { jar: b.jar })).status, 200);
  assert.equal((await get('/leads', { jar: jarWith('ll_session', a.token) })).status, 302);
});

test('logout over TLS ends the __Host- session', { skip: !process.env.TLS_URL && 'no TLS_URL' }, async () => {
  const s = await session('ada@northwind.test', { tls: true });
  const res = await post('/logout', { csrf: s.csrf }, { jar: s.jar, tls: true });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/login');
  const c = cookieOf(res, '__Host-ll_session');
  assert.ok(c, 'the __Host- cookie is cleared');
  assert.equal(c.attrs.get('secure'), true, 'a __Host- cookie is only accepted with Secure');
  const replay = await get('/leads', { jar: jarWith('__Host-ll_session', s.token), tls: true });
  assert.equal(replay.status, 302);
  assert.equal(sessionRow(s.csrf), undefined);
});

test('a logged-in user posting the login form gets a fresh session (not a CSRF refusal)', async () => {
  const s = await session('ada@northwind.test');
  const res = await postLogin(s.jar, { email: 'ada@northwind.test', csrf: s.jar.get('ll_csrf'), next: '/leads' });
  assert.equal(res.status, 303);
  assert.notEqual(s.jar.get('ll_session'), s.token);
});
