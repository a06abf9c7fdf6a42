// F1-F3 — the files tab /lead/<lead_id>/files: every file of the lead
// newest received first (checked against SQL), its source (the email's, SMS's
// or note's permalink with a hover text telling its date and subject, or
// "Shared with the lead"), the category and date-received filters combined,
// with counts, without JavaScript; the same 404 for another organization;
// the login redirect without a session; the lead page links to the tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, login, sql } from '../lib/client.mjs';
import { lit, one, leadPid, randomId } from '../lib/http-extra.mjs';
import { decode } from '../lib/lead-page.mjs';

const LEAD = leadPid('Globex Corporation');
const LEAD_ID = one(`SELECT id FROM leads WHERE pid = ${lit(LEAD)}`);
const TZ = one(`SELECT time_zone FROM users WHERE email = 'ada@northwind.test'`);
const DIRECT = randomId('file_');
let ada;

// The lead's files as the tab must list them: [{ pid, name, category, size, day, act, type, subject }].
function expected(where = '') {
  return sql(`SELECT f.pid, f.name, f.category, f.size,
      DATE(COALESCE(CONVERT_TZ(f.date_received, 'UTC', ${lit(TZ)}), f.date_received)),
      COALESCE(a.pid, ''), COALESCE(a.type, ''), COALESCE(a.subject, '')
    FROM files f LEFT JOIN activity_files af ON af.file_id = f.id
    LEFT JOIN activities a ON a.id = af.activity_id
    WHERE f.lead_id = ${LEAD_ID} ${where} ORDER BY f.date_received DESC, f.id DESC`)
    .map(([pid, name, category, size, day, act, type, subject]) =>
      ({ pid, name, category, size: Number(size), day, act, type, subject }));
}

// The rows of the tab: [{ pid, name, category, href, title, direct }].
function listed(html) {
  return [...html.matchAll(/<tr class="file" data-file-id="([^"]+)">([\s\S]*?)<\/tr>/g)].map(([, pid, row]) => ({
    pid,
    name: decode(row.match(/class="file-name"[^>]*>([^<]*)</)[1]),
    category: row.match(/class="file-cat">([^<]*)</)[1],
    href: decode(row.match(/class="source[^"]*" href="([^"]*)"/)?.[1] ?? ''),
    title: decode(row.match(/class="source[^"]*" href="[^"]*" title="([^"]*)"/)?.[1] ?? ''),
    direct: /Shared with the lead/.test(row),
  }));
}

function counts(html) {
  return Object.fromEntries([...html.matchAll(/data-category="([a-z]+)">\((\d+)\)/g)].map(([, c, n]) => [c, Number(n)]));
}

before(async () => {
  ada = await login('ada@northwind.test');
  // A file shared with the lead directly (no activity), received first of all.
  sql(`INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, category, date_received)
    SELECT ${lit(DIRECT)}, organization_id, id, 'Shared directly.txt', 5, REPEAT('a', 64), 'text',
      UTC_TIMESTAMP(6) FROM leads WHERE id = ${LEAD_ID}`);
});
after(() => sql(`DELETE FROM files WHERE pid = ${lit(DIRECT)}`));

test('every file of the lead, newest received first, with its source', async () => {
  const want = expected();
  assert.ok(want.length >= 5 && want.some((f) => f.type === 'email') && want.some((f) => f.type === 'sms'),
    'Globex has email and SMS attachments');
  const res = await get(`/lead/${LEAD}/files`, { jar: ada });
  assert.equal(res.status, 200);
  const got = listed(res.body);
  assert.deepEqual(got.map((f) => [f.pid, f.name, f.category]), want.map((f) => [f.pid, f.name, f.category]));
  for (const [i, f] of want.entries()) {
    if (f.act === '') {
      assert.ok(got[i].direct, `${f.name}: shared with the lead`);
      assert.equal(got[i].href, '');
      continue;
    }
    assert.equal(got[i].href, `/lead/${LEAD}/#activityId=${f.act}`, `${f.name}: the permalink`);
    assert.ok(!got[i].direct);
    if (f.type === 'email') {
      assert.match(res.body, new RegExp(`data-file-id="${f.pid}">[\\s\\S]*?class="source source-email"[\\s\\S]*?✉`));
      assert.ok(got[i].title.startsWith('Email of ') && got[i].title.endsWith(`: ${f.subject}`),
        `${f.name}: the hover tells the email's date and subject: ${got[i].title}`);
    }
  }
  assert.equal(got[0].pid, DIRECT, 'the newest first');
  assert.match(res.body, new RegExp(`data-file-id="${DIRECT}">[\\s\\S]*?<td class="file-size">5 B</td>`));
  assert.match(res.body, /<p class="files-count">\d+ of \d+ files<\/p>/);
});

test('filters by several categories, with counts per category', async () => {
  const res = await get(`/lead/${LEAD}/files?category=pdf&category=image`, { jar: ada });
  assert.equal(res.status, 200);
  const want = expected(`AND f.category IN ('pdf', 'image')`);
  assert.ok(want.length >= 2 && want.length < expected().length);
  assert.deepEqual(listed(res.body).map((f) => f.pid), want.map((f) => f.pid));
  assert.match(res.body, /name="category" value="pdf" checked/);
  assert.match(res.body, /name="category" value="image" checked/);
  assert.doesNotMatch(res.body, /name="category" value="text" checked/);
  const byCat = Object.fromEntries(sql(`SELECT category, COUNT(*) FROM files WHERE lead_id = ${LEAD_ID}
    GROUP BY category`).map(([c, n]) => [c, Number(n)]));
  const shown = counts(res.body);
  assert.equal(Object.keys(shown).length, 10, 'every category has its count');
  for (const [c, n] of Object.entries(shown)) assert.equal(n, byCat[c] ?? 0, `count of ${c}`);
});

test('filters by a range of date received, combined with a category', async () => {
  const all = expected();
  const day = all[Math.floor(all.length / 2)].day;
  const sameDay = `AND DATE(COALESCE(CONVERT_TZ(f.date_received, 'UTC', ${lit(TZ)}), f.date_received)) BETWEEN ${lit(day)} AND ${lit(day)}`;
  let res = await get(`/lead/${LEAD}/files?from=${day}&to=${day}`, { jar: ada });
  assert.equal(res.status, 200);
  const want = expected(sameDay);
  assert.ok(want.length >= 1 && want.length < all.length);
  assert.deepEqual(listed(res.body).map((f) => f.pid), want.map((f) => f.pid));
  assert.match(res.body, new RegExp(`name="from" value="${day}"`));
  // counts follow the date range
  const n = counts(res.body);
  assert.equal(Object.values(n).reduce((a, b) => a + b, 0), want.length);
  // from only: everything received that day or later
  res = await get(`/lead/${LEAD}/files?from=${day}`, { jar: ada });
  assert.deepEqual(listed(res.body).map((f) => f.pid), all.filter((f) => f.day >= day).map((f) => f.pid));
  // to only, with a category
  const cat = all.find((f) => f.day <= day).category;
  res = await get(`/lead/${LEAD}/files?to=${day}&category=${cat}`, { jar: ada });
  assert.deepEqual(listed(res.body).map((f) => f.pid),
    all.filter((f) => f.day <= day && f.category === cat).map((f) => f.pid));
  // a range with nothing in it
  res = await get(`/lead/${LEAD}/files?from=1990-01-01&to=1990-12-31`, { jar: ada });
  assert.equal(res.status, 200);
  assert.equal(listed(res.body).length, 0);
  assert.match(res.body, /No file matches/);
});

test('a bad filter is a 400 that names the problem', async () => {
  for (const q of ['category=pdfs', 'from=2026-02-30', 'to=26-01-01', 'from=2026-13-01']) {
    const res = await get(`/lead/${LEAD}/files?${q}`, { jar: ada });
    assert.equal(res.status, 400, q);
    assert.match(res.body, /file type|YYYY-MM-DD/, q);
  }
});

test('another organization gets the same 404 as an unknown lead; no session: the login', async () => {
  const cora = await login('cora@bloomdental.test');
  const theirs = await get(`/lead/${LEAD}/files`, { jar: cora });
  const unknown = await get(`/lead/${randomId('lead_')}/files`, { jar: cora });
  assert.equal(theirs.status, 404);
  assert.equal(unknown.status, 404);
  assert.doesNotMatch(theirs.body, /Globex|Proposal/);
  const strip = (b) => b.replace(/name="csrf" value="[^"]*"/g, '');
  assert.equal(strip(theirs.body), strip(unknown.body));
  const anon = await get(`/lead/${LEAD}/files?category=pdf`);
  assert.equal(anon.status, 302);
  assert.match(anon.headers.location, /\/login\?next=/);
  assert.doesNotMatch(anon.body, /Globex/);
});

test('the lead page links to its files tab', async () => {
  const res = await get(`/lead/${LEAD}/`, { jar: ada });
  assert.equal(res.status, 200);
  assert.match(res.body, new RegExp(`<a href="/lead/${LEAD}/files">Files</a>`));
});
