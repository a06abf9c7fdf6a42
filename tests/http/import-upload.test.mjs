// L9, U2, F6-style limits for /import: the upload is multipart/form-data
// (ROUTE_UPLOAD in lib/req.c): its csrf field must come before the file and
// match the session, or nothing is stored (403); over 50 MB is a 413 naming
// the limit and leaves no file and no import; another body type is a 415.
// The mapping is checked (b2b needs a company column). Stopping an import
// keeps whole batches and the report says how far it went. Imports are the
// organization's own: another organization's is a 404.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, request } from '../lib/client.mjs';
import { session, orgId, one, lit } from '../lib/http-extra.mjs';
import {
  upload, importPid, importFile, mappingOf, runToEnd, reportOf, tmpFiles, cleanupZz, dropUnfinishedImports, sql, CSV,
} from '../lib/import.mjs';

after(() => { cleanupZz(); dropUnfinishedImports(); });
const imports = () => Number(one('SELECT COUNT(*) FROM imports'));

test('without a session the upload goes to the login page and nothing is stored', async () => {
  const n = imports();
  const res = await upload(new Map(), 'x', 'a.csv', CSV('b2b-group.csv'));
  assert.ok([302, 303].includes(res.status), `status ${res.status}`);
  assert.match(res.headers.location, /^\/login/);
  assert.equal(imports(), n);
});

test('a missing, wrong or late csrf field is a 403 and stores nothing', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const n = imports();
  const files = tmpFiles().length;
  for (const [token, opts, what] of [[null, {}, 'none'], ['wrong-token', {}, 'wrong'], [csrf, { csrfFirst: false }, 'after the file']]) {
    const res = await upload(jar, token, 'a.csv', CSV('b2b-group.csv'), opts);
    assert.equal(res.status, 403, `csrf ${what}: ${res.status}`);
    assert.match(res.body, /expired or did not come from leadline/);
  }
  assert.equal(imports(), n, 'no import');
  assert.equal(tmpFiles().length, files, 'no file in the tmp directory');
});

test('over 50 MB: 413 naming the limit; no file, no import', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const n = imports();
  const files = tmpFiles().length;
  const big = Buffer.alloc(50 * 1024 * 1024 + 1, 'a');
  big.write('Company\n', 0);
  const res = await upload(jar, csrf, 'big.csv', big);
  assert.equal(res.status, 413);
  assert.match(res.body, /at most 50 MB/);
  assert.equal(imports(), n);
  assert.deepEqual(tmpFiles().length, files, 'the partial file was removed');
  // the worker is fine afterwards
  const ok = await get('/import', { jar });
  assert.equal(ok.status, 200);
});

test('a urlencoded post to /import is a 415; a form without a file or an empty file a 400', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const res = await request('POST', '/import', { jar, body: { csrf } });
  assert.equal(res.status, 415);
  const none = await upload(jar, csrf, '', Buffer.from(''));
  assert.equal(none.status, 400);
  assert.match(none.body, /Choose a CSV file/);
  const empty = await upload(jar, csrf, 'empty.csv', Buffer.from(''));
  assert.equal(empty.status, 400);
  const blank = await upload(jar, csrf, 'blank.csv', Buffer.from('\n\n  \n'));
  assert.equal(blank.status, 400);
  assert.match(blank.body, /header row/);
  const bad = await upload(jar, csrf, 'latin1.csv', Buffer.from([0x46, 0x69, 0x72, 0x6d, 0xe4, 0x0a, 0x41, 0x0a]));
  assert.equal(bad.status, 400);
  assert.match(bad.body, /not valid UTF-8/);
});

test('the mapping guesses by header, keeps the choices of a refused form, and b2b needs a company', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const up = await upload(jar, csrf, 'skips.csv', CSV('skips.csv'));
  assert.equal(up.status, 303);
  const pid = importPid(up);
  const page = await get(`/import/${pid}/`, { jar });
  const map = mappingOf(page.body);
  assert.deepEqual(map.map((c) => c.header), ['Company', 'Contact', 'Email', 'Status', 'Website']);
  assert.deepEqual(map.map((c) => c.target), ['lead_name', 'contact_name', 'email', 'status', 'url']);
  const cf = one(`SELECT pid FROM custom_fields WHERE organization_id = ${orgId('Northwind Traders')} AND name = 'Industry'`);
  assert.ok(map[0].options.includes(cf), 'custom fields can be chosen');
  const body = (targets) => new URLSearchParams([['csrf', csrf], ...targets.map((t) => ['target', t])]).toString();
  const post = (targets) => request('POST', `/import/${pid}/map`, { jar, body: body(targets),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  let res = await post(['ignore', 'contact_name', 'email', 'status', 'url']);
  assert.equal(res.status, 400);
  assert.match(res.body, /holds the company/);
  assert.deepEqual(mappingOf(res.body).map((c) => c.target), ['ignore', 'contact_name', 'email', 'status', 'url'], 'the choices are kept');
  res = await post(['lead_name', 'url', 'email', 'status', 'url']);
  assert.equal(res.status, 400);
  assert.match(res.body, /URL is chosen for two columns/);
  res = await post(['lead_name', 'contact_name']);
  assert.equal(res.status, 400);
  res = await post(['lead_name', 'contact_name', 'email', 'status', 'cf_nope']);
  assert.equal(res.status, 400);
  assert.equal(one(`SELECT state FROM imports WHERE pid = ${lit(pid)}`), 'mapping', 'nothing started');
  res = await post(['lead_name', 'contact_name', 'email', 'ignore', 'ignore']);
  assert.equal(res.status, 303);
  res = await post(['lead_name', 'contact_name', 'email', 'ignore', 'ignore']);
  assert.equal(res.status, 409, 'mapped once only');
  const html = await runToEnd(jar, pid);
  assert.equal(reportOf(html).rowsSkipped, 5, 'status and url ignored: their rows are imported');
});

test('a long import shows rows done of total while it runs; stopped, it keeps whole batches and says how far it went', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const rows = ['Company,Contact,Email'];
  for (let i = 1; i <= 30000; i++) rows.push(`Zz Batch Co ${i},Zz Batch Person ${i},p${i}@batch.example`);
  const up = await upload(jar, csrf, 'batch.csv', Buffer.from(rows.join('\n')));
  const pid = importPid(up);
  const id = one(`SELECT id FROM imports WHERE pid = ${lit(pid)}`);
  // one batch as the page would run it, then stop: simulated by a tiny time
  // budget — the first load runs at least one whole batch
  const m = await request('POST', `/import/${pid}/map`, { jar, body: new URLSearchParams([['csrf', csrf],
    ['target', 'lead_name'], ['target', 'contact_name'], ['target', 'email']]).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(m.status, 303);
  const stop = await request('POST', `/import/${pid}/stop`, { jar, body: { csrf } });
  assert.equal(stop.status, 303);
  let page = await get(`/import/${pid}/`, { jar });
  assert.match(page.body, /Import ended early/);
  assert.match(page.body, /up to line 1:/);
  assert.equal(Number(one(`SELECT COUNT(*) FROM leads WHERE name LIKE 'Zz Batch Co %'`)), 0);

  // again, and let one page load run
  const up2 = await upload(jar, csrf, 'batch.csv', Buffer.from(rows.join('\n')));
  const pid2 = importPid(up2);
  await request('POST', `/import/${pid2}/map`, { jar, body: new URLSearchParams([['csrf', csrf],
    ['target', 'lead_name'], ['target', 'contact_name'], ['target', 'email']]).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  page = await get(`/import/${pid2}/`, { jar });
  assert.equal(page.status, 200);
  const done = Number(one(`SELECT rows_done FROM imports WHERE pid = ${lit(pid2)}`));
  if (page.headers.refresh !== undefined) {
    assert.equal(page.headers.refresh, '0', 'the page reloads itself while running');
    assert.match(page.body, new RegExp(`${done} of 30000 rows done`));
    await request('POST', `/import/${pid2}/stop`, { jar, body: { csrf } });
    const leads = Number(one(`SELECT COUNT(*) FROM leads WHERE name LIKE 'Zz Batch Co %'`));
    assert.equal(leads, done, 'every processed row is a lead: whole rows only');
    assert.equal(done % 1024, 0, `whole batches of 1,024 rows (${done})`);
    page = await get(`/import/${pid2}/`, { jar });
    assert.match(page.body, /Import ended early/);
    assert.match(page.body, new RegExp(`up to line ${done + 2}:`), 'the report says how far it went');
  } else {
    assert.equal(done, 30000, 'finished within the first load');
  }
  assert.ok(id);
});

test('imports are the organization\'s own: cora gets a 404 for ada\'s import; a malformed id too', async () => {
  const ada = await session('ada@northwind.test');
  const up = await upload(ada.jar, ada.csrf, 'semicolon.csv', CSV('semicolon.csv'));
  const pid = importPid(up);
  const cora = await session('cora@bloomdental.test');
  const res = await get(`/import/${pid}/`, { jar: cora.jar });
  assert.equal(res.status, 404);
  assert.ok(!res.body.includes('semicolon.csv'));
  const map = await request('POST', `/import/${pid}/map`, { jar: cora.jar, body: { csrf: cora.csrf, target: 'lead_name' } });
  assert.equal(map.status, 404);
  assert.equal((await get('/import/impo_x/', { jar: cora.jar })).status, 404);
  assert.ok(!(await get('/import', { jar: cora.jar })).body.includes(pid), 'not among cora\'s latest imports');
  assert.ok((await get('/import', { jar: ada.jar })).body.includes(pid), 'among ada\'s');
  sql(`UPDATE imports SET state = 'stopped' WHERE pid = ${lit(pid)}`);
});
