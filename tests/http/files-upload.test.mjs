// F4, F6 — a file shared with the lead directly or attached to an
// email, SMS or note of the lead (field activity before the file): POST
// /lead/<lead_id>/files (multipart, csrf first). Exactly 25 MB is stored,
// 25 MB + 1 byte is a 413 naming the limit with nothing left behind (no blob,
// no temp file, no row); libmagic's type and category are kept beside the
// declared type; the same bytes twice are one blob; a wrong csrf (403) or another organization (404) keeps nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { VAR, get, request, login, sql, csrfOf } from '../lib/client.mjs';
import { lit, one, leadPid } from '../lib/http-extra.mjs';

const LEAD = leadPid('Globex Corporation');
const LEAD_ID = one(`SELECT id FROM leads WHERE pid = ${lit(LEAD)}`);
const MB25 = 25 * 1024 * 1024;
const STORE = `${VAR}/files`;
const made = new Set();   // sha256 of blobs this file's uploads may have made
let ada, csrf;

const sha = (b) => createHash('sha256').update(b).digest('hex');
const blobPath = (h) => `${STORE}/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`;

// Every file under the store but its temp dir.
function blobs(dir = STORE, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) { if (!(dir === STORE && e.name === 'tmp')) blobs(join(dir, e.name), out); }
    else out.push(join(dir, e.name));
  }
  return out.sort();
}
const temps = () => (existsSync(`${STORE}/tmp`) ? readdirSync(`${STORE}/tmp`) : []);
const rows = () => Number(one(`SELECT COUNT(*) FROM files`));

function upload(jar, token, name, bytes, type = 'application/octet-stream', lead = LEAD, activity = null) {
  const b = `----llfiles${randomBytes(8).toString('hex')}`;
  const act = activity ? `--${b}\r\nContent-Disposition: form-data; name="activity"\r\n\r\n${activity}\r\n` : '';
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${token}\r\n` + act +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${b}--\r\n`)]);
  return request('POST', `/lead/${lead}/files`, { jar, body, timeout: 60000,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
}

before(async () => {
  ada = await login('ada@northwind.test');
  csrf = csrfOf((await get(`/lead/${LEAD}/files`, { jar: ada })).body);
  assert.ok(csrf, 'the tab has the upload form');
});
after(() => {
  for (const h of made) {
    sql(`DELETE af FROM activity_files af JOIN files f ON f.id = af.file_id WHERE f.sha256 = ${lit(h)}`);
    sql(`DELETE FROM files WHERE sha256 = ${lit(h)}`);
    if (existsSync(blobPath(h))) unlinkSync(blobPath(h));
  }
});

test('exactly 25 MB is stored by content hash, then its row, listed on the tab', async () => {
  const bytes = randomBytes(MB25);
  const h = sha(bytes);
  made.add(h);
  const before = rows();
  const res = await upload(ada, csrf, 'big.bin', bytes);
  assert.equal(res.status, 303, res.body.slice(0, 300));
  assert.equal(res.headers.location, `/lead/${LEAD}/files`);
  assert.equal(rows(), before + 1);
  const [pid, size, name] = sql(`SELECT pid, size, name FROM files WHERE sha256 = ${lit(h)}`)[0];
  assert.equal(Number(size), MB25);
  assert.equal(name, 'big.bin');
  assert.equal(statSync(blobPath(h)).size, MB25);
  assert.deepEqual(temps(), [], 'nothing left in the temp dir');
  const tab = await get(`/lead/${LEAD}/files`, { jar: ada });
  assert.match(tab.body, new RegExp(`data-file-id="${pid}">[\\s\\S]*?25 MB[\\s\\S]*?Shared with the lead`));
});

test('25 MB + 1 byte: 413 naming the limit, and nothing remains', async () => {
  const bytes = randomBytes(MB25 + 1);
  made.add(sha(bytes));
  const [nRows, store] = [rows(), blobs()];
  const res = await upload(ada, csrf, 'too-big.bin', bytes);
  assert.equal(res.status, 413);
  assert.match(res.body, /25 MB/);
  assert.equal(rows(), nRows);
  assert.deepEqual(blobs(), store);
  assert.deepEqual(temps(), []);
  assert.equal(existsSync(blobPath(sha(bytes))), false);
});

test('libmagic reads the content: sniffed type and category beside the declared one', async () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(64)]);
  made.add(sha(pdf));
  const res = await upload(ada, csrf, 'looks like text.txt', pdf, 'text/plain');
  assert.equal(res.status, 303);
  assert.deepEqual(sql(`SELECT declared_type, sniffed_type, category FROM files WHERE sha256 = ${lit(sha(pdf))}`)[0],
    ['text/plain', 'application/pdf', 'pdf']);
  const zip = gzipSync(randomBytes(200));
  made.add(sha(zip));
  assert.equal((await upload(ada, csrf, 'x', zip)).status, 303);
  assert.equal(one(`SELECT category FROM files WHERE sha256 = ${lit(sha(zip))}`), 'archive');
});

test('the same bytes twice: two rows, one blob', async () => {
  const bytes = randomBytes(4096);
  const h = sha(bytes);
  made.add(h);
  assert.equal((await upload(ada, csrf, 'one.bin', bytes)).status, 303);
  const store = blobs();
  assert.equal((await upload(ada, csrf, 'two.bin', bytes)).status, 303);
  assert.deepEqual(blobs(), store, 'no second blob');
  assert.equal(Number(one(`SELECT COUNT(*) FROM files WHERE sha256 = ${lit(h)}`)), 2);
  assert.equal(statSync(blobPath(h)).nlink, 1, 'the temp file is gone');
  assert.deepEqual(temps(), []);
});

test('a wrong csrf (403) or another organization (404) keeps nothing', async () => {
  const bytes = randomBytes(1000);
  made.add(sha(bytes));
  const [nRows, store] = [rows(), blobs()];
  const bad = await upload(ada, 'nope', 'x.bin', bytes);
  assert.equal(bad.status, 403);
  const cora = await login('cora@bloomdental.test');
  const coraCsrf = csrfOf((await get('/leads', { jar: cora })).body);
  const theirs = await upload(cora, coraCsrf, 'x.bin', bytes);
  assert.equal(theirs.status, 404);
  const anon = await upload(undefined, 'x', 'x.bin', bytes);
  assert.equal(anon.status, 303, "no session: to the login");
  assert.match(anon.headers.location, /\/login/);
  assert.equal(rows(), nRows);
  assert.deepEqual(blobs(), store);
  assert.deepEqual(temps(), []);
});

// An activity of the lead of that type: [pid, activity_at].
const actOf = (type, lead = LEAD_ID) => sql(`SELECT pid, DATE_FORMAT(activity_at, '%Y-%m-%d %H:%i:%s') FROM activities
  WHERE lead_id = ${lead} AND type = ${lit(type)} AND deleted_at IS NULL ORDER BY id LIMIT 1`)[0];

test('an SMS attachment: exactly 5 MB attached at the SMS date; 5 MB + 1 byte 413, nothing kept', async () => {
  const [sms, at] = actOf('sms');
  const ok = randomBytes(5 * 1024 * 1024);
  made.add(sha(ok));
  let res = await upload(ada, csrf, 'photo.bin', ok, 'image/jpeg', LEAD, sms);
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const [pid, received, linked] = sql(`SELECT f.pid, DATE_FORMAT(f.date_received, '%Y-%m-%d %H:%i:%s'), a.pid
    FROM files f JOIN activity_files af ON af.file_id = f.id JOIN activities a ON a.id = af.activity_id
    WHERE f.sha256 = ${lit(sha(ok))}`)[0];
  assert.equal(linked, sms);
  assert.equal(received, at, 'received at the SMS date');
  const tab = await get(`/lead/${LEAD}/files`, { jar: ada });
  assert.match(tab.body, new RegExp(`data-file-id="${pid}">[\\s\\S]*?class="source source-sms" href="/lead/${LEAD}/#activityId=${sms}"`));
  const big = randomBytes(5 * 1024 * 1024 + 1);
  made.add(sha(big));
  const [nRows, nLinks, store] = [rows(), one('SELECT COUNT(*) FROM activity_files'), blobs()];
  res = await upload(ada, csrf, 'photo2.bin', big, 'image/jpeg', LEAD, sms);
  assert.equal(res.status, 413);
  assert.match(res.body, /SMS attachment is at most 5 MB/);
  assert.equal(rows(), nRows);
  assert.equal(one('SELECT COUNT(*) FROM activity_files'), nLinks);
  assert.deepEqual(blobs(), store);
  assert.deepEqual(temps(), []);
});

test('an email attachment: exactly 25 MB stored and linked; 25 MB + 1 byte 413, nothing kept', async () => {
  const [email] = actOf('email');
  const exact = randomBytes(MB25);
  made.add(sha(exact));
  assert.equal((await upload(ada, csrf, 'exact.bin', exact, 'application/octet-stream', LEAD, email)).status, 303);
  assert.equal(statSync(blobPath(sha(exact))).size, MB25);
  assert.equal(one(`SELECT a.pid FROM files f JOIN activity_files af ON af.file_id = f.id
    JOIN activities a ON a.id = af.activity_id WHERE f.sha256 = ${lit(sha(exact))}`), email);
  const small = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300)]);
  made.add(sha(small));
  assert.equal((await upload(ada, csrf, 'Angebot.pdf', small, 'application/pdf', LEAD, email)).status, 303);
  assert.equal(one(`SELECT a.pid FROM files f JOIN activity_files af ON af.file_id = f.id
    JOIN activities a ON a.id = af.activity_id WHERE f.sha256 = ${lit(sha(small))}`), email);
  const big = randomBytes(MB25 + 1);
  made.add(sha(big));
  const [nRows, store] = [rows(), blobs()];
  const res = await upload(ada, csrf, 'big.bin', big, 'application/octet-stream', LEAD, email);
  assert.equal(res.status, 413);
  assert.match(res.body, /25 MB/);
  assert.equal(rows(), nRows);
  assert.deepEqual(blobs(), store);
  assert.deepEqual(temps(), []);
});

test("another lead's activity, or a call: 404, nothing kept", async () => {
  const other = one(`SELECT a.pid FROM activities a JOIN leads l ON l.id = a.lead_id
    WHERE l.organization_id = (SELECT organization_id FROM leads WHERE id = ${LEAD_ID})
      AND a.lead_id <> ${LEAD_ID} AND a.type = 'note' AND a.deleted_at IS NULL LIMIT 1`);
  const call = actOf('call')?.[0];
  const bytes = randomBytes(100);
  made.add(sha(bytes));
  const nRows = rows();
  for (const acti of [other, call].filter(Boolean)) {
    const res = await upload(ada, csrf, 'x.bin', bytes, 'text/plain', LEAD, acti);
    assert.equal(res.status, 404, acti);
  }
  assert.equal(rows(), nRows);
  assert.deepEqual(temps(), []);
});

test('a hostile, non-ASCII file name is kept as given and never reaches the store', async () => {
  const name = '../../Ré "sumé"; x=1 <b>.txt';
  const bytes = randomBytes(123);
  const h = sha(bytes);
  made.add(h);
  const res = await upload(ada, csrf, name.replace(/"/g, '%22'), bytes, 'text/plain');
  assert.equal(res.status, 303);
  const [pid, stored] = sql(`SELECT pid, name FROM files WHERE sha256 = ${lit(h)}`)[0];
  assert.ok(stored === name || stored === name.replace(/"/g, '%22'), `stored as given: ${stored}`);
  assert.deepEqual(blobs().filter((p) => !/\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p)), [],
    'the store holds only content-named blobs');
  const tab = await get(`/lead/${LEAD}/files`, { jar: ada });
  const row = tab.body.match(new RegExp(`data-file-id="${pid}">[\\s\\S]*?</tr>`))[0];
  assert.ok(/Ré (&quot;|%22)sumé(&quot;|%22); x(=|&#61;)1 &lt;b&gt;\.txt</.test(row),
    `the name escaped on the tab: ${row}`);
  assert.doesNotMatch(tab.body, /<b>\.txt/);
  const dl = await get(`/file/${pid}`, { jar: ada });
  assert.equal(dl.status, 200);
  assert.match(dl.headers['content-disposition'], /^attachment; filename="\.\._\.\._R_ [^"]*"; filename\*=UTF-8''\.\._\.\._R%C3%A9%20/);
});
