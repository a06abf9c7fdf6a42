// The full set of security headers on every kind of answer of the TLS
// instance: a page, a redirect, the program's error page, nginx's own 404 and
// 413, a static file, the framed summary panel and a download sent by nginx's
// internal /_files/ location (whose own add_header lines would drop the
// server's: scripts/nginx.conf.in repeats them). Each once:
// Strict-Transport-Security (under TLS only), a CSP whose script-src names only
// this site's /static/, nosniff, Referrer-Policy. Over plain HTTP no HSTS.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import http from 'node:http';
import { BASE, TLS_BASE, sql } from '../lib/client.mjs';
import { session, leadPid } from '../lib/http-extra.mjs';

const GLOBEX = leadPid('Globex Corporation');
const PDF = sql(`SELECT pid FROM files WHERE sniffed_type = 'application/pdf' LIMIT 1`)[0][0];
let cookie;

// Every header line as sent: [lowercase name, value] pairs.
function raw(path, { tls = true, method = 'GET', headers = {}, body } = {}) {
  const u = new URL(tls ? TLS_BASE : BASE);
  return new Promise((resolve, reject) => {
    const req = (tls ? https : http).request({ host: u.hostname, port: u.port, path, method, headers,
      rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => {
        const lines = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
        resolve({ status: res.statusCode, lines });
      });
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function csp(value) {
  const d = new Map();
  for (const part of value.split(';')) {
    const [name, ...src] = part.trim().split(/\s+/);
    if (name) d.set(name.toLowerCase(), src);
  }
  return d;
}

function assertFullSet(res, what, { download = false, framed = false, tls = true } = {}) {
  const once = (name) => {
    const v = res.lines.filter(([k]) => k === name).map(([, x]) => x);
    assert.equal(v.length, 1, `${what}: ${name} sent once (got ${v.length})`);
    return v[0];
  };
  if (tls) assert.equal(once('strict-transport-security'), 'max-age=31536000', `${what}: HSTS`);
  else assert.ok(!res.lines.some(([k]) => k === 'strict-transport-security'), `${what}: no HSTS over plain HTTP`);
  assert.equal(once('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(once('referrer-policy'), 'same-origin', `${what}: Referrer-Policy`);
  const d = csp(once('content-security-policy'));
  if (download) {
    assert.deepEqual(d.get('default-src'), ["'none'"], `${what}: a download loads nothing`);
    assert.ok(d.has('sandbox'), `${what}: sandboxed`);
    assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
    return;
  }
  assert.deepEqual(d.get('default-src'), ["'self'"], `${what}: default-src 'self'`);
  assert.deepEqual(d.get('script-src'), [`${new URL(tls ? TLS_BASE : BASE).origin}/static/`], `${what}: scripts only from /static/`);
  assert.deepEqual(d.get('frame-ancestors'), [framed ? "'self'" : "'none'"], `${what}: frame-ancestors`);
}

before(async () => {
  const s = await session('ada@northwind.test', { tls: true });
  cookie = `__Host-ll_session=${s.token}`;
});

test('every kind of answer over TLS carries the full set, each header once', async () => {
  const cases = [
    ['/leads', 200, {}],
    [`/lead/${GLOBEX}/`, 200, {}],
    [`/lead/${GLOBEX}/summary/panel`, 200, { framed: true }],
    ['/', 302, {}],
    ['/lead/lead_nope/', 404, {}],
    ['/nope', 404, {}],
    ['/static/leadline.css', 200, {}],
    ['/static/lead.js', 200, {}],
    [`/file/${PDF}`, 200, { download: true }],
  ];
  for (const [path, status, opts] of cases) {
    const res = await raw(path, { headers: { cookie } });
    assert.equal(res.status, status, `GET ${path}: ${res.status}`);
    assertFullSet(res, `GET ${path}`, opts);
  }
  const form = await raw('/login');
  assert.equal(form.status, 200);
  assertFullSet(form, 'GET /login without a session');
});

test('nginx\'s 413 and the program\'s 403 over TLS carry it too', async () => {
  const big = await raw('/login', { method: 'POST', body: `pad=${'a'.repeat(2 * 1024 * 1024)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(big.status, 413);
  assertFullSet(big, 'nginx 413');
  const forged = await raw('/login', { method: 'POST', body: 'csrf=forged&email=a&password=b',
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(forged.status, 403);
  assertFullSet(forged, 'POST /login without its token');
});

test('over plain HTTP the same set but HSTS, the download included', async () => {
  const plain = await session('ada@northwind.test');
  const cases = [['/leads', 200, {}], ['/nope', 404, {}], ['/static/leadline.css', 200, {}], [`/file/${PDF}`, 200, { download: true }]];
  for (const [path, status, opts] of cases) {
    const res = await raw(path, { tls: false, headers: { cookie: `ll_session=${plain.token}` } });
    assert.equal(res.status, status, `GET ${path}`);
    assertFullSet(res, `plain GET ${path}`, { ...opts, tls: false });
  }
});
