// F4, F6 — the file store full or not
// writable during an upload: a clear error (507 when full, 503 when it cannot
// be written), no row without its file, no file left behind (temp or store).
//
// How it is simulated, honestly: a small tmpfs is mounted over this throwaway
// instance's file store ($LL_VAR/files) for the duration of each test — the
// running workers then write into it as into any disk:
//   - size=1m: an upload of 2 MB meets ENOSPC while it streams to the temp dir;
//   - nr_inodes=3: the temp file fits (root, tmp/, the temp file) but the
//     store's ab/ directory cannot be made: ENOSPC at the move into the store;
//   - ro: the store cannot be written at all (EROFS).
// The store's own content is hidden meanwhile and back after the unmount.
// Skipped (TAP skip, with the reason) only where mount(8) of a tmpfs is not
// permitted (not root, no CAP_SYS_ADMIN).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import { VAR, get, request, login, sql, csrfOf } from '../lib/client.mjs';
import { lit, one, leadPid } from '../lib/http-extra.mjs';

const STORE = `${VAR}/files`;
const LEAD = leadPid('Northstar Analytics');
const LEAD_ID = one(`SELECT id FROM leads WHERE pid = ${lit(LEAD)}`);
let ada, csrf, mounted = false;

const mount = (opts) => { execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', STORE]); mounted = true; };
const umount = () => { if (mounted) execFileSync('umount', [STORE]); mounted = false; };

// Whether a tmpfs can be mounted here at all (tried on a scratch directory).
function canMount() {
  const d = mkdtempSync('/tmp/ll-tmpfs-probe.');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', d], { stdio: 'ignore' });
    execFileSync('umount', [d]);
    return null;
  } catch (e) {
    return `mounting a tmpfs is not permitted here (${String(e.message).split('\n')[0]}): the disk-full faults cannot be simulated`;
  } finally {
    rmdirSync(d);
  }
}
const SKIP = canMount() ?? false;

function everything(dir = STORE, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    out.push(p);
    if (e.isDirectory()) everything(p, out);
  }
  return out.sort();
}
const state = () => ({
  activities: one(`SELECT COUNT(*) FROM activities WHERE lead_id = ${LEAD_ID}`),
  files: one('SELECT COUNT(*) FROM files'),
  links: one('SELECT COUNT(*) FROM activity_files'),
});
// What is on the tmpfs besides the (empty) temp dir.
const leftOnStore = () => everything().filter((p) => p !== `${STORE}/tmp`);

function form(path, fields, file) {
  const b = `----lldiskfull${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(Object.entries({ csrf, ...fields }).map(([k, v]) =>
      `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n'),
    file.bytes, Buffer.from(`\r\n--${b}--\r\n`)]);
  return request('POST', path, { jar: ada, body, timeout: 60000,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
}
const note = (text, file) => form(`/lead/${LEAD}/note`, { text, contact_id: '', activity_at: '' }, file);
const direct = (file) => form(`/lead/${LEAD}/files`, {}, file);

before(async () => {
  if (SKIP) return;
  ada = await login('ada@northwind.test');
  csrf = csrfOf((await get(`/lead/${LEAD}/`, { jar: ada })).body);
  assert.ok(csrf);
});
after(() => {
  umount();
  if (!SKIP) {
    sql(`DELETE af FROM activity_files af JOIN files f ON f.id = af.file_id WHERE f.lead_id = ${LEAD_ID}`);
    sql(`DELETE FROM files WHERE lead_id = ${LEAD_ID}`);
  }
});

test('the store full while the upload streams (tmpfs size=1m, 2 MB sent): 507, nothing kept', { skip: SKIP }, async () => {
  const s0 = state();
  mount('size=1m,mode=0755');
  try {
    for (const send of [() => note('A note whose file does not fit', { name: 'big.bin', bytes: randomBytes(2 << 20) }),
      () => direct({ name: 'big-direct.bin', bytes: randomBytes(2 << 20) })]) {
      const res = await send();
      assert.equal(res.status, 507, res.body.slice(0, 300));
      assert.match(res.body, /The file store is full: the upload was not kept/);
      assert.deepEqual(state(), s0, 'no activity, no file row, no link');
      assert.deepEqual(leftOnStore(), [], 'no temp file, no blob');
    }
    // the mechanism is the store itself: a small file still goes through
    const res = await note('A note with a small file', { name: 'small.txt', bytes: Buffer.from('fits on the small disk\n') });
    assert.equal(res.status, 303, res.body.slice(0, 300));
    assert.equal(leftOnStore().filter((p) => /\/[0-9a-f]{64}$/.test(p)).length, 1, 'its blob is on the tmpfs');
    assert.equal(Number(state().files), Number(s0.files) + 1);
  } finally {
    umount();
  }
  sql(`DELETE af FROM activity_files af JOIN files f ON f.id = af.file_id WHERE f.lead_id = ${LEAD_ID}`);
  sql(`DELETE FROM files WHERE lead_id = ${LEAD_ID}`);
});

test('no inode left for the store\'s directory (tmpfs nr_inodes=3): 507 at the move, the temp file removed', { skip: SKIP }, async () => {
  const s0 = state();
  mount('size=4m,nr_inodes=3,mode=0755');
  try {
    const res = await note('A note whose file cannot be moved into the store', { name: 'moved.txt', bytes: Buffer.from(`no inode ${randomBytes(8).toString('hex')}`) });
    assert.equal(res.status, 507, res.body.slice(0, 300));
    assert.match(res.body, /The file store is full/);
    assert.deepEqual(state(), s0);
    assert.deepEqual(leftOnStore(), []);
    if (existsSync(`${STORE}/tmp`)) assert.deepEqual(readdirSync(`${STORE}/tmp`), []);
  } finally {
    umount();
  }
});

test('the store read-only (tmpfs ro): 503 saying it cannot be written, nothing kept', { skip: SKIP }, async () => {
  const s0 = state();
  mount('size=1m,ro');
  try {
    for (const send of [() => note('A note on a read-only store', { name: 'ro.txt', bytes: Buffer.from('read-only\n') }),
      () => direct({ name: 'ro-direct.txt', bytes: Buffer.from('read-only\n') })]) {
      const res = await send();
      assert.equal(res.status, 503, res.body.slice(0, 300));
      assert.match(res.body, /The file store cannot be written right now/);
      assert.deepEqual(state(), s0);
      assert.deepEqual(everything(), []);
    }
  } finally {
    umount();
  }
});

test('after the faults the store is the instance\'s own again and takes uploads', { skip: SKIP }, async () => {
  assert.ok(everything().some((p) => /\/[0-9a-f]{64}$/.test(p)), 'the demo blobs are visible again');
  const bytes = Buffer.from(`after ${randomBytes(8).toString('hex')}`);
  const h = createHash('sha256').update(bytes).digest('hex');
  const res = await direct({ name: 'after.txt', bytes });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const blob = `${STORE}/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`;
  assert.ok(existsSync(blob));
  sql(`DELETE FROM files WHERE sha256 = ${lit(h)}`);
  unlinkSync(blob);
});
