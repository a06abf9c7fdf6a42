// F1, F2, F4, L5 — files attached while writing a note, logging an
// email or logging an SMS on the lead page: the three forms are
// multipart/form-data with <input type=file name=file multiple> after their
// fields, and work without JavaScript (a plain form post). The activity, its
// file rows and their activity_files rows are written in one transaction:
// over a limit (an SMS attachment 5 MB, an email's or note's 25 MB) the answer
// is a 413 naming it and nothing remains — no activity, no file row, no link,
// no blob, no temp file. The files are listed on the files tab with the
// activity as their source (an envelope for an email, its date and subject as
// the hover text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, unlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, VAR, get, post, request, login, sql, csrfOf } from '../lib/client.mjs';
import { lit, one, leadPid } from '../lib/http-extra.mjs';

const LEAD = leadPid('Lumen Labs');
const LEAD_ID = one(`SELECT id FROM leads WHERE pid = ${lit(LEAD)}`);
const STORE = `${VAR}/files`;
const MB5 = 5 * 1024 * 1024;
const MB25 = 25 * 1024 * 1024;
const made = new Set();   // sha256 of blobs this file's uploads may have made
let ada, csrf;

const sha = (b) => createHash('sha256').update(b).digest('hex');
const blobPath = (h) => `${STORE}/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`;
function blobs(dir = STORE, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) { if (!(dir === STORE && e.name === 'tmp')) blobs(join(dir, e.name), out); }
    else out.push(join(dir, e.name));
  }
  return out.sort();
}
const temps = () => (existsSync(`${STORE}/tmp`) ? readdirSync(`${STORE}/tmp`) : []);

// What a write may leave behind, to compare before and after a refusal.
function state() {
  return {
    activities: one(`SELECT COUNT(*) FROM activities WHERE lead_id = ${LEAD_ID}`),
    counts: sql(`SELECT type, custom_type_id, n FROM lead_activity_counts WHERE lead_id = ${LEAD_ID} ORDER BY 1, 2`),
    files: one('SELECT COUNT(*) FROM files'),
    links: one('SELECT COUNT(*) FROM activity_files'),
    blobs: blobs(),
    temps: temps(),
  };
}

// A form as a browser sends it: fields first, then one part per chosen file
// (a file input with nothing chosen sends one part with an empty name).
function multipart(fields, files) {
  const b = `----llattach${randomBytes(8).toString('hex')}`;
  const parts = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\n` +
      `Content-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` };
}

function send(kind, fields, files) {
  const m = multipart({ csrf, ...fields }, files);
  for (const f of files) if (f.bytes.length) made.add(sha(f.bytes));
  return request('POST', `/lead/${LEAD}/${kind}`, { jar: ada, body: m.body, timeout: 60000,
    headers: { 'content-type': m.type } });
}

// The tab's row of a file by its name: [file pid, the source cell's HTML].
async function tabRow(name) {
  const tab = await get(`/lead/${LEAD}/files`, { jar: ada });
  assert.equal(tab.status, 200);
  const rows = [...tab.body.matchAll(/<tr class="file" data-file-id="(file_\w+)">([\s\S]*?)<\/tr>/g)];
  const row = rows.find((r) => r[2].includes(`>${name}</a>`));
  assert.ok(row, `${name} is listed on the tab`);
  return [row[1], row[2].match(/<td class="file-source">([\s\S]*?)<\/td>/)[1]];
}

before(async () => {
  ada = await login('ada@northwind.test');
  csrf = csrfOf((await get(`/lead/${LEAD}/`, { jar: ada })).body);
  assert.ok(csrf);
});
after(() => {
  sql(`DELETE af FROM activity_files af JOIN activities a ON a.id = af.activity_id WHERE a.lead_id = ${LEAD_ID}`);
  sql(`DELETE FROM files WHERE lead_id = ${LEAD_ID}`);
  for (const h of made) {
    if (one(`SELECT COUNT(*) FROM files WHERE sha256 = ${lit(h)}`) === '0' && existsSync(blobPath(h))) unlinkSync(blobPath(h));
  }
});

test('the note, email and SMS forms send multipart/form-data with a file input for several files', async () => {
  const page = await get(`/lead/${LEAD}/`, { jar: ada });
  for (const kind of ['note', 'email', 'sms']) {
    const form = page.body.match(new RegExp(`<form method="post" action="/lead/${LEAD}/${kind}"([^>]*)>([\\s\\S]*?)</form>`));
    assert.ok(form, `the ${kind} form`);
    assert.match(form[1], /enctype="multipart\/form-data"/, `${kind}: multipart`);
    assert.match(form[2], /<input id="[a-z]+-file" name="file" type="file" multiple>/, `${kind}: a file input`);
    // the files come after every other field, as the handler reads them
    assert.ok(form[2].lastIndexOf('name="file"') > form[2].lastIndexOf('name="activity_at"'));
  }
  assert.match(page.body, new RegExp(`<a href="/lead/${LEAD}/files#files-upload">Share a file with the lead</a>`),
    'sharing a file with the lead directly is one link away');
});

test('a note with 2 attachments: both on the files tab with the note as their source', async () => {
  const a = { name: 'minutes.txt', type: 'text/plain', bytes: Buffer.from(`Minutes ${randomBytes(8).toString('hex')}\n`) };
  // a real PNG (the demo's), made unique by bytes after its end
  const png = readFileSync(`${ROOT}/sql/demo-files/site-photo.png`);
  const b = { name: 'photo.png', type: 'application/octet-stream', bytes: Buffer.concat([png, randomBytes(16)]) };
  const res = await send('note', { text: 'Notes from the kickoff, with the minutes and a photo.', contact_id: '', activity_at: '2026-03-04T10:15' }, [a, b]);
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const acti = res.headers.location.match(/#(acti_\w+)$/)[1];
  const [id, at] = sql(`SELECT id, activity_at FROM activities WHERE pid = ${lit(acti)} AND type = 'note'`)[0];
  const files = sql(`SELECT f.name, f.size, f.sha256, f.date_received, f.category FROM activity_files af JOIN files f ON f.id = af.file_id WHERE af.activity_id = ${id} ORDER BY f.name`);
  assert.deepEqual(files.map((f) => [f[0], Number(f[1]), f[2]]),
    [['minutes.txt', a.bytes.length, sha(a.bytes)], ['photo.png', b.bytes.length, sha(b.bytes)]]);
  for (const f of files) assert.equal(f[3], at, 'received at the note\'s date');
  assert.equal(files[1][4], 'image', 'sniffed by content');
  for (const f of [a, b]) assert.equal(statSync(blobPath(sha(f.bytes))).size, f.bytes.length, 'the blob is in the store');
  assert.deepEqual(temps(), []);
  for (const f of [a, b]) {
    const [, source] = await tabRow(f.name);
    assert.match(source, new RegExp(`class="source source-note" href="/lead/${LEAD}/#activityId=${acti}"`));
  }
});

test('an email with an attachment: an envelope on the tab, its date and subject as the hover text', async () => {
  const f = { name: 'offer.pdf', type: 'application/pdf', bytes: Buffer.from(`%PDF-1.4\n% ${randomBytes(16).toString('hex')}\n%%EOF\n`) };
  const res = await send('email', { direction: 'outgoing', subject: 'Our offer for Lumen Labs', sender: 'ada@northwind.test',
    to: 'cto@lumen.example', cc: '', body_text: 'Please find our offer attached.', contact_id: '', activity_at: '2026-03-05T09:30' }, [f]);
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const acti = res.headers.location.match(/#(acti_\w+)$/)[1];
  const [, source] = await tabRow('offer.pdf');
  assert.match(source, new RegExp(`<a class="source source-email" href="/lead/${LEAD}/#activityId=${acti}" title="Email of Mar 5, 2026 [^"]*: Our offer for Lumen Labs"><span aria-hidden="true">\u2709</span> Email</a>`));
  assert.equal(one(`SELECT f.category FROM files f JOIN activity_files af ON af.file_id = f.id JOIN activities a ON a.id = af.activity_id WHERE a.pid = ${lit(acti)}`), 'pdf');
});

test('an SMS with exactly 5 MB attached is kept; a file input with nothing chosen adds no file', async () => {
  const f = { name: 'mms.bin', bytes: randomBytes(MB5) };
  const res = await send('sms', { direction: 'incoming', local_phone: '', remote_phone: '+1 217 555 0100', text: 'Photo of the site', contact_id: '', activity_at: '' },
    [f, { name: '', bytes: Buffer.alloc(0) }]);
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const acti = res.headers.location.match(/#(acti_\w+)$/)[1];
  assert.deepEqual(sql(`SELECT f.name, f.size FROM activity_files af JOIN files f ON f.id = af.file_id JOIN activities a ON a.id = af.activity_id WHERE a.pid = ${lit(acti)}`),
    [['mms.bin', String(MB5)]]);
  const [, source] = await tabRow('mms.bin');
  assert.match(source, /class="source source-sms"/);
});

test('an SMS with 5 MB + 1 byte: 413 naming the limit, and nothing written', async () => {
  const s0 = state();
  const small = { name: 'fits.txt', type: 'text/plain', bytes: Buffer.from(`fits ${randomBytes(8).toString('hex')}`) };
  const big = { name: 'too-big.bin', bytes: randomBytes(MB5 + 1) };
  for (const files of [[big], [small, big]]) {
    const res = await send('sms', { direction: 'outgoing', local_phone: '', remote_phone: '+1 217 555 0100', text: 'Too big to send', contact_id: '', activity_at: '' }, files);
    assert.equal(res.status, 413, res.body.slice(0, 300));
    assert.match(res.body, /an SMS attachment is at most 5 MB/);
    assert.match(res.body, /Nothing was kept/);
    assert.deepEqual(state(), s0, 'no activity, count, file row, link, blob or temp file');
    assert.ok(!existsSync(blobPath(sha(small.bytes))), 'not even the blob of the file that fitted');
  }
});

test('a note with 25 MB + 1 byte attached: 413 naming 25 MB, and nothing written', async () => {
  const s0 = state();
  const res = await send('note', { text: 'A note with a huge file', contact_id: '', activity_at: '' }, [{ name: 'huge.bin', bytes: randomBytes(MB25 + 1) }]);
  assert.equal(res.status, 413, res.body.slice(0, 300));
  assert.match(res.body, /at most 25 MB/);
  assert.deepEqual(state(), s0);
});

test('files over 25 MB together: 413, and nothing written', async () => {
  const s0 = state();
  const res = await send('email', { direction: 'outgoing', subject: 'Two big ones', sender: 'ada@northwind.test', to: 'cto@lumen.example', cc: '', body_text: '', contact_id: '', activity_at: '' },
    // 25.5 MB together: under nginx's 26 MB for the whole form, over the 25 MB of the files
    [{ name: 'one.bin', bytes: randomBytes(12.75 * 1024 * 1024) }, { name: 'two.bin', bytes: randomBytes(12.75 * 1024 * 1024) }]);
  assert.equal(res.status, 413, res.body.slice(0, 300));
  assert.match(res.body, /too large together: the files of one form are at most 25 MB/);
  assert.deepEqual(state(), s0);
});

test('a form body over nginx\'s 26 MB: 413 from nginx with the same plain message, and nothing written', async () => {
  const s0 = state();
  for (const kind of ['note', 'files']) {
    const m = multipart({ csrf, text: 'Far too big' }, [{ name: 'huge.bin', bytes: Buffer.alloc(27 * 1024 * 1024, 7) }]);
    const res = await request('POST', `/lead/${LEAD}/${kind}`, { jar: ada, body: m.body, timeout: 60000,
      headers: { 'content-type': m.type } });
    assert.equal(res.status, 413, kind);
    assert.match(res.body, /The upload is too large: the files of one form are at most 25 MB together/, kind);
    assert.match(res.body, /Nothing was kept/);
  }
  assert.deepEqual(state(), s0);
});

test('an invalid form with a file: 400 with the form again, and the file not kept', async () => {
  const s0 = state();
  const f = { name: 'orphan.txt', type: 'text/plain', bytes: Buffer.from(`orphan ${randomBytes(8).toString('hex')}`) };
  const res = await send('note', { text: '   ', contact_id: '', activity_at: '' }, [f]);
  assert.equal(res.status, 400);
  assert.match(res.body, /class="form note-form" open/);
  assert.match(res.body, /<p class="form-error" role="alert">Nothing was saved, and your files were not kept: choose them again.<\/p>/);
  assert.deepEqual(state(), s0);
  assert.ok(!existsSync(blobPath(sha(f.bytes))));
});

test('a field after the files, a file under another name, a wrong csrf: refused, nothing written', async () => {
  const s0 = state();
  const f = { name: 'late.txt', bytes: Buffer.from(`late ${randomBytes(8).toString('hex')}`) };
  const b = `----llattach${randomBytes(8).toString('hex')}`;
  const body = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n` +
    `--${b}\r\nContent-Disposition: form-data; name="file"; filename="late.txt"\r\n\r\n${f.bytes}\r\n` +
    `--${b}\r\nContent-Disposition: form-data; name="text"\r\n\r\nThe text after the file\r\n--${b}--\r\n`);
  let res = await request('POST', `/lead/${LEAD}/note`, { jar: ada, body, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
  assert.equal(res.status, 400);
  assert.match(res.body, /fields come first, then its files/);
  res = await send('note', { text: 'Another name' }, [{ ...f, field: 'attachment' }]);
  assert.equal(res.status, 400);
  const m = multipart({ csrf: 'wrong', text: 'Forged' }, [f]);
  res = await request('POST', `/lead/${LEAD}/note`, { jar: ada, body: m.body, headers: { 'content-type': m.type } });
  assert.equal(res.status, 403);
  assert.deepEqual(state(), s0);
});

test('the forms still take a urlencoded post (no files)', async () => {
  const res = await post(`/lead/${LEAD}/note`, { csrf, text: 'A plain note without files', contact_id: '', activity_at: '' }, { jar: ada });
  assert.equal(res.status, 303);
  const acti = res.headers.location.match(/#(acti_\w+)$/)[1];
  assert.equal(one(`SELECT COUNT(*) FROM activity_files af JOIN activities a ON a.id = af.activity_id WHERE a.pid = ${lit(acti)}`), '0');
});
