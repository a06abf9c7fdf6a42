// Sessions against OWASP ASVS 5.0 (U1, U2, U4 of the product): one
// test per requirement, named by its number. Some repeat, in ASVS terms, what
// login.test, sessions.test, logout-csrf.test and security-headers.test check
// in more detail; those stay where they are.
//
//   7.2.3  session token ≥ 128 bits from a CSPRNG      7.2.4  a new token at login
//   7.3.1  idle timeout                                 7.3.2  absolute timeout
//   7.4.1  logout ends the session on the server        7.4.2  deactivation ends its sessions
//   3.3.1  Secure under HTTPS    3.3.2 SameSite    3.3.3 __Host-    3.3.4 HttpOnly
//   3.5.1  CSRF on every state change (every POST route of the route tables)
//   3.5.3  no state change on GET (every GET route)
//   3.4.3, 3.4.4, 3.4.6  CSP, nosniff and frame-ancestors on every response
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { request, get, post, sql, ROOT, TLS_BASE } from '../lib/client.mjs';
import {
  one, lit, session, sessionRow, jarWith, conf, postLogin, parseSetCookies, cookieOf, orgId, randomId, loginForm,
} from '../lib/http-extra.mjs';
import { routes, fill, KINDS } from '../lib/routes.mjs';
import { snapshot, dropImport } from '../lib/tables.mjs';
import { upload as importUpload, importPid, CSV } from '../lib/import.mjs';

const SESSION = /(^|-)ll_session$/;
let ada;
let ids;          // kind → an id of Northwind (ada's organization), all of one lead where they hang on one
let madeImport;

before(async () => {
  ada = await session('ada@northwind.test');
  const org = orgId('Northwind Traders');
  const leadId = one(`SELECT lead_id FROM files WHERE organization_id = ${org} ORDER BY id LIMIT 1`);
  const up = await importUpload(ada.jar, ada.csrf, 'asvs.csv', CSV('b2b-group.csv'));
  assert.equal(up.status, 303, `ada's import upload: ${up.status}`);
  madeImport = importPid(up);
  ids = {};
  for (const [kind, { table }] of Object.entries(KINDS)) {
    if (kind === 'lead') ids.lead = one(`SELECT pid FROM leads WHERE id = ${leadId}`);
    else if (kind === 'import') ids.import = madeImport;
    else {
      ids[kind] = one(`SELECT pid FROM ${table} WHERE organization_id = ${org} AND lead_id = ${leadId} ORDER BY id LIMIT 1`)
        ?? one(`SELECT pid FROM ${table} WHERE organization_id = ${org} ORDER BY id LIMIT 1`)
        ?? randomId(KINDS[kind].prefix);   // none yet (summaries): a well-formed id
    }
  }
});

after(() => {
  if (madeImport) dropImport(madeImport);
});

const sessionTable = () => sql('SELECT id, HEX(token_hash), user_id, organization_id, csrf_token FROM sessions ORDER BY id').map((r) => r.join(' ')).join('\n');

// ---- 7.2 session tokens ---------------------------------------------------------

test('ASVS 7.2.3: the session token has at least 128 bits of entropy from a CSPRNG', async () => {
  // the source: libsodium's randombytes_buf (the OS CSPRNG), 32 bytes, base64url
  const src = readFileSync(`${ROOT}/lib/auth.c`, 'utf8');
  const fn = src.slice(src.indexOf('auth_random_token(char'), src.indexOf('}', src.indexOf('auth_random_token(char')));
  assert.match(fn, /unsigned char raw\[32\];/, '32 random bytes (256 bits)');
  assert.match(fn, /randombytes_buf\(raw, sizeof raw\)/, 'from libsodium\'s CSPRNG');
  assert.doesNotMatch(src, /\brand\(|\brandom\(|srand|drand48/, 'no libc PRNG in lib/auth.c');
  // what is sent: 43 base64url characters (32 bytes), all different, evenly spread
  const tokens = [];
  for (let i = 0; i < 40; i++) {
    const jar = new Map();
    assert.equal((await postLogin(jar, { email: 'ben@northwind.test', next: '/leads' })).status, 303);
    tokens.push(jar.get('ll_session'));
  }
  for (const t of tokens) assert.match(t, /^[A-Za-z0-9_-]{43}$/, `token ${t}: 43 base64url characters = 256 bits`);
  assert.equal(new Set(tokens).size, tokens.length, 'every token differs');
  // chi-square of the first 42 characters (6 bits each) over the 64 symbols
  const counts = new Map();
  for (const t of tokens) for (const c of t.slice(0, 42)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = tokens.length * 42;
  const e = n / 64;
  let chi = 0;
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') chi += ((counts.get(c) ?? 0) - e) ** 2 / e;
  assert.ok(chi < 140, `the characters are spread evenly (chi-square ${chi.toFixed(1)}, 63 degrees of freedom)`);
  // only a hash is stored (U1): no row holds the token itself
  for (const t of tokens.slice(0, 5)) assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE csrf_token = ${lit(t)} OR HEX(token_hash) = HEX(${lit(t)})`), '0');
  sql(`DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'ben@northwind.test'`);
});

test('ASVS 7.2.4: a new session token at every login, and the old one stops working', async () => {
  const s = await session('ben@northwind.test');
  // the login form (fetched without the session: with one, /login redirects),
  // posted with the old session cookie still sent
  const formJar = new Map();
  const csrf = await loginForm(formJar);
  const jar = new Map([...s.jar, ...formJar]);
  const res = await postLogin(jar, { email: 'ben@northwind.test', next: '/leads', csrf });
  assert.equal(res.status, 303);
  const fresh = jar.get('ll_session');
  assert.ok(fresh && fresh !== s.token, 'a new token');
  assert.equal(sessionRow(s.csrf), undefined, 'the old session row is gone');
  assert.equal((await get('/leads', { jar: jarWith('ll_session', s.token) })).status, 302, 'the old token is refused');
  assert.equal((await get('/leads', { jar })).status, 200, 'the new one works');
});

// ---- 7.3 timeouts -----------------------------------------------------------------

test('ASVS 7.3.1: a session idle past session_idle_timeout ends; within it, it lives', async () => {
  const idle = Number(conf('session_idle_timeout'));
  assert.ok(idle > 0, 'an idle timeout is configured');
  const s = await session('ben@northwind.test');
  const [id] = sessionRow(s.csrf);
  sql(`UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL ${idle - 60} SECOND WHERE id = ${id}`);
  assert.equal((await get('/leads', { jar: s.jar })).status, 200, 'a minute before the timeout: alive');
  sql(`UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL ${idle + 1} SECOND WHERE id = ${id}`);
  const res = await get('/leads', { jar: s.jar });
  assert.equal(res.status, 302, 'a second past it: to the login');
  assert.match(res.headers.location, /^\/login/);
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${id}`), '0', 'and the row is gone');
});

test('ASVS 7.3.2: a session older than session_absolute_timeout ends however active it is', async () => {
  const abs = Number(conf('session_absolute_timeout'));
  assert.ok(abs > 0, 'an absolute timeout is configured');
  const s = await session('ben@northwind.test');
  const [id] = sessionRow(s.csrf);
  sql(`UPDATE sessions SET date_created = UTC_TIMESTAMP(6) - INTERVAL ${abs + 1} SECOND, last_seen_at = UTC_TIMESTAMP(6) WHERE id = ${id}`);
  assert.equal((await get('/leads', { jar: s.jar })).status, 302);
  assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${id}`), '0');
});

// ---- 7.4 termination --------------------------------------------------------------

test('ASVS 7.4.1: logout ends the session on the server: the row is gone and the token is refused', async () => {
  const s = await session('ben@northwind.test');
  const res = await post('/logout', { csrf: s.csrf }, { jar: s.jar });
  assert.equal(res.status, 303);
  assert.equal(sessionRow(s.csrf), undefined, 'no session row');
  const clear = cookieOf(res, 'll_session');
  assert.ok(clear && (clear.value === '' || clear.attrs.get('max-age') === '0'), 'the cookie is cleared');
  // a copy of the cookie kept by an attacker is worth nothing
  const replay = await get('/leads', { jar: jarWith('ll_session', s.token) });
  assert.equal(replay.status, 302);
});

test('ASVS 7.4.2: deactivating an account ends all its sessions at once', async () => {
  const a = await session('ben@northwind.test');
  const b = await session('ben@northwind.test');
  try {
    sql(`UPDATE users SET active = 0 WHERE email = 'ben@northwind.test'`);
    for (const s of [a, b]) {
      assert.equal((await get('/leads', { jar: s.jar })).status, 302, 'the next request of each session is refused');
      assert.equal(sessionRow(s.csrf), undefined, 'and its row is gone');
    }
    // and a login does not make a new one
    const jar = new Map();
    assert.notEqual((await postLogin(jar, { email: 'ben@northwind.test' })).status, 303);
  } finally {
    sql(`UPDATE users SET active = 1 WHERE email = 'ben@northwind.test'`);
  }
  // the membership too (U4)
  const c = await session('ben@northwind.test');
  try {
    sql(`UPDATE memberships m JOIN users u ON u.id = m.user_id SET m.active = 0 WHERE u.email = 'ben@northwind.test'`);
    assert.equal((await get('/leads', { jar: c.jar })).status, 302);
    assert.equal(sessionRow(c.csrf), undefined);
  } finally {
    sql(`UPDATE memberships m JOIN users u ON u.id = m.user_id SET m.active = 1 WHERE u.email = 'ben@northwind.test'`);
  }
});

// ---- 3.3 cookies --------------------------------------------------------------------

async function tlsLogin() {
  const jar = new Map();
  const res = await postLogin(jar, { email: 'ben@northwind.test', next: '/leads', tls: true });
  assert.equal(res.status, 303);
  return parseSetCookies(res).find((c) => SESSION.test(c.name));
}

test('ASVS 3.3.1: under HTTPS the session cookie is Secure; the pre-session csrf cookie too', { skip: !TLS_BASE && 'no TLS_URL' }, async () => {
  const c = await tlsLogin();
  assert.ok(c, 'a session cookie over TLS');
  assert.equal(c.attrs.get('secure'), true, `Secure: ${c.line}`);
  const form = await get('/login', { tls: true, jar: new Map() });
  for (const k of parseSetCookies(form)) assert.equal(k.attrs.get('secure'), true, `Secure: ${k.line}`);
});

test('ASVS 3.3.2: SameSite on every cookie: Lax for the session, Strict for the login form\'s csrf cookie', async () => {
  const jar = new Map();
  const form = await get('/login', { jar });
  const csrfCookie = parseSetCookies(form).find((c) => /ll_csrf$/.test(c.name));
  assert.ok(csrfCookie, 'the login form sets its csrf cookie');
  assert.equal(String(csrfCookie.attrs.get('samesite')).toLowerCase(), 'strict', csrfCookie.line);
  const res = await postLogin(jar, { email: 'ben@northwind.test', next: '/leads' });
  const all = parseSetCookies(res);
  assert.ok(all.length > 0);
  for (const c of all) assert.ok(c.attrs.has('samesite'), `SameSite on ${c.line}`);
  assert.equal(String(all.find((c) => SESSION.test(c.name)).attrs.get('samesite')).toLowerCase(), 'lax');
});

test('ASVS 3.3.3: under HTTPS the session cookie is __Host-: Secure, Path=/, no Domain', { skip: !TLS_BASE && 'no TLS_URL' }, async () => {
  const c = await tlsLogin();
  assert.equal(c.name, '__Host-ll_session');
  assert.equal(c.attrs.get('path'), '/');
  assert.ok(!c.attrs.has('domain'), 'no Domain');
  assert.equal(c.attrs.get('secure'), true);
});

test('ASVS 3.3.4: the session cookie is HttpOnly (over HTTP and HTTPS), and so is the csrf cookie', async () => {
  const jar = new Map();
  const form = await get('/login', { jar });
  for (const c of parseSetCookies(form)) assert.equal(c.attrs.get('httponly'), true, c.line);
  const res = await postLogin(jar, { email: 'ben@northwind.test', next: '/leads' });
  for (const c of parseSetCookies(res)) assert.equal(c.attrs.get('httponly'), true, c.line);
  if (TLS_BASE) assert.equal((await tlsLogin()).attrs.get('httponly'), true);
});

// ---- 3.5 request forgery ------------------------------------------------------------

function multipartWith(csrf) {
  const b = `----llasvs${randomBytes(6).toString('hex')}`;
  const csrfPart = csrf === null ? '' : `--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n`;
  const body = `${csrfPart}--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n` +
    `Company,Contact Name\r\nCsrf Test,Someone\r\n--${b}--\r\n`;
  return { body: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

// The fields a user's form would send with it, so that only the token is wrong.
const FIELDS = { text: 'csrf test', name: 'CSRF Test', email: 'ben@northwind.test', password: 'leadline-demo', direction: 'outgoing', subject: 'x' };

test('ASVS 3.5.1: every POST route (from the route tables) without a token, or with a wrong one, is 403 and changes nothing', { timeout: 180000 }, async (t) => {
  // the API (/api/v1/, flag api) reads no cookie at all, so a forged form
  // carries nothing it accepts: the next test shows that
  const posts = routes().filter((r) => r.methods.includes('POST') && !r.flags.has('api'));
  assert.ok(posts.length >= 25, `POST routes: ${posts.length}`);
  const other = await session('cora@bloomdental.test');   // a real token, of another session
  const wrongs = [['none', null], ['made up', randomBytes(32).toString('base64url')], ['another session\'s', other.csrf], ['empty', '']];
  const before0 = snapshot();
  const sessions0 = sessionTable();
  let n = 0;
  for (const r of posts) {
    const path = fill(r.pattern, r.holes.map((k) => ids[k]));
    for (const [what, token] of wrongs) {
      let res;
      if (r.flags.has('upload')) res = await request('POST', path, { jar: ada.jar, ...multipartWith(token) });
      else {
        const body = { ...FIELDS };
        if (token !== null) body.csrf = token;
        // /login is public: its csrf is the double-submit cookie of the login form
        const jar = r.flags.has('public') ? new Map([['ll_csrf', randomBytes(32).toString('base64url')]]) : ada.jar;
        res = await post(path, body, { jar });
      }
      n++;
      assert.equal(res.status, 403, `POST ${path} (${r.program}) with ${what} token: ${res.status}`);
      assert.match(res.body, /expired|did not come from leadline/, `POST ${path}: the message`);
    }
  }
  assert.deepEqual(snapshot(), before0, 'no data table and no stored file changed');
  assert.equal(sessionTable(), sessions0, 'no session made or ended');
  // not vacuous: the right token is accepted
  const ok = await post(`/lead/${ids.lead}/note`, { csrf: ada.csrf, text: 'csrf control' }, { jar: ada.jar });
  assert.equal(ok.status, 303, 'the same note with the right token is stored');
  // undone, so the demo data stays as it was
  sql(`DELETE FROM activities WHERE body_text = 'csrf control' AND type = 'note';
    UPDATE lead_activity_counts c JOIN leads l ON l.id = c.lead_id SET c.n = c.n - 1 WHERE l.pid = ${lit(ids.lead)} AND c.type = 'note';`);
  t.diagnostic(`${n} forged POSTs over ${posts.length} routes`);
});

test('ASVS 3.5.1: the API reads no session cookie: every API write with a logged-in browser\'s cookie and token but no key is 401 and changes nothing', async () => {
  const api = routes().filter((r) => r.flags.has('api') && r.methods.some((m) => m === 'POST' || m === 'PUT' || m === 'DELETE'));
  assert.ok(api.length >= 5, `API write routes: ${api.length}`);
  const before0 = snapshot();
  for (const r of api) {
    const path = fill(r.pattern, r.holes.map((k) => ids[k]));
    for (const m of r.methods.filter((x) => x !== 'GET' && x !== 'HEAD')) {
      const res = await request(m, path, { jar: ada.jar, headers: { 'content-type': 'application/json', 'x-csrf-token': ada.csrf },
        body: JSON.stringify({ name: 'CSRF Test', note: 'x', csrf: ada.csrf }) });
      assert.equal(res.status, 401, `${m} ${path}: ${res.status}`);
      assert.ok(JSON.parse(res.body).error, `${m} ${path}: a JSON error`);
    }
  }
  assert.deepEqual(snapshot(), before0, 'no data table changed');
});

test('ASVS 3.5.3: no state change on GET or HEAD: every GET route (route tables), and GET on every POST-only route is 405', { timeout: 180000 }, async (t) => {
  const all = routes();
  const gets = new Set(all.filter((r) => r.methods.includes('GET')).map((r) => r.pattern));
  const before0 = snapshot();
  let n = 0;
  for (const r of all) {
    const path = fill(r.pattern, r.holes.map((k) => ids[k]));
    for (const m of ['GET', 'HEAD']) {
      // with the parameters a form would post, in the query: still nothing changes
      const res = await request(m, `${path}?csrf=${encodeURIComponent(ada.csrf)}&text=get&name=GET`, { jar: ada.jar });
      n++;
      if (!gets.has(r.pattern)) assert.equal(res.status, 405, `${m} ${path}: POST only`);
      else assert.ok(res.status < 500, `${m} ${path}: ${res.status}`);
    }
  }
  assert.deepEqual(snapshot(), before0, 'no data table and no stored file changed');
  // GET /logout does not log out
  assert.equal((await get('/logout', { jar: ada.jar })).status, 405);
  assert.equal((await get('/leads', { jar: ada.jar })).status, 200, 'still logged in');
  t.diagnostic(`${n} GET/HEAD requests over ${all.length} routes`);
});

// ---- 3.4 browser security headers ---------------------------------------------------

function assertHeaders(res, what) {
  const h = res.headers;
  const policy = String(h['content-security-policy'] ?? '');
  assert.ok(policy, `${what}: a Content-Security-Policy`);
  // The one exception: the summary panel view, framed by the lead page's own
  // collapsible summary panel, may be framed by the same origin only.
  const ancestors = /\/lead\/[^/ ]+\/summary\/panel(\s|\?|$)/.test(what) ? "'self'" : "'none'";
  assert.match(policy, new RegExp(`(^|;)\\s*frame-ancestors ${ancestors}\\s*(;|$)`), `${what}: frame-ancestors ${ancestors} (${policy})`);
  assert.match(policy, /(^|;)\s*default-src '(self|none)'/, `${what}: default-src (${policy})`);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/, `${what}: ${policy}`);
  assert.equal(h['x-content-type-options'], 'nosniff', `${what}: nosniff`);
}

test('ASVS 3.4.3, 3.4.4, 3.4.6: CSP with frame-ancestors \'none\' and nosniff on every response (every route and method, errors, nginx\'s own, static, downloads)', { timeout: 180000 }, async (t) => {
  let n = 0;
  const check = (res, what) => { assertHeaders(res, what); n++; };
  for (const r of routes()) {
    const path = fill(r.pattern, r.holes.map((k) => ids[k]));
    for (const m of r.methods) {
      if (m === 'POST') {
        // refused forms are responses too: a wrong token, no session
        check(await post(path, { csrf: 'wrong', text: 'x' }, { jar: ada.jar }), `POST ${path} (403)`);
        check(await post(path, { csrf: 'wrong' }), `POST ${path} without a session`);
      } else {
        check(await request(m, path, { jar: ada.jar }), `${m} ${path}`);
        check(await request(m, path), `${m} ${path} without a session`);
      }
    }
    // a method it does not take, and an id that names nothing
    check(await request('PUT', path, { jar: ada.jar, body: { csrf: ada.csrf } }), `PUT ${path} (405)`);
    if (r.holes.length) check(await get(fill(r.pattern, r.holes.map((k) => randomId(KINDS[k].prefix))), { jar: ada.jar }), `${r.pattern} unknown id`);
  }
  check(await get('/nope'), 'nginx 404');
  check(await get('/'), 'nginx redirect');
  check(await get('/static/leadline.css'), 'static');
  check(await get('/static/lead.js'), 'static script');
  check(await get('/leads', { headers: { 'x-big': 'b'.repeat(20 * 1024) } }), 'nginx 400 (header too large)');
  const jar = new Map();
  const csrf = await loginForm(jar);
  check(await post('/login', `csrf=${csrf}&pad=${'a'.repeat(2 * 1024 * 1024)}`, { jar, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 'nginx 413');
  // a download: the body comes from nginx's internal /_files/ location
  const file = await get(`/file/${ids.file}`, { jar: ada.jar });
  assert.equal(file.status, 200, 'the download');
  check(file, 'GET /file/<id> (download)');
  if (TLS_BASE) check(await get('/login', { tls: true, jar: new Map() }), 'TLS');
  t.diagnostic(`${n} responses checked`);
});
