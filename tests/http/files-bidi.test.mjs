// F2, F5 — a file name with bidi controls or other invisible characters
// (uni<U+202E>LMTH.exe reads as "uniexe.HTML") is kept as given, shown with
// each such character visible ("uni[U+202E]LMTH.exe", the true name in its
// order) on the files tab and on the lead page, and sent in the download's
// Content-Disposition with "_" in its place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { get, request, login, sql, csrfOf } from '../lib/client.mjs';
import { lit, one, leadPid } from '../lib/http-extra.mjs';

const LEAD = leadPid('Lumen Labs');
const TAG = randomBytes(4).toString('hex');
const RLO = '\u202e';
const NAME = `uni${RLO}LMTH-${TAG}.exe`;
let ada, csrf;

function send(path, fields, name) {
  const b = `----llbidi${randomBytes(8).toString('hex')}`;
  const parts = [];
  for (const [k, v] of Object.entries({ csrf, ...fields })) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    `Content-Type: application/octet-stream\r\n\r\nMZ ${TAG}\r\n`));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return request('POST', path, { jar: ada, body: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
}

before(async () => {
  ada = await login('ada@northwind.test');
  csrf = csrfOf((await get(`/lead/${LEAD}/`, { jar: ada })).body);
});
after(() => {
  sql(`DELETE af FROM activity_files af JOIN files f ON f.id = af.file_id WHERE f.name LIKE ${lit(`%${TAG}%`)}`);
  sql(`DELETE FROM files WHERE name LIKE ${lit(`%${TAG}%`)}`);
  sql(`DELETE FROM activities WHERE body_text LIKE ${lit(`%${TAG}%`)}`);
});

test('the true name is kept, shown with its override visible, and sent without it', async () => {
  assert.equal((await send(`/lead/${LEAD}/note`, { text: `bidi ${TAG}` }, NAME)).status, 303);
  assert.equal(one(`SELECT name FROM files WHERE name LIKE ${lit(`%${TAG}%`)}`), NAME, 'kept as given');
  const shown = `uni[U+202E]LMTH-${TAG}.exe`;

  const tab = await get(`/lead/${LEAD}/files`, { jar: ada });
  assert.equal(tab.status, 200);
  assert.ok(tab.body.includes(`>${shown}</a>`), 'the files tab shows the override');
  assert.ok(!tab.body.includes(RLO), 'no override reaches the tab');

  const page = await get(`/lead/${LEAD}/`, { jar: ada });
  assert.equal(page.status, 200);
  assert.ok(page.body.includes(shown), 'the lead page shows it among the note\'s files');
  assert.ok(!page.body.includes(RLO), 'no override reaches the lead page');

  const pid = one(`SELECT pid FROM files WHERE name = ${lit(NAME)}`);
  const dl = await get(`/file/${pid}`, { jar: ada });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers['content-disposition'],
    `attachment; filename="uni_LMTH-${TAG}.exe"; filename*=UTF-8''uni_LMTH-${TAG}.exe`);
});
