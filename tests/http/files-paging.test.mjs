// F1, F2, F3 — the files tab pages through any number of files:
// 100 a page, newest received first, an "Older files" link carrying the
// filter and the last file's id (?before=<file_id>: keyset paging on
// (date_received, id), no OFFSET), so every file is listed exactly once, in
// order, ties of the same date included. A cursor that is no file of the lead
// is a 400. A file attached to several activities shows every source.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, login, sql } from '../lib/client.mjs';
import { lit, one, leadPid } from '../lib/http-extra.mjs';

const LEAD = leadPid('Kestrel Aviation Services');
const LEAD_ID = one(`SELECT id FROM leads WHERE pid = ${lit(LEAD)}`);
const ORG = one(`SELECT organization_id FROM leads WHERE id = ${LEAD_ID}`);
const N = 250;
let ada;

const decode = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const idsOf = (html) => [...html.matchAll(/<tr class="file" data-file-id="(file_\w+)">/g)].map((m) => m[1]);
const olderOf = (html) => { const m = html.match(/<a class="older" rel="next" href="([^"]+)">Older files<\/a>/); return m ? decode(m[1]) : null; };

// Every page from `path` on: the ids in the order shown, and the links followed.
async function walk(path) {
  const ids = [], links = [], sizes = [];
  for (let next = path; next; ) {
    const res = await get(next, { jar: ada });
    assert.equal(res.status, 200, next);
    const page = idsOf(res.body);
    sizes.push(page.length);
    ids.push(...page);
    next = olderOf(res.body);
    if (next) links.push(next);
    assert.ok(links.length <= N, 'the walk ends');
  }
  return { ids, links, sizes };
}

before(async () => {
  ada = await login('ada@northwind.test');
  const user = one("SELECT id FROM users WHERE email = 'ada@northwind.test'");
  const h = one('SELECT sha256 FROM files LIMIT 1');
  // three files to each hour (ties on date_received), every fifth a PDF
  sql(`INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id)
    SELECT ll_id('file_'), ${ORG}, ${LEAD_ID}, CONCAT('paged-', LPAD(seq, 3, '0'), IF(seq % 5 = 0, '.pdf', '.txt')), 100 + seq, ${lit(h)},
      NULL, IF(seq % 5 = 0, 'application/pdf', 'text/plain'), IF(seq % 5 = 0, 'pdf', 'text'),
      TIMESTAMP('2025-06-01 12:00:00') + INTERVAL (seq DIV 3) HOUR, ${user}
    FROM seq_1_to_${N}`);
});
after(() => {
  sql(`DELETE af FROM activity_files af JOIN files f ON f.id = af.file_id WHERE f.lead_id = ${LEAD_ID}`);
  sql(`DELETE FROM files WHERE lead_id = ${LEAD_ID}`);
});

test(`${N} files: pages of 100 linked by "Older files", each file once, newest received first`, async () => {
  const want = sql(`SELECT pid FROM files WHERE lead_id = ${LEAD_ID} ORDER BY date_received DESC, id DESC`).map((r) => r[0]);
  assert.equal(want.length, N);
  const { ids, links, sizes } = await walk(`/lead/${LEAD}/files`);
  assert.deepEqual(sizes, [100, 100, 50]);
  assert.deepEqual(ids, want, 'every file exactly once, in order, across the pages');
  for (const l of links) {
    assert.match(l, new RegExp(`^/lead/${LEAD}/files\\?before=file_[0-9A-Za-z]{40}$`), 'a keyset cursor, no offset or page number');
  }
  assert.equal(links[0], `/lead/${LEAD}/files?before=${want[99]}`, 'the cursor is the last file shown');
  const last = await get(links[1], { jar: ada });
  assert.match(last.body, new RegExp(`<a class="newest" href="/lead/${LEAD}/files">Newest files</a>`));
});

test('the filter is carried from page to page', async () => {
  const want = sql(`SELECT pid FROM files WHERE lead_id = ${LEAD_ID} AND category = 'pdf'
    AND DATE(date_received) BETWEEN '2025-06-01' AND '2025-06-04' ORDER BY date_received DESC, id DESC`).map((r) => r[0]);
  assert.ok(want.length > 0 && want.length <= 100);
  let r = await walk(`/lead/${LEAD}/files?category=pdf&from=2025-06-01&to=2025-06-04`);
  assert.deepEqual(r.ids, want);
  assert.deepEqual(r.links, []);
  r = await walk(`/lead/${LEAD}/files?category=text&category=pdf`);
  assert.equal(r.ids.length, N);
  for (const l of r.links) assert.match(l, /\?category=pdf&category=text&before=file_\w{40}$/);
  const second = await get(r.links[0], { jar: ada });
  assert.match(decode(second.body), new RegExp(`<a class="newest" href="/lead/${LEAD}/files\\?category=pdf&category=text">Newest files</a>`));
});

test('a cursor that is no file of this lead: 400, nothing listed', async () => {
  const other = one(`SELECT pid FROM files WHERE lead_id <> ${LEAD_ID} LIMIT 1`);
  for (const before of [other, 'file_' + 'x'.repeat(40), 'acti_' + 'a'.repeat(40), 'nope']) {
    const res = await get(`/lead/${LEAD}/files?before=${encodeURIComponent(before)}`, { jar: ada });
    assert.equal(res.status, 400, before);
    assert.match(res.body, /The list cannot continue there|&quot;before&quot; is not a valid id/);
    assert.doesNotMatch(res.body, /data-file-id=/);
  }
});

test('a file attached to several activities shows every source, oldest first', async () => {
  const acts = sql(`SELECT id, pid, type FROM activities WHERE lead_id = ${LEAD_ID} AND deleted_at IS NULL
    AND type IN ('email', 'note') ORDER BY activity_at, id LIMIT 2`);
  assert.equal(acts.length, 2, 'the demo lead has an email or a note twice');
  const [fid, fpid] = sql(`SELECT id, pid FROM files WHERE lead_id = ${LEAD_ID} ORDER BY date_received DESC, id DESC LIMIT 1`)[0];
  for (const [aid] of acts) sql(`INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (${ORG}, ${aid}, ${fid})`);
  const res = await get(`/lead/${LEAD}/files`, { jar: ada });
  const row = res.body.match(new RegExp(`data-file-id="${fpid}">([\\s\\S]*?)</tr>`))[1];
  const hrefs = [...row.matchAll(/class="source source-(\w+)" href="([^"]+)" title="([^"]+)"/g)];
  assert.deepEqual(hrefs.map((m) => [m[1], m[2]]), acts.map(([, pid, type]) => [type, `/lead/${LEAD}/#activityId=${pid}`]));
  for (const m of hrefs) assert.match(m[3], /^(Email|Note) of \w{3} \d{1,2}, \d{4}/);
  assert.doesNotMatch(row, /Shared with the lead/);
});
