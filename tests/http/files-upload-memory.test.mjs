// F4 — a 25 MB upload streams through a files worker: its peak
// memory (VmHWM in /proc, reset to the present with `echo 5 > clear_refs`
// before) grows by at most 2 MB above what it held idle. (libmagic's database
// is read in when a worker starts, and libmagic reads at most 64 KB of a file
// to sniff it: its default of 7 MB, widened for its text tests, cost 14 MB.)
// Every files worker is measured: with 3 of them any may take the upload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { VAR, get, request, login, sql, csrfOf } from '../lib/client.mjs';
import { lit, leadPid, workerPids } from '../lib/http-extra.mjs';

const LEAD = leadPid('Globex Corporation');
const MB25 = 25 * 1024 * 1024;
const PEAK_MAX_KB = 2048;
const made = [];
let ada, csrf;

const kb = (pid, key) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))[1]);
const blobPath = (h) => `${VAR}/files/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`;

function upload(bytes) {
  const b = `----llmem${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="memory.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n'),
    bytes, Buffer.from(`\r\n--${b}--\r\n`)]);
  made.push(createHash('sha256').update(bytes).digest('hex'));
  return request('POST', `/lead/${LEAD}/files`, { jar: ada, body, timeout: 60000,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
}

before(async () => {
  ada = await login('ada@northwind.test');
  csrf = csrfOf((await get(`/lead/${LEAD}/files`, { jar: ada })).body);
  assert.ok(csrf, 'the tab has the upload form');
});
after(() => {
  for (const h of made) {
    sql(`DELETE FROM files WHERE sha256 = ${lit(h)}`);
    if (existsSync(blobPath(h))) unlinkSync(blobPath(h));
  }
});

// A worker's first request of any kind costs it about 3 MB for good (its
// database connection, statements, the first expansions): idle is a worker
// that has served an upload before. 4 uploads over 3 workers: at least one
// lands on a worker that served one already (the one whose peak moved is the
// one that served it; when none moved, every warm one held).
// Under ASan (make test SANITIZE=1) a worker's peak is the sanitizer's as much
// as leadline's (freed memory waits in its quarantine, shadow memory grows
// with it): the claim is measured by the plain make test, which CI runs first.
const SAN_SKIP = process.env.LL_SANITIZE ? 'an ASan build (make test SANITIZE=1): the plain make test measures it' : false;

test('a 25 MB upload raises a warm files worker\'s peak memory by at most 2 MB above idle', { skip: SAN_SKIP }, async () => {
  const pids = workerPids('files');
  assert.ok(pids.length > 0 && pids.length < 4, 'the files program has 1 to 3 workers');
  const served = new Set();
  let warm = 0;
  for (let round = 1; round <= 4; round++) {
    const idle = {};
    for (const p of pids) {
      writeFileSync(`/proc/${p}/clear_refs`, '5');
      idle[p] = kb(p, 'VmRSS');
    }
    const res = await upload(randomBytes(MB25));
    assert.equal(res.status, 303, `round ${round}: the upload is stored`);
    const growth = pids.map((p) => kb(p, 'VmHWM') - idle[p]);
    const top = Math.max(...growth);
    const who = top > 0 ? pids[growth.indexOf(top)] : null;   // none moved: nothing to attribute
    if (who === null || served.has(who)) {
      warm++;
      assert.ok(top <= PEAK_MAX_KB, `round ${round}: worker ${who}'s peak grew by ${top} kB (at most ${PEAK_MAX_KB})`);
    }
    if (who !== null) served.add(who);
    assert.deepEqual(workerPids('files'), pids, 'no worker was restarted');
  }
  assert.ok(warm >= 1, 'at least one upload landed on a warm worker');
});
