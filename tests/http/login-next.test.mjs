// A3, A4 — without a session every page answers 302 to
// /login?next=<the path>; after logging in the user lands there; next accepts
// only a local path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, csrfOf, BASE, PASSWORD } from '../lib/client.mjs';
import { leadPid, randomId, postLogin, loginForm, jarWith } from '../lib/http-extra.mjs';

// The next value of a redirect to the login page, checked for shape.
function nextOf(res, what) {
  assert.equal(res.status, 302, `${what}: ${res.status}`);
  const loc = res.headers.location;
  assert.ok(loc, `${what}: a Location`);
  // one query parameter, its value %-encoded: no raw ? & # = or space in it
  assert.match(loc, /^\/login\?next=[A-Za-z0-9%._~\/-]+$/, `${what}: Location ${loc}`);
  return new URL(loc, BASE).searchParams.get('next');
}

test('without a session /leads answers 302 to /login?next=/leads', async () => {
  assert.equal(nextOf(await get('/leads'), '/leads'), '/leads');
});

test('without a session a lead page answers 302 to /login?next=<its path>', async () => {
  const globex = leadPid('Globex Corporation');
  assert.equal(nextOf(await get(`/lead/${globex}/`), 'Globex'), `/lead/${globex}/`);
  // an unknown lead too (no session: nothing is looked up, nothing leaks)
  const unknown = randomId('lead_');
  assert.equal(nextOf(await get(`/lead/${unknown}/`), 'unknown lead'), `/lead/${unknown}/`);
});

test('the query string is kept in next, %-encoded', async () => {
  const after = leadPid('Globex Corporation');
  assert.equal(nextOf(await get(`/leads?after=${after}`), '/leads?after'), `/leads?after=${after}`);
});

test('a stale or forged session cookie is treated as no session', async () => {
  for (const tok of ['x', randomId('').slice(0, 43), 'A'.repeat(43)]) {
    const res = await get('/leads', { jar: jarWith('ll_session', tok) });
    assert.equal(nextOf(res, `cookie ${tok}`), '/leads');
  }
});

test('a POST without a session does not act: 303 to /login', async () => {
  const res = await post('/logout', { csrf: 'x' });
  assert.equal(res.status, 303);
  assert.match(res.headers.location, /^\/login(\?|$)/);
});

test('the login form carries next, and logging in with it lands there (303)', async () => {
  const globex = leadPid('Globex Corporation');
  const path = `/lead/${globex}/`;
  const first = await get(path);
  const next = nextOf(first, 'lead');
  const jar = new Map();
  const form = await get(first.headers.location, { jar });
  assert.equal(form.status, 200);
  assert.match(form.body, new RegExp(`name="next" value="${path.replace(/[/]/g, '\\/')}"`), 'the form keeps next');
  const res = await post('/login', { csrf: csrfOf(form.body), email: 'ada@northwind.test', password: PASSWORD, next }, { jar });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, path);
  const page = await get(res.headers.location, { jar });
  assert.equal(page.status, 200);
  assert.match(page.body, /Globex Corporation/);
});

test('next with a query string survives the round trip', async () => {
  const after = leadPid('Globex Corporation');
  const jar = new Map();
  const res = await postLogin(jar, { email: 'ada@northwind.test', next: `/leads?after=${after}` });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/leads?after=${after}`);
});

test('GET /login with a session goes straight to next', async () => {
  const jar = new Map();
  assert.equal((await postLogin(jar, { email: 'ada@northwind.test' })).status, 303);
  const res = await get('/login?next=%2Fleads', { jar });
  assert.ok([302, 303].includes(res.status), `status ${res.status}`);
  assert.equal(res.headers.location, '/leads');
});

const OFFSITE = ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)',
  'http://evil.example/leads', '\\\\evil.example', '/\\/evil.example', 'evil.example', '///evil.example'];

test('next accepts only a local path: //host, a scheme, /\\host, javascript: all land on /leads', async () => {
  for (const next of OFFSITE) {
    const jar = new Map();
    const res = await postLogin(jar, { email: 'ada@northwind.test', next });
    assert.equal(res.status, 303, `next=${next}: ${res.status}`);
    assert.equal(res.headers.location, '/leads', `next=${JSON.stringify(next)} → ${res.headers.location}`);
  }
});

test('the login form never carries an off-site next', async () => {
  for (const next of OFFSITE) {
    const res = await get(`/login?next=${encodeURIComponent(next)}`, { jar: new Map() });
    assert.equal(res.status, 200, `next=${next}`);
    const m = res.body.match(/name="next" value="([^"]*)"/);
    assert.ok(m, 'a next field');
    assert.equal(m[1], '/leads', `next=${JSON.stringify(next)} kept as ${m[1]}`);
  }
});

test('GET /login with a session never redirects off-site', async () => {
  const jar = new Map();
  assert.equal((await postLogin(jar, { email: 'ada@northwind.test' })).status, 303);
  for (const next of OFFSITE) {
    const res = await get(`/login?next=${encodeURIComponent(next)}`, { jar });
    assert.ok([302, 303].includes(res.status), `next=${next}: ${res.status}`);
    assert.equal(res.headers.location, '/leads', `next=${JSON.stringify(next)} → ${res.headers.location}`);
  }
});

// Browsers strip tab, CR and LF from a URL before parsing it (WHATWG URL), so
// "/\t/evil.example" is "//evil.example" to them.
test('next with a tab, CR or LF between the slashes does not escape the site either', async () => {
  for (const next of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '\t//evil.example']) {
    const jar = new Map();
    const res = await postLogin(jar, { email: 'ada@northwind.test', next });
    if (res.status === 400) continue;   // refusing it is fine too
    assert.equal(res.status, 303, `next=${JSON.stringify(next)}: ${res.status}`);
    const loc = res.headers.location;
    assert.ok(loc, `next=${JSON.stringify(next)}: a 303 needs a Location`);
    const url = new URL(loc, BASE);
    assert.equal(url.origin, new URL(BASE).origin, `next=${JSON.stringify(next)} → Location ${JSON.stringify(loc)} leaves the site`);
  }
});

test('a wrong password keeps next in the form again', async () => {
  const jar = new Map();
  const csrf = await loginForm(jar);
  const res = await post('/login', { csrf, email: 'ada@northwind.test', password: 'wrong', next: '/leads?after=x' }, { jar });
  assert.equal(res.status, 403);
  assert.match(res.body, /name="next" value="\/leads\?after=x"/);
});
