// Abandoned imports expire (lib/expire.c), by `llctl tick` (H5) and at the
// start of an import: an import left at the mapping step for more than a day
// loses its upload and its page says plainly that the upload expired (not a
// 500); a fresh one stays as it was. Any other temp file untouched for a day
// goes too, a fresh one stays. Two ticks started at once never expire the
// same import twice (one holds the job's claim in tick_claims).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, utimesSync, writeFileSync, unlinkSync } from 'node:fs';
import { get } from '../lib/client.mjs';
import { session, lit } from '../lib/http-extra.mjs';
import { upload, importPid, mappingOf, dropUnfinishedImports, sql, CSV } from '../lib/import.mjs';

const VAR = process.env.LL_VAR;
const LLCTL = `${process.env.LL_BUILD}/llctl`;
const DAY = 24 * 3600;
const made = [];
after(() => { for (const f of made) if (existsSync(f)) unlinkSync(f); dropUnfinishedImports(); });

const tick = () => execFileSync(LLCTL, ['tick'], { encoding: 'utf8', env: process.env });
const tickAsync = () => new Promise((resolve, reject) => {
  execFile(LLCTL, ['tick'], { encoding: 'utf8', env: process.env }, (err, out) => (err ? reject(err) : resolve(out)));
});
const row = (pid) => sql(`SELECT state, path, COALESCE(message, '') FROM imports WHERE pid = ${lit(pid)}`)[0];

async function newImport(jar, csrf) {
  const res = await upload(jar, csrf, 'expire.csv', CSV('b2b-group.csv'));
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const pid = importPid(res);
  assert.ok(pid);
  const [state, path] = row(pid);
  assert.equal(state, 'mapping');
  assert.ok(existsSync(path), 'the upload waits in the tmp directory');
  return { pid, path };
}

// Moves an import's row and its file back by `seconds`.
function age(imp, seconds) {
  sql(`UPDATE imports SET date_created = date_created - INTERVAL ${seconds} SECOND WHERE pid = ${lit(imp.pid)}`);
  const t = Date.now() / 1000 - seconds;
  utimesSync(imp.path, t, t);
}

function strayFile(name, seconds) {
  const p = `${VAR}/files/tmp/${name}`;
  writeFileSync(p, 'left behind');
  const t = Date.now() / 1000 - seconds;
  utimesSync(p, t, t);
  made.push(p);
  return p;
}

test('a tick expires an import left at mapping over a day: its file is gone, its page says so; a fresh one stays', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const old = await newImport(jar, csrf);
  const fresh = await newImport(jar, csrf);
  age(old, DAY + 60);
  age(fresh, DAY - 600);   // under a day: stays
  const staleTmp = strayFile('upload-zzOld1', DAY + 60);
  const freshTmp = strayFile('upload-zzNew1', 60);

  const out = tick();
  assert.match(out, /^expire: ran: \d+ imports? expired, \d+ temp files? removed$/m, out);

  assert.equal(existsSync(old.path), false, 'the expired upload is removed');
  const [state, , message] = row(old.pid);
  assert.equal(state, 'stopped');
  assert.match(message, /expired/);
  const page = await get(`/import/${old.pid}/`, { jar });
  assert.equal(page.status, 200, 'an expired import is a page, not an error');
  assert.match(page.body, /The uploaded file expired: it waited a day for its columns to be chosen/);
  assert.deepEqual(mappingOf(page.body), [], 'no mapping form for an expired upload');

  assert.ok(existsSync(fresh.path), 'a fresh upload stays');
  assert.equal(row(fresh.pid)[0], 'mapping');
  const fpage = await get(`/import/${fresh.pid}/`, { jar });
  assert.equal(fpage.status, 200);
  assert.ok(mappingOf(fpage.body).length > 0, 'the fresh import still asks for its columns');

  assert.equal(existsSync(staleTmp), false, 'a temp file untouched for a day is removed');
  assert.ok(existsSync(freshTmp), 'a fresh temp file stays');
});

test('two ticks at once: the import is expired once, by one of them', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const imps = [];
  for (let i = 0; i < 3; i++) imps.push(await newImport(jar, csrf));
  for (const imp of imps) age(imp, DAY + 60);
  const outs = await Promise.all([tickAsync(), tickAsync(), tickAsync()]);
  const expired = outs.map((o) => Number((o.match(/^expire: ran: (\d+) import/m) || [0, 0])[1]));
  const skipped = outs.filter((o) => /^expire: skipped: another pass holds it$/m.test(o)).length;
  assert.equal(expired.reduce((a, b) => a + b, 0), 3, `each import expired once: ${outs.join(' | ')}`);
  assert.equal(expired.filter((n) => n > 0).length + skipped <= 3, true);
  for (const imp of imps) {
    assert.equal(row(imp.pid)[0], 'stopped');
    assert.equal(existsSync(imp.path), false);
  }
  const last = sql("SELECT last_result FROM tick_claims WHERE job = 'expire'")[0][0];
  assert.match(last, /expired/);
});

test('the start of an import expires the organization\'s abandoned ones, without a tick', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const old = await newImport(jar, csrf);
  age(old, DAY + 60);
  const cora = await session('cora@bloomdental.test');
  const other = await newImport(cora.jar, cora.csrf);
  age(other, DAY + 60);
  const next = await newImport(jar, csrf);   // ada starts another import
  assert.equal(row(old.pid)[0], 'stopped', 'ada\'s abandoned import expired');
  assert.equal(existsSync(old.path), false);
  assert.equal(row(other.pid)[0], 'mapping', 'another organization\'s is left to the tick');
  assert.ok(existsSync(other.path));
  assert.ok(existsSync(next.path));
  tick();
  assert.equal(row(other.pid)[0], 'stopped');
});
