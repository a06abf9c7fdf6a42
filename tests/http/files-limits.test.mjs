// F4 — limits of a form's files beyond their sizes: at most 20 file parts in
// one form (a POST of 10,000 empty file parts made 10,000 file rows and an
// 867 KB lead page), and a file name of at most 255 characters (a 404-character
// name was a 500 from the database). Past either, a 413 or a 400 that names
// the limit, and nothing is kept: no activity, no file row, no link, no blob,
// no temp file. The lead page's forms and the files tab alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VAR, get, request, login, sql, csrfOf } from '../lib/client.mjs';
import { lit, one, leadPid } from '../lib/http-extra.mjs';

const LEAD = leadPid('Lumen Labs');
const LEAD_ID = one(`SELECT id FROM leads WHERE pid = ${lit(LEAD)}`);
const STORE = `${VAR}/files`;
const TAG = randomBytes(4).toString('hex');
let ada, csrf;

function blobs(dir = STORE, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) { if (!(dir === STORE && e.name === 'tmp')) blobs(join(dir, e.name), out); }
    else out.push(join(dir, e.name));
  }
  return out.sort();
}
function state() {
  return {
    activities: one(`SELECT COUNT(*) FROM activities WHERE lead_id = ${LEAD_ID}`),
    files: one('SELECT COUNT(*) FROM files'),
    links: one('SELECT COUNT(*) FROM activity_files'),
    blobs: blobs(),
    temps: existsSync(`${STORE}/tmp`) ? readdirSync(`${STORE}/tmp`) : [],
  };
}

function send(path, fields, files) {
  const b = `----lllimits${randomBytes(8).toString('hex')}`;
  const parts = [];
  for (const [k, v] of Object.entries({ csrf, ...fields })) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\n` +
      'Content-Type: text/plain\r\n\r\n'), Buffer.from(f.bytes ?? ''), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${b}--\r\n`));
  return request('POST', path, { jar: ada, body: Buffer.concat(parts), timeout: 60000,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
}

const files = (n, prefix) => Array.from({ length: n }, (_, i) => ({ name: `${prefix}-${i}.txt`, bytes: `${prefix} ${i}\n` }));

before(async () => {
  ada = await login('ada@northwind.test');
  csrf = csrfOf((await get(`/lead/${LEAD}/`, { jar: ada })).body);
  assert.ok(csrf);
});
after(() => {
  sql(`DELETE af FROM activity_files af JOIN files f ON f.id = af.file_id WHERE f.name LIKE ${lit(`%${TAG}%`)}`);
  sql(`DELETE FROM files WHERE name LIKE ${lit(`%${TAG}%`)}`);
  sql(`DELETE FROM activities WHERE lead_id = ${LEAD_ID} AND body_text LIKE ${lit(`%${TAG}%`)}`);
});

test('21 files in one note: 413 naming the limit, nothing kept; 20 are taken', async () => {
  const before = state();
  const res = await send(`/lead/${LEAD}/note`, { text: `note ${TAG} too many` }, files(21, `many-${TAG}`));
  assert.equal(res.status, 413);
  assert.match(res.body, /Too many files: one form takes at most 20 files\. Nothing was kept\./);
  assert.deepEqual(state(), before, 'no activity, file, link, blob or temp file');

  const ok = await send(`/lead/${LEAD}/note`, { text: `note ${TAG} twenty` }, files(20, `twenty-${TAG}`));
  assert.equal(ok.status, 303);
  assert.equal(Number(one(`SELECT COUNT(*) FROM files WHERE name LIKE ${lit(`twenty-${TAG}-%`)}`)), 20);
});

test('the review\'s form: 10,000 empty file parts are refused at the 21st, nothing kept', { timeout: 60000 }, async () => {
  const before = state();
  const empty = Array.from({ length: 10000 }, (_, i) => ({ name: `e${i}-${TAG}`, bytes: '' }));
  const res = await send(`/lead/${LEAD}/note`, { text: `note ${TAG} empty parts` }, empty);
  assert.equal(res.status, 413);
  assert.match(res.body, /at most 20 files/);
  assert.deepEqual(state(), before);
  // the same on the files tab's own form
  const tab = await send(`/lead/${LEAD}/files`, {}, files(21, `tab-${TAG}`));
  assert.equal(tab.status, 413);
  assert.match(tab.body, /at most 20 files/);
  assert.deepEqual(state(), before);
});

test('a 404-character file name: 400 naming the limit, nothing kept; 255 characters are kept exactly', async () => {
  const before = state();
  const long = `${TAG}-${'n'.repeat(404 - TAG.length - 5)}.txt`;
  assert.equal([...long].length, 404);
  for (const path of [`/lead/${LEAD}/note`, `/lead/${LEAD}/files`]) {
    const res = await send(path, path.endsWith('note') ? { text: `note ${TAG} long name` } : {}, [{ name: long, bytes: 'x\n' }]);
    assert.equal(res.status, 400, `${path}: 400`);
    assert.match(res.body, /A file name is too long: at most 255 characters\./);
    assert.deepEqual(state(), before, `${path}: nothing kept`);
  }
  // 256 characters of which many are 2 and 3 bytes: counted in characters
  const over = `${TAG}-${'é'.repeat(200)}${'€'.repeat(256 - TAG.length - 1 - 200 - 4)}.txt`;
  assert.equal([...over].length, 256);
  assert.equal((await send(`/lead/${LEAD}/files`, {}, [{ name: over, bytes: 'x\n' }])).status, 400);
  const max = over.slice(0, -5) + '.txt';
  assert.equal([...max].length, 255);
  const ok = await send(`/lead/${LEAD}/files`, {}, [{ name: max, bytes: 'y\n' }]);
  assert.equal(ok.status, 303);
  assert.equal(one(`SELECT name FROM files WHERE name LIKE ${lit(`${TAG}-é%`)}`), max, 'the name as given');
});
