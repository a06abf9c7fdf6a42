// H1, H3, F6: the files program started as plain CGI (stdin no socket: one
// request, then it exits) streams a download itself when the web server asks
// for it (LEADLINE_DOWNLOAD=stream, no X-Accel-Redirect or X-Sendfile): the
// bytes as stored, Content-Length, the same headers as through nginx
// (attachment with a safe name, nosniff, CSP sandbox), and a 25 MB file
// raises the process's peak memory (GNU time's maximum RSS) by less than
// 2 MB over its idle: the same program, session and statement answering an
// unknown file (everything but the file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { VAR, get, request, login, sql, csrfOf } from '../lib/client.mjs';
import { lit, leadPid } from '../lib/http-extra.mjs';

const FILES = `${process.env.LL_BUILD}/cgi-bin/files`;
const LEAD = leadPid('Globex Corporation');
const MB25 = 25 * 1024 * 1024;
const sha = (b) => createHash('sha256').update(b).digest('hex');
const made = [];
const dir = mkdtempSync(`${tmpdir()}/ll-stream-`);
let ada;

// Under ASan (make test SANITIZE=1) the peak is the sanitizer's as much as the program's.
const SAN_SKIP = process.env.LL_SANITIZE ? 'an ASan build: the plain make test measures it' : false;

function upload(jar, token, name, bytes) {
  const b = `----llstream${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${token}\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${b}--\r\n`)]);
  return request('POST', `/lead/${LEAD}/files`, { jar, body, timeout: 60000,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
}

// Runs the files program as Apache's mod_cgi would, under GET /file/<pid>;
// resolves { status, headers, body, peakKb }.
function cgiGet(pid, method = 'GET') {
  const timeOut = `${dir}/time-${pid}-${method}`;
  const env = {
    PATH: process.env.PATH, LEADLINE_CONF: process.env.LEADLINE_CONF, LEADLINE_DOWNLOAD: 'stream',
    GATEWAY_INTERFACE: 'CGI/1.1', REQUEST_METHOD: method, REQUEST_URI: `/file/${pid}`,
    QUERY_STRING: '', HTTP_HOST: '127.0.0.1', HTTP_COOKIE: `ll_session=${ada.get('ll_session')}`,
  };
  return new Promise((resolve, reject) => {
    const p = spawn('/usr/bin/time', ['-f', '%M', '-o', timeOut, FILES], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    p.stdout.on('data', (c) => chunks.push(c));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`files exited ${code}`));
      const out = Buffer.concat(chunks);
      const end = out.indexOf('\r\n\r\n');
      const lines = out.subarray(0, end).toString('latin1').split('\r\n');
      const headers = {};
      for (const l of lines) { const i = l.indexOf(':'); headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim(); }
      resolve({ status: Number(headers.status.split(' ')[0]), headers, body: out.subarray(end + 4),
        peakKb: Number(readFileSync(timeOut, 'utf8').trim().split('\n').pop()) });
    });
  });
}

before(async () => {
  ada = await login('ada@northwind.test');
});
after(() => {
  for (const h of made) {
    const p = `${VAR}/files/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`;
    sql(`DELETE FROM files WHERE sha256 = ${lit(h)}`);
    if (existsSync(p)) unlinkSync(p);
  }
  rmSync(dir, { recursive: true, force: true });
});

test('as plain CGI, a download streamed by the program: the stored bytes and the same headers', async () => {
  const csrf = csrfOf((await get(`/lead/${LEAD}/files`, { jar: ada })).body);
  const bytes = randomBytes(1000);
  made.push(sha(bytes));
  assert.equal((await upload(ada, csrf, 'Ünïcode "name"/..\\x.bin', bytes)).status, 303);
  const [pid] = sql(`SELECT pid FROM files WHERE sha256 = ${lit(sha(bytes))}`)[0];
  const res = await cgiGet(pid);
  assert.equal(res.status, 200);
  assert.equal(Number(res.headers['content-length']), bytes.length);
  assert.ok(res.body.equals(bytes), 'the bytes as stored');
  assert.match(res.headers['content-disposition'], /^attachment; filename="[^"/\\]+"; filename\*=UTF-8''/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(res.headers['content-security-policy'], /sandbox/);
  assert.equal(res.headers['x-accel-redirect'], undefined);
  assert.equal(res.headers['x-sendfile'], undefined);
  const head = await cgiGet(pid, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers['content-length']), bytes.length);
  assert.equal(head.body.length, 0, 'HEAD: no body');
  const nope = await cgiGet(pid.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')));
  assert.equal(nope.status, 404, 'an unknown file: 404, as through nginx');
});

test('a 25 MB download streamed as CGI raises the peak memory by under 2 MB over the idle process', { skip: SAN_SKIP }, async (t) => {
  const csrf = csrfOf((await get(`/lead/${LEAD}/files`, { jar: ada })).body);
  const big = randomBytes(MB25);
  made.push(sha(big));
  assert.equal((await upload(ada, csrf, 'big.bin', big)).status, 303);
  const [bigPid] = sql(`SELECT pid FROM files WHERE sha256 = ${lit(sha(big))}`)[0];
  const base = await cgiGet(bigPid.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')));
  assert.equal(base.status, 404);
  const res = await cgiGet(bigPid);
  assert.equal(res.status, 200);
  assert.equal(res.body.length, MB25);
  assert.equal(sha(res.body), sha(big), 'all 25 MB, as stored');
  const grew = res.peakKb - base.peakKb;
  t.diagnostic(`peak RSS: ${base.peakKb} kB idle (an unknown file), ${res.peakKb} kB for 25 MB`);
  assert.ok(grew < 2048, `peak ${res.peakKb} kB against ${base.peakKb} kB idle: ${grew} kB more`);
});
