// "Quality every page shares" — bad input anywhere gets a clear error with
// the right status (4xx, never 5xx) and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, get, post, PASSWORD } from '../lib/client.mjs';
import {
  session, sessionCount, setsSession, loginForm, assertErrorPage, leadPid,
} from '../lib/http-extra.mjs';

const BAD_PARAM = /malformed|not valid|UTF-8|invalid/i;

// A POST /login whose refusal must not make a session; returns the response.
async function loginRefused(jar, body, headers = {}, what = '') {
  const before = sessionCount();
  const res = await request('POST', '/login', { jar, body, headers });
  assert.ok(!setsSession(res), `${what}: no session cookie`);
  assert.equal(sessionCount(), before, `${what}: no session row`);
  return res;
}

test('invalid UTF-8 in the query (/leads?after=%FF) → 400 naming UTF-8', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const q of ['after=%FF', 'after=%C3%28', 'after=%ED%A0%80', 'x=%C0%AF', 'after=lead_%F0%9F']) {
    const res = await get(`/leads?${q}`, { jar });
    assertErrorPage(res, 400, /UTF-8/i, `/leads?${q}`);
  }
});

test('a malformed %-escape (%zz, a lone %) → 400', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const q of ['after=%zz', 'after=%', 'after=%4', '%zz=1']) {
    const res = await get(`/leads?${q}`, { jar });
    assertErrorPage(res, 400, BAD_PARAM, `/leads?${q}`);
  }
});

test('a NUL or control character in a parameter → 400', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const q of ['after=%00', 'after=lead_%01']) {
    const res = await get(`/leads?${q}`, { jar });
    assertErrorPage(res, 400, null, `/leads?${q}`);
  }
});

test('a doubled parameter (POST /login with next twice) → 400 naming it, no session', async () => {
  const jar = new Map();
  const csrf = await loginForm(jar);
  const body = `csrf=${encodeURIComponent(csrf)}&email=ada%40northwind.test&password=${PASSWORD}&next=%2Fleads&next=%2Fleads`;
  const res = await loginRefused(jar, body, { 'content-type': 'application/x-www-form-urlencoded' }, 'next twice');
  const msg = assertErrorPage(res, 400, /next/, 'next twice');
  assert.match(msg, /more than once|twice|repeated|duplicate/i);
  // and a doubled email, with different values
  const body2 = `csrf=${encodeURIComponent(csrf)}&email=ada%40northwind.test&email=ben%40northwind.test&password=${PASSWORD}`;
  const res2 = await loginRefused(jar, body2, { 'content-type': 'application/x-www-form-urlencoded' }, 'email twice');
  assertErrorPage(res2, 400, /email/, 'email twice');
});

test('a doubled query parameter (/leads?after=..&after=..) → 400 naming it', async () => {
  const { jar } = await session('ada@northwind.test');
  const g = leadPid('Globex Corporation');
  const res = await get(`/leads?after=${g}&after=${g}`, { jar });
  assertErrorPage(res, 400, /after/, 'after twice');
});

test('a body over the limit (POST /login with 2 MB) → 413, no session', async () => {
  const jar = new Map();
  const csrf = await loginForm(jar);
  const big = `csrf=${encodeURIComponent(csrf)}&email=ada%40northwind.test&password=${PASSWORD}&pad=${'a'.repeat(2 * 1024 * 1024)}`;
  const res = await loginRefused(jar, big, { 'content-type': 'application/x-www-form-urlencoded' }, '2 MB');
  assert.equal(res.status, 413);
  assert.match(res.body, /413|too large/i, 'a message');
});

// POST /leads creates a lead (L8, the new lead form): it is in Allow.
test('wrong method: PUT, DELETE and PATCH /leads → 405 with Allow', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  for (const [m, body] of [['PUT', { csrf }], ['DELETE', undefined], ['PATCH', { csrf }]]) {
    const res = await request(m, '/leads', { jar, body });
    assertErrorPage(res, 405, /method/i, `${m} /leads`);
    assert.ok(res.headers.allow, `${m} /leads: an Allow header`);
    const allow = res.headers.allow.split(/\s*,\s*/);
    assert.ok(allow.includes('GET') && allow.includes('POST'), `Allow: ${res.headers.allow}`);
    assert.ok(!allow.includes(m), `Allow: ${res.headers.allow} must not list ${m}`);
  }
});

test('wrong method on the other pages: GET /logout, PUT /login, POST /lead/<id>/ → 405 with Allow', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const cases = [
    ['GET', '/logout', undefined, 'POST'],
    ['PUT', '/login', { csrf }, 'GET'],
    ['DELETE', `/lead/${leadPid('Globex Corporation')}/`, undefined, 'GET'],
  ];
  for (const [m, path, body, must] of cases) {
    const res = await request(m, path, { jar, body });
    assertErrorPage(res, 405, /method/i, `${m} ${path}`);
    assert.ok(res.headers.allow && res.headers.allow.split(/\s*,\s*/).includes(must), `${m} ${path}: Allow ${res.headers.allow}`);
  }
});

test('a wrong method changes nothing: DELETE /logout leaves the session alive', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const res = await request('DELETE', '/logout', { jar, body: { csrf } });
  assert.equal(res.status, 405);
  assert.equal((await get('/leads', { jar })).status, 200);
});

test('POST with Content-Type text/plain → 415, no session', async () => {
  const jar = new Map();
  const csrf = await loginForm(jar);
  const body = `csrf=${encodeURIComponent(csrf)}&email=ada%40northwind.test&password=${PASSWORD}`;
  for (const ct of ['text/plain', 'application/json', 'multipart/form-data; boundary=x']) {
    const res = await loginRefused(jar, body, { 'content-type': ct }, ct);
    assertErrorPage(res, 415, /x-www-form-urlencoded|content type|form/i, ct);
  }
});

test('POST without a Content-Type and a body → 415 (not accepted as a form)', async () => {
  const jar = new Map();
  const csrf = await loginForm(jar);
  const body = Buffer.from(`csrf=${encodeURIComponent(csrf)}&email=ada%40northwind.test&password=${PASSWORD}`);
  const res = await loginRefused(jar, body, {}, 'no content type');
  assert.equal(res.status, 415);
});

test('invalid UTF-8 in a form body → 400, no session', async () => {
  const jar = new Map();
  const csrf = await loginForm(jar);
  const body = `csrf=${encodeURIComponent(csrf)}&email=ada%40northwind.test%FF&password=${PASSWORD}`;
  const res = await loginRefused(jar, body, { 'content-type': 'application/x-www-form-urlencoded' }, 'utf8 body');
  assertErrorPage(res, 400, /UTF-8/i, 'utf8 body');
});

test('a cookie header with invalid UTF-8 bytes → 400', async () => {
  const { token } = await session('ada@northwind.test');
  // latin1 in a JS header string is sent as those bytes: 0xFF 0xFE
  for (const cookie of [`ll_session=${token}; junk=\xff\xfe`, 'junk=\xc3\x28', `ll_session=${token}\xff`]) {
    const res = await get('/leads', { headers: { cookie } });
    assertErrorPage(res, 400, /UTF-8/i, `cookie ${JSON.stringify(cookie)}`);
  }
});

test('a header over nginx\'s limit → 4xx, not 5xx', async () => {
  const { jar, token } = await session('ada@northwind.test');
  const cases = [
    { 'x-big': 'a'.repeat(20 * 1024) },
    { cookie: `ll_session=${token}; big=${'b'.repeat(20 * 1024)}` },
    Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`x-h${i}`, 'c'.repeat(15 * 1024)])),
  ];
  for (const headers of cases) {
    const res = await get('/leads', { jar, headers });
    assert.ok(res.status >= 400 && res.status < 500, `headers ${Object.keys(headers)}: ${res.status}`);
  }
});

test('a long cookie value under nginx\'s limit but over the application\'s is a 400 with its message, not 5xx', async () => {
  const { token } = await session('ada@northwind.test');
  const res = await get('/leads', { headers: { cookie: `ll_session=${token}; big=${'b'.repeat(8 * 1024)}` } });
  assertErrorPage(res, 400, /^A parameter of the request is too long\.$/);
});

test('a path with invalid UTF-8 (/lead/%FF/) → 400 saying so, with or without a session', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const p of ['/lead/%FF/', '/lead/%C3%28/', '/lead/lead_%FF/', '/lead/%ED%A0%80/']) {
    assertErrorPage(await get(p, { jar }), 400, /^The address is not valid UTF-8\.$/, p);
    assertErrorPage(await get(p), 400, /^The address is not valid UTF-8\.$/, `${p} without a session`);
  }
  // /leads%FF names no program (nginx routes /leads exactly): nginx's own 404
  const res = await get('/leads%FF');
  assert.equal(res.status, 404);
});

test('an unknown path /nope → 404', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const p of ['/nope', '/leads/', '/leads/x', '/login/x', '/logout/', '/lead/']) {
    const res = await get(p, { jar });
    assert.equal(res.status, 404, `${p} → ${res.status}`);
    assert.match(res.body, /404|not found|no such/i, `${p}: a message`);
  }
});

test('too many parameters → 400, not a crash', async () => {
  const { jar } = await session('ada@northwind.test');
  const q = Array.from({ length: 300 }, (_, i) => `p${i}=1`).join('&');
  const res = await get(`/leads?${q}`, { jar });
  assertErrorPage(res, 400, /too many/i, '300 parameters');
  // the worker lives on
  assert.equal((await get('/leads', { jar })).status, 200);
});
