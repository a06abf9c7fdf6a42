// "Quality every page shares" — every answer carries the security
// headers (CSP with default-src 'self' and frame-ancestors 'none', nosniff,
// Referrer-Policy same-origin); pages are not cached (Cache-Control: no-store).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { get, post, request, BASE } from '../lib/client.mjs';
import { session, leadPid, randomId, loginForm } from '../lib/http-extra.mjs';

// Every header line as sent (node joins repeated ones), to catch duplicates.
function rawHeaders(path, headers = {}) {
  const u = new URL(BASE);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        const lines = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
        resolve({ status: res.statusCode, lines });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function csp(value) {
  const d = new Map();
  for (const part of String(value).split(';')) {
    const [name, ...src] = part.trim().split(/\s+/);
    if (name) d.set(name.toLowerCase(), src);
  }
  return d;
}

function assertSecurityHeaders(res, what, { page = true } = {}) {
  const h = res.headers;
  assert.ok(h['content-security-policy'], `${what}: a Content-Security-Policy`);
  const d = csp(h['content-security-policy']);
  assert.deepEqual(d.get('default-src'), ["'self'"], `${what}: default-src 'self' (${h['content-security-policy']})`);
  assert.deepEqual(d.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors 'none'`);
  for (const [name, src] of d) {
    assert.ok(!src.includes("'unsafe-inline'") && !src.includes("'unsafe-eval'") && !src.includes('*'),
      `${what}: ${name} ${src.join(' ')} is too open`);
  }
  assert.equal(h['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(h['referrer-policy'], 'same-origin', `${what}: Referrer-Policy`);
  if (page) assert.match(String(h['cache-control'] ?? ''), /(^|,\s*)no-store(,|$)/, `${what}: Cache-Control no-store`);
}

test('the login form, a refused login and a redirect carry the security headers', async () => {
  const jar = new Map();
  assertSecurityHeaders(await get('/login', { jar }), 'GET /login');
  const csrf = await loginForm(jar);
  assertSecurityHeaders(await post('/login', { csrf, email: 'ada@northwind.test', password: 'wrong' }, { jar }), 'refused login');
  assertSecurityHeaders(await post('/login', { email: 'ada@northwind.test', password: 'wrong' }, { jar }), 'csrf refusal');
  assertSecurityHeaders(await get('/leads'), '302 to login');
  assertSecurityHeaders(await post('/login', { csrf, email: 'ada@northwind.test', password: 'leadline-demo' }, { jar }), '303 after login');
});

test('logged-in pages and their errors carry the security headers', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const globex = leadPid('Globex Corporation');
  const cases = [
    ['/leads', 200], [`/lead/${globex}/`, 200], [`/lead/${randomId('lead_')}/`, 404],
    ['/leads?after=garbage', 400], ['/leads?after=%FF', 400],
  ];
  for (const [path, status] of cases) {
    const res = await get(path, { jar });
    assert.equal(res.status, status, path);
    assertSecurityHeaders(res, `GET ${path}`);
  }
  const m = await request('PUT', '/leads', { jar, body: { csrf } });
  assert.equal(m.status, 405);
  assertSecurityHeaders(m, 'PUT /leads');
  const out = await post('/logout', { csrf }, { jar });
  assert.equal(out.status, 303);
  assertSecurityHeaders(out, 'POST /logout');
});

test('only the summary panel may be framed, and only by the site itself', async () => {
  const { jar } = await session('ada@northwind.test');
  const globex = leadPid('Globex Corporation');
  const fa = (res) => /frame-ancestors ([^;]+)/.exec(res.headers['content-security-policy'] ?? '')?.[1];
  const panel = await get(`/lead/${globex}/summary/panel`, { jar });
  assert.equal(panel.status, 200);
  assert.equal(fa(panel), "'self'", 'the panel');
  for (const path of [`/lead/${globex}/summary`, `/lead/${globex}/summary/panel/x`, `/lead/${globex}/`, `/leads?q=summary/panel`]) {
    const res = await get(path, { jar });
    assert.equal(fa(res), "'none'", path);
  }
});

test('nginx\'s own answers (unknown path, 413) carry them too', async () => {
  const nope = await get('/nope');
  assert.equal(nope.status, 404);
  assertSecurityHeaders(nope, '/nope', { page: false });
  const jar = new Map();
  const csrf = await loginForm(jar);
  const big = await post('/login', `csrf=${csrf}&pad=${'a'.repeat(2 * 1024 * 1024)}`,
    { jar, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(big.status, 413);
  assertSecurityHeaders(big, '413', { page: false });
});

test('TLS answers carry them too', { skip: !process.env.TLS_URL && 'no TLS_URL' }, async () => {
  const res = await get('/login', { tls: true, jar: new Map() });
  assert.equal(res.status, 200);
  assertSecurityHeaders(res, 'GET /login over TLS');
});

test('each security header is sent once, and no server version is told', async () => {
  const { token } = await session('ada@northwind.test');
  for (const path of ['/login', '/leads', '/nope']) {
    const { lines } = await rawHeaders(path, { cookie: `ll_session=${token}` });
    for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'content-type', 'cache-control']) {
      const n = lines.filter(([k]) => k === name).length;
      assert.ok(n <= 1, `${path}: ${name} sent ${n} times`);
    }
    const server = lines.find(([k]) => k === 'server');
    assert.ok(!server || !/\d/.test(server[1]), `${path}: Server: ${server && server[1]}`);
    assert.ok(!lines.some(([k]) => k === 'x-powered-by'), `${path}: X-Powered-By`);
  }
});

test('pages are HTML in UTF-8, and the static stylesheet is served', async () => {
  const res = await get('/login', { jar: new Map() });
  assert.match(res.headers['content-type'], /^text\/html;\s*charset=utf-8$/i);
  const css = await get('/static/leadline.css');
  assert.equal(css.status, 200);
  assert.match(css.headers['content-type'], /^text\/css/);
  assert.equal(css.headers['x-content-type-options'], 'nosniff');
});
