// U1, U2 — the login form, logging in, the session cookie's flags over http
// and https, the stored token hash, a new session id at every login, and the
// same answer for every refused login.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, csrfOf, sql, TLS_BASE } from '../lib/client.mjs';
import {
  lit, one, cookieOf, parseSetCookies, setsSession, loginForm, postLogin, session,
  jarWith, sessionRow, sessionCount, clearThrottle, PASSWORD,
} from '../lib/http-extra.mjs';

// These tests refuse more logins than the throttle lets through (its own
// test is login-throttle): each starts with no failure counted.
beforeEach(() => clearThrottle());

test('GET /login: 200, a form with a csrf field, and the pre-session ll_csrf cookie (HttpOnly, SameSite=Strict)', async () => {
  const jar = new Map();
  const res = await get('/login', { jar });
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^text\/html; charset=utf-8/i);
  assert.match(res.body, /<form[^>]*method="post"[^>]*action="\/login"/);
  assert.match(res.body, /<input[^>]*type="hidden"[^>]*name="csrf"[^>]*value="[^"]+"/);
  assert.match(res.body, /name="email"/);
  assert.match(res.body, /name="password"[^>]*type="password"|type="password"[^>]*name="password"/);
  const csrf = csrfOf(res.body);
  assert.ok(csrf && csrf.length >= 32, 'a csrf token of some strength');
  const c = cookieOf(res, 'll_csrf');
  assert.ok(c, `ll_csrf is set (got ${res.setCookies.join(' | ')})`);
  assert.equal(c.value, csrf, 'the cookie is the double-submit twin of the field');
  assert.equal(c.attrs.get('httponly'), true, 'HttpOnly');
  assert.equal(String(c.attrs.get('samesite')).toLowerCase(), 'strict', 'SameSite=Strict');
  assert.equal(c.attrs.get('path'), '/');
  assert.ok(!c.attrs.has('secure'), 'no Secure over plain http');
  // no session is made by looking at the form
  assert.ok(!setsSession(res));
});

test('a second GET /login keeps the same pre-session csrf token', async () => {
  const jar = new Map();
  const a = await loginForm(jar);
  const b = await loginForm(jar);
  assert.equal(a, b);
});

test('good login: 303 to next (or /leads); ll_session HttpOnly, SameSite=Lax, Path=/, no Secure over http', async () => {
  const jar = new Map();
  const res = await postLogin(jar, { email: 'ada@northwind.test', next: '/leads' });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  assert.equal(res.headers.location, '/leads');
  const c = cookieOf(res, 'll_session');
  assert.ok(c, `ll_session is set (got ${res.setCookies.join(' | ')})`);
  assert.ok(c.value.length >= 32, 'a long random token');
  assert.equal(c.attrs.get('httponly'), true, 'HttpOnly');
  assert.equal(String(c.attrs.get('samesite')).toLowerCase(), 'lax', 'SameSite=Lax');
  assert.equal(c.attrs.get('path'), '/', 'Path=/');
  assert.ok(!c.attrs.has('secure'), 'no Secure over plain http');
  assert.ok(!c.attrs.has('domain'), 'no Domain');
  // the session works and is ada's
  const page = await get('/leads', { jar });
  assert.equal(page.status, 200);
  assert.match(page.body, /Northwind Traders/);
});

test('good login without next lands on /leads', async () => {
  const jar = new Map();
  const res = await postLogin(jar, { email: 'ada@northwind.test' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/leads');
});

test('the email is matched whatever its case and surrounding spaces', async () => {
  for (const email of ['ADA@Northwind.TEST', '  ada@northwind.test  ', '\tAda@NorthWind.test ']) {
    const jar = new Map();
    const res = await postLogin(jar, { email, next: '/leads' });
    assert.equal(res.status, 303, `login as ${JSON.stringify(email)}: ${res.status}`);
    assert.ok(jar.get('ll_session'), `a session for ${JSON.stringify(email)}`);
    assert.equal((await get('/leads', { jar })).status, 200);
  }
});

test('over TLS: __Host-ll_session, Secure, Path=/, no Domain, HttpOnly, SameSite=Lax', { skip: !TLS_BASE && 'no TLS_URL' }, async () => {
  const jar = new Map();
  const form = await get('/login', { jar, tls: true });
  assert.equal(form.status, 200);
  const pre = parseSetCookies(form).find((c) => /ll_csrf$/.test(c.name));
  assert.ok(pre, 'a pre-session csrf cookie over TLS too');
  assert.equal(pre.name, '__Host-ll_csrf', 'the pre-session cookie is __Host- under https');
  assert.equal(pre.attrs.get('secure'), true);
  const res = await post('/login', { csrf: csrfOf(form.body), email: 'ada@northwind.test', password: PASSWORD, next: '/leads' },
    { jar, tls: true });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  assert.equal(res.headers.location, '/leads');
  const c = cookieOf(res, '__Host-ll_session');
  assert.ok(c, `__Host-ll_session is set (got ${res.setCookies.join(' | ')})`);
  assert.ok(!cookieOf(res, 'll_session'), 'no unprefixed session cookie under https');
  assert.equal(c.attrs.get('secure'), true, 'Secure');
  assert.equal(c.attrs.get('path'), '/', 'Path=/');
  assert.ok(!c.attrs.has('domain'), 'no Domain');
  assert.equal(c.attrs.get('httponly'), true, 'HttpOnly');
  assert.equal(String(c.attrs.get('samesite')).toLowerCase(), 'lax', 'SameSite=Lax');
  const page = await get('/leads', { jar, tls: true });
  assert.equal(page.status, 200, 'the __Host- session works over TLS');
});

test('only a hash of the token is stored: 32 bytes, never the token itself', async () => {
  const { token, csrf } = await session('ada@northwind.test');
  const row = sessionRow(csrf);
  assert.ok(row, 'the session has a row');
  const [, hex, len] = row;
  assert.equal(Number(len), 32, 'token_hash is 32 bytes');
  const tokenHex = Buffer.from(token, 'utf8').toString('hex').toUpperCase();
  assert.notEqual(hex, tokenHex, 'token_hash is not the token');
  assert.ok(!hex.includes(tokenHex), 'token_hash does not hold the token');
  // nor the raw 32 random bytes the token encodes
  assert.notEqual(hex, Buffer.from(token, 'base64url').toString('hex').toUpperCase(), 'not the decoded token');
  // no column of any session row holds the token, as text or bytes
  const cols = sql(`SELECT column_name FROM information_schema.columns
    WHERE table_schema = DATABASE() AND table_name = 'sessions'`).map((r) => r[0]);
  assert.ok(cols.length > 0);
  for (const col of cols) {
    const n = one(`SELECT COUNT(*) FROM sessions WHERE
      LOCATE(${lit(token)}, CAST(\`${col}\` AS BINARY)) > 0
      OR LOCATE(UNHEX('${Buffer.from(token, 'base64url').toString('hex')}'), CAST(\`${col}\` AS BINARY)) > 0`);
    assert.equal(n, '0', `column sessions.${col} holds the token`);
  }
});

test('a new session id at every login: two logins give two different tokens, both stored as hashes', async () => {
  const a = await session('ada@northwind.test');
  const b = await session('ada@northwind.test');
  assert.notEqual(a.token, b.token);
  assert.notEqual(a.csrf, b.csrf, 'each session has its own csrf token');
  assert.notEqual(sessionRow(a.csrf)[1], sessionRow(b.csrf)[1]);
});

test('logging in with an old session cookie present: a new token, and the old session stops working', async () => {
  const old = await session('ada@northwind.test');
  const oldRow = sessionRow(old.csrf);
  // the login form's csrf cookie is still in the jar; post the form again
  const res = await post('/login', {
    csrf: old.jar.get('ll_csrf'), email: 'ada@northwind.test', password: PASSWORD, next: '/leads',
  }, { jar: old.jar });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const fresh = old.jar.get('ll_session');
  assert.ok(fresh);
  assert.notEqual(fresh, old.token, 'a new session id');
  const replay = await get('/leads', { jar: jarWith('ll_session', old.token) });
  assert.equal(replay.status, 302, 'the old session cookie no longer works');
  assert.match(replay.headers.location, /^\/login\?next=/);
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${oldRow[0]}`), '0', 'the old session row is gone');
  const now = await get('/leads', { jar: jarWith('ll_session', fresh) });
  assert.equal(now.status, 200, 'the new session works');
});

// The refusal page with what may differ between two refusals taken out: the
// echoed email and the csrf token.
function normalized(body) {
  return body
    .replace(/(name="email"[^>]*value=")[^"]*"/g, '$1EMAIL"')
    .replace(/(value=")[^"]*("[^>]*name="email")/g, '$1EMAIL$2')
    .replace(/(name="csrf" value=")[^"]*"/g, '$1CSRF"');
}

async function refused(email, password) {
  const jar = new Map();
  const before = sessionCount();
  const res = await postLogin(jar, { email, password, next: '/leads' });
  assert.ok(!setsSession(res), `no session cookie for ${email}`);
  assert.equal(jar.get('ll_session'), undefined);
  assert.equal(sessionCount(), before, `no session row for ${email}`);
  assert.equal(res.status, 403, `refused login of ${email}`);
  assert.match(res.body, /<form[^>]*action="\/login"/, `the form again for ${email}`);
  assert.match(res.body, /name="csrf" value="[^"]+"/, 'the form again carries its csrf token');
  assert.match(res.body, /role="alert"|class="form-error"|class="message"/, 'with a message');
  return res;
}

test('a wrong password and an unknown email get the same answer: 403, the same page', async () => {
  const wrong = await refused('ada@northwind.test', 'not-the-password');
  const unknown = await refused('nobody@northwind.test', 'not-the-password');
  const unknown2 = await refused('nobody@nowhere.example', PASSWORD);
  assert.equal(wrong.status, 403);
  assert.equal(unknown.status, 403);
  assert.equal(unknown2.status, 403);
  assert.match(wrong.body, /do not match|wrong|incorrect|invalid/i, 'a message says why');
  assert.ok(!/ada@northwind\.test/.test(wrong.body.replace(/value="ada@northwind\.test"/, '')),
    'the address is only echoed into its field');
  assert.equal(normalized(unknown.body), normalized(wrong.body));
  assert.equal(normalized(unknown2.body), normalized(wrong.body));
});

test('a deactivated user (dan) cannot log in with the right password, and gets the same answer', async () => {
  const wrong = await refused('ada@northwind.test', 'not-the-password');
  const dan = await refused('dan@northwind.test', PASSWORD);
  assert.equal(dan.status, 403);
  assert.equal(normalized(dan.body), normalized(wrong.body));
});

test('an empty email or password is refused like a wrong one', async () => {
  const wrong = await refused('ada@northwind.test', 'not-the-password');
  const empty = await refused('ada@northwind.test', '');
  assert.equal(empty.status, 403);
  assert.equal(normalized(empty.body), normalized(wrong.body));
});

// The same answer includes the same work: an unknown email still costs a
// password hash check, so timing does not tell which emails exist.
test('an unknown email takes about as long as a wrong password (no user enumeration by timing)', async () => {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (email) => {
    const jar = new Map();
    const csrf = await loginForm(jar);
    const t0 = process.hrtime.bigint();
    const res = await post('/login', { csrf, email, password: 'not-the-password' }, { jar });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.equal(res.status, 403);
    return ms;
  };
  const wrong = [];
  const unknown = [];
  for (let i = 0; i < 7; i++) {
    clearThrottle();
    wrong.push(await time('ada@northwind.test'));
    unknown.push(await time(`nobody${i}@northwind.test`));
  }
  const w = median(wrong);
  const u = median(unknown);
  // both ways: an unknown email must cost neither much less (no hash) nor much
  // more (a second hash) than a wrong password
  assert.ok(u > 0.4 * w && w > 0.4 * u, `unknown email ${u.toFixed(1)} ms vs wrong password ${w.toFixed(1)} ms`);
});
