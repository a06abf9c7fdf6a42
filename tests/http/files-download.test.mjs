// F5 — downloads /file/<file_id>: for an active, logged-in member of
// the file's organization the program answers with headers only and nginx
// sends the stored bytes (X-Accel-Redirect to the internal /_files/): the
// bytes' sha256 and length are the stored file's; Content-Type is the sniffed
// type; Content-Disposition is an attachment with an RFC 6266 name (an ASCII
// filename and a UTF-8 filename*), hostile names served safely; nosniff and
// CSP sandbox. Another organization, an inactive membership, an unknown id: the
// same 404; without a session the login; the store is never reachable directly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BASE, VAR, get, login, sql } from '../lib/client.mjs';
import { lit, one, leadPid, randomId } from '../lib/http-extra.mjs';

const LEAD_ID = one(`SELECT id FROM leads WHERE pid = ${lit(leadPid('Globex Corporation'))}`);
const [PID, NAME, SHA, SIZE, TYPE] = sql(`SELECT pid, name, sha256, size, sniffed_type FROM files
  WHERE lead_id = ${LEAD_ID} AND category = 'pdf' ORDER BY id LIMIT 1`)[0];
let ada;

// A GET whose body stays bytes.
function getRaw(path, jar) {
  return new Promise((resolve, reject) => {
    const cookie = jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
    http.get(new URL(path, BASE), { headers: cookie ? { cookie } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

before(async () => { ada = await login('ada@northwind.test'); });
after(() => sql(`UPDATE files SET name = ${lit(NAME)} WHERE pid = ${lit(PID)}`));

test('a member downloads the stored bytes, sent by nginx, as an attachment', async () => {
  const res = await getRaw(`/file/${PID}`, ada);
  assert.equal(res.status, 200);
  assert.equal(res.body.length, Number(SIZE), 'the real length, not the empty answer of the program');
  assert.equal(Number(res.headers['content-length']), Number(SIZE));
  assert.equal(createHash('sha256').update(res.body).digest('hex'), SHA);
  const stored = readFileSync(`${VAR}/files/${SHA.slice(0, 2)}/${SHA.slice(2, 4)}/${SHA}`);
  assert.ok(res.body.equals(stored));
  assert.equal(res.headers['content-type'], TYPE);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(res.headers['content-security-policy'], /sandbox/);
  assert.match(res.headers['content-disposition'], /^attachment; filename="[^"]+"; filename\*=UTF-8''/);
  assert.equal(res.headers['x-accel-redirect'], undefined, 'the store path stays inside');
  assert.doesNotMatch(JSON.stringify(res.headers), new RegExp(SHA.slice(0, 16) + '.*/_files|/_files/'));
});

test('a hostile, non-ASCII name is served safely and correctly encoded', async () => {
  const name = 'Ré"sumé\r\n../../etc\\x%20 €.pdf';
  sql(`UPDATE files SET name = ${lit(name)} WHERE pid = ${lit(PID)}`);
  const res = await getRaw(`/file/${PID}`, ada);
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-disposition'],
    'attachment; filename="R__sum___.._.._etc_x_20 _.pdf"; ' +
    "filename*=UTF-8''R%C3%A9%22sum%C3%A9__.._.._etc_x%2520%20%E2%82%AC.pdf");
  // filename* decodes to the name with CR, LF, "/" and "\" made "_"
  const star = res.headers['content-disposition'].match(/filename\*=UTF-8''(.*)$/)[1];
  assert.equal(decodeURIComponent(star), 'Ré"sumé__.._.._etc_x%20 €.pdf');
  assert.equal(createHash('sha256').update(res.body).digest('hex'), SHA);
});

test('another organization, an inactive membership, an unknown id: the same 404', async () => {
  const cora = await login('cora@bloomdental.test');
  const theirs = await getRaw(`/file/${PID}`, cora);
  const unknown = await getRaw(`/file/${randomId('file_')}`, cora);
  const malformed = await getRaw('/file/file_x', cora);
  // a path climbing out of the root, refused by the server in front before
  // any program: nginx answers 400; Apache, which refuses an encoded slash in
  // a path (AllowEncodedSlashes Off), 404
  const climbing = await getRaw('/file/..%2f..%2fetc', cora);
  assert.equal(climbing.status, process.env.LL_APACHE_MODE ? 404 : 400, `a path above the root: ${climbing.status}`);
  for (const r of [theirs, unknown, malformed, climbing]) {
    if (r !== climbing) assert.equal(r.status, 404);
    assert.equal(r.headers['content-disposition'], undefined);
  }
  const strip = (b) => b.toString().replace(/name="csrf" value="[^"]*"/g, '');
  assert.equal(strip(theirs.body), strip(unknown.body));
  assert.equal(strip(malformed.body), strip(unknown.body), 'a malformed id: the same 404');
  // ben loses his only membership: his session ends (U4), so the link sends
  // him to log in, never the bytes
  const ben = await login('ben@northwind.test');
  const org = one(`SELECT organization_id FROM files WHERE pid = ${lit(PID)}`);
  const user = one(`SELECT id FROM users WHERE email = 'ben@northwind.test'`);
  sql(`UPDATE memberships SET active = 0 WHERE user_id = ${user} AND organization_id = ${org}`);
  try {
    const r = await getRaw(`/file/${PID}`, ben);
    assert.equal(r.status, 302, `inactive: ${r.status}`);
    assert.equal(r.headers.location, `/login?next=/file/${PID}`);
    assert.notEqual(createHash('sha256').update(r.body).digest('hex'), SHA);
  } finally {
    sql(`UPDATE memberships SET active = 1 WHERE user_id = ${user} AND organization_id = ${org}`);
  }
});

test('without a session: the login; the store itself is never served', async () => {
  const res = await get(`/file/${PID}`);
  assert.equal(res.status, 302);
  assert.equal(res.headers.location.replace(/^https?:\/\/[^/]+/, ''), `/login?next=/file/${PID}`);
  const direct = await getRaw(`/_files/${SHA.slice(0, 2)}/${SHA.slice(2, 4)}/${SHA}`, ada);
  assert.equal(direct.status, 404);
  assert.notEqual(createHash('sha256').update(direct.body).digest('hex'), SHA);
});

// a download reads the session and the file in one statement
// (ROUTE_OWN_SESSION): counted by MariaDB's Com_stmt_execute, the server's
// count of prepared statements run (the tests' own client runs none; the
// session was touched by the request just before, so no touch falls inside).
test('a download costs exactly one SQL statement: the session and the file together', async () => {
  const executed = () => Number(sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")[0][1]);
  const first = await getRaw(`/file/${PID}`, ada);
  assert.equal(first.status, 200);
  const n = 10;
  const before = executed();
  for (let i = 0; i < n; i++) assert.equal((await getRaw(`/file/${PID}`, ada)).status, 200);
  assert.equal(executed() - before, n, `${n} downloads, one statement each`);
  const other = await getRaw(`/file/${randomId('file_')}`, ada);
  assert.equal(other.status, 404);
});
