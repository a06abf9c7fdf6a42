// F5 — what a download is sent as. An uploaded file must never be a script
// of the site's origin (a <script src="/file/<id>"> on any page would run it
// under the CSP's 'self'): the download's Content-Type is the sniffed type
// only when it is on a short list that no browser runs (images but SVG, PDF,
// some audio and video), any text is text/plain; charset=utf-8, everything
// else (JavaScript, HTML, SVG, XML, unknown) application/octet-stream; always
// an attachment, nosniff and a sandbox CSP. The browser half is
// tests/browser/files-script.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { get, request, login, sql, csrfOf } from '../lib/client.mjs';
import { lit, one, leadPid } from '../lib/http-extra.mjs';

const LEAD = leadPid('Globex Corporation');
const made = [];
let ada, csrf;

function upload(jar, token, name, bytes, type) {
  const b = `----lltype${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${token}\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.from(bytes), Buffer.from(`\r\n--${b}--\r\n`)]);
  return request('POST', `/lead/${LEAD}/files`, { jar, body,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
}

// Uploads one file with a unique name; returns [pid, sniffed_type] of its row.
async function stored(name, bytes, declared) {
  const unique = `${randomBytes(4).toString('hex')}-${name}`;
  const res = await upload(ada, csrf, unique, bytes, declared);
  assert.equal(res.status, 303, `upload of ${name}: ${res.status} ${res.body.slice(0, 200)}`);
  const row = sql(`SELECT pid, sniffed_type FROM files WHERE name = ${lit(unique)}`)[0];
  made.push(row[0]);
  return row;
}

before(async () => {
  ada = await login('ada@northwind.test');
  csrf = csrfOf((await get(`/lead/${LEAD}/files`, { jar: ada })).body);
});
after(() => {
  for (const pid of made) sql(`DELETE FROM files WHERE pid = ${lit(pid)}`);
});

function assertDownload(res, type, what) {
  assert.equal(res.status, 200, what);
  assert.equal(res.headers['content-type'], type, `${what}: sent as ${type}`);
  assert.match(res.headers['content-disposition'], /^attachment; /, `${what}: an attachment`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.match(res.headers['content-security-policy'], /(^|; )sandbox($|;)/, `${what}: sandboxed`);
  assert.match(res.headers['content-security-policy'], /default-src 'none'/, `${what}: may load nothing`);
}

test('a script declared text/plain (libmagic: JavaScript) downloads as application/octet-stream', async () => {
  const [pid, sniffed] = await stored('notes.txt', '#!/usr/bin/env node\nalert(document.domain)\n', 'text/plain');
  assert.match(sniffed, /javascript/, 'libmagic takes it for JavaScript');
  assertDownload(await get(`/file/${pid}`, { jar: ada }), 'application/octet-stream', 'the script');
});

test('HTML, SVG and XML are never sent as what they are', async () => {
  const cases = [
    ['page.html', '<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n', 'text/html'],
    ['logo.svg', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n', 'image/svg+xml'],
    ['feed.xml', '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>\n', 'application/xml'],
  ];
  for (const [name, bytes, declared] of cases) {
    const [pid, sniffed] = await stored(name, bytes, declared);
    assert.ok(sniffed !== 'text/plain', `${name}: libmagic sees markup (${sniffed})`);
    assertDownload(await get(`/file/${pid}`, { jar: ada }), 'application/octet-stream', name);
  }
});

test('plain text is text/plain with its charset; a PNG and a PDF keep their types', async () => {
  const [txt, t1] = await stored('readme.txt', 'Meeting notes: call Globex on Monday.\n', 'text/plain');
  assert.equal(t1, 'text/plain');
  assertDownload(await get(`/file/${txt}`, { jar: ada }), 'text/plain; charset=utf-8', 'plain text');

  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c10000000049454e44ae426082', 'hex');
  const [img, t2] = await stored('dot.png', png, 'image/png');
  assert.equal(t2, 'image/png');
  assertDownload(await get(`/file/${img}`, { jar: ada }), 'image/png', 'a PNG');

  const pdf = one(`SELECT pid FROM files WHERE sniffed_type = 'application/pdf' LIMIT 1`);
  assertDownload(await get(`/file/${pdf}`, { jar: ada }), 'application/pdf', 'a PDF');
});

test('a file of an unknown or executable type is application/octet-stream', async () => {
  const [pid, sniffed] = await stored('tool.bin', Buffer.from('7f454c4602010100000000000000000002003e00010000000000000000000000', 'hex'), 'application/x-executable');
  assert.notEqual(sniffed, '');
  assertDownload(await get(`/file/${pid}`, { jar: ada }), 'application/octet-stream', 'an ELF');
});
