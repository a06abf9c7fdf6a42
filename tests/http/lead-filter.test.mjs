// L4 — the history filter: all activities, or chosen types (each custom
// activity type is a type), with a count per type read from
// lead_activity_counts (never by counting the history). Without JavaScript it
// is a GET form of checkboxes (?type=note&type=call&type=actitype_...); the
// history alone comes as a fragment (?fragment=history) for lead.js; "Load
// more" keeps the filter. An unknown type is a 400.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql } from '../lib/client.mjs';
import { one, lit, session, orgId, leadPid, randomId, assertErrorPage } from '../lib/http-extra.mjs';
import { acts, decode, historyPids, leadId, moreHref, walkHistory } from '../lib/lead-page.mjs';

const GLOBEX = 'Globex Corporation';
const BUILTIN = ['email', 'call', 'sms', 'meeting', 'note', 'lead_status_change', 'opportunity_status_change', 'task_completed'];

// The filter's entries: [{ key, label, count, checked }] in order.
function filterOf(html) {
  return [...html.matchAll(/<input type="checkbox" name="type" value="([^"]+)"( checked)?> <span class="kind-label">([^<]*)<\/span> <span class="count">(\d+)<\/span>/g)]
    .map((m) => ({ key: m[1], checked: Boolean(m[2]), label: decode(m[3]), count: Number(m[4]) }));
}

const customTypes = (org = 'Northwind Traders') => sql(`SELECT pid, name, id FROM custom_activity_types
  WHERE organization_id = ${orgId(org)} ORDER BY name, id`);

test('the filter offers every built-in type and each custom type, with counts equal to the history\'s', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const lead = leadId(pid);
  const res = await get(`/lead/${pid}/`, { jar });
  const entries = filterOf(res.body);
  const custom = customTypes();
  assert.deepEqual(entries.map((e) => e.key), [...BUILTIN, ...custom.map((c) => c[0])], 'built-in types, then custom types by name');
  assert.deepEqual(entries.slice(BUILTIN.length).map((e) => e.label), custom.map((c) => c[1]));
  for (const e of entries) {
    const c = custom.find((x) => x[0] === e.key);
    const n = Number(one(`SELECT COUNT(*) FROM activities WHERE lead_id = ${lead} AND deleted_at IS NULL AND ${
      c ? `custom_type_id = ${c[2]}` : `type = ${lit(e.key)}`}`));
    assert.equal(e.count, n, `${e.label}: ${e.count} shown, ${n} in the history`);
    assert.equal(e.checked, false, 'nothing chosen: all activities');
  }
  const total = Number(one(`SELECT COUNT(*) FROM activities WHERE lead_id = ${lead} AND deleted_at IS NULL`));
  assert.match(res.body, new RegExp(`All activities <span class="count">${total}</span>`));
  assert.match(res.body, /<span class="filter-label">All activities<\/span>/);
  assert.match(res.body, new RegExp(`<form method="get" action="/lead/${pid}/" class="filter-form"`), 'a GET form: works without JavaScript');
});

test('the counts are read from lead_activity_counts, not by counting the history', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid('Initech (archive)');
  const lead = leadId(pid);
  const real = Number(one(`SELECT n FROM lead_activity_counts WHERE lead_id = ${lead} AND type = 'note'`));
  sql(`UPDATE lead_activity_counts SET n = n + 777 WHERE lead_id = ${lead} AND type = 'note'`);
  try {
    const res = await get(`/lead/${pid}/`, { jar });
    const note = filterOf(res.body).find((e) => e.key === 'note');
    assert.equal(note.count, real + 777, 'the page shows the kept count');
  } finally {
    sql(`UPDATE lead_activity_counts SET n = n - 777 WHERE lead_id = ${lead} AND type = 'note'`);
  }
  const res = await get(`/lead/${pid}/`, { jar });
  const entries = filterOf(res.body);
  assert.deepEqual(Object.fromEntries(entries.filter((e) => e.count).map((e) => [e.key, e.count])),
    { note: 20000, call: 20000, email: 20000, sms: 20000, meeting: 20000 }, 'Initech: 100,000 by turns');
  assert.match(res.body, /All activities <span class="count">100000<\/span>/);
});

test('?type=email shows only emails, newest first, and "Load more" keeps the filter through every one', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const want = historyPids(leadId(pid), "AND a.type = 'email'");
  assert.ok(want.length > 100, 'several pages of emails');
  const first = await get(`/lead/${pid}/?type=email`, { jar });
  assert.equal(first.status, 200);
  assert.ok(acts(first.body).every((a) => a.type === 'email'));
  assert.match(first.body, /value="email" checked>/, 'the checkbox shows the choice');
  assert.match(first.body, /<span class="filter-label">Emails<\/span>/);
  assert.match(moreHref(first.body), /^\/lead\/lead_\w+\/\?type=email&before=acti_\w+$/);
  const { pids } = await walkHistory(jar, `/lead/${pid}/?type=email`);
  assert.deepEqual(pids, want);
  const calls = await get(`/lead/${pid}/?type=call`, { jar });
  assert.deepEqual(acts(calls.body).map((a) => a.pid), historyPids(leadId(pid), "AND a.type = 'call'").slice(0, 50));
});

test('several types, custom ones among them: their union in order, page after page', async () => {
  const { jar } = await session('ben@northwind.test');
  const pid = leadPid(GLOBEX);
  const [visit] = customTypes().filter((c) => c[1] === 'Site Visit');
  const want = historyPids(leadId(pid), `AND (a.type IN ('note', 'meeting', 'lead_status_change') OR a.custom_type_id = ${visit[2]})`);
  const q = `type=note&type=meeting&type=${visit[0]}&type=lead_status_change`;
  const { pids, pages } = await walkHistory(jar, `/lead/${pid}/?${q}`);
  assert.deepEqual(pids, want);
  assert.ok(pages.length >= 2, 'more than one page');
  const checked = filterOf(pages[0].body).filter((e) => e.checked).map((e) => e.key);
  assert.deepEqual(checked.sort(), ['lead_status_change', 'meeting', 'note', visit[0]].sort());
  // a repeated type is the same filter
  const twice = await get(`/lead/${pid}/?type=note&type=note`, { jar });
  assert.deepEqual(acts(twice.body).map((a) => a.pid), historyPids(leadId(pid), "AND a.type = 'note'").slice(0, 50));
});

test('every type alone matches the history, custom types included', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  for (const key of BUILTIN) {
    const res = await get(`/lead/${pid}/?type=${key}`, { jar });
    assert.deepEqual(acts(res.body).map((a) => a.pid), historyPids(leadId(pid), `AND a.type = ${lit(key)}`).slice(0, 50), key);
  }
  for (const [key, , id] of customTypes()) {
    const res = await get(`/lead/${pid}/?type=${key}`, { jar });
    assert.deepEqual(acts(res.body).map((a) => a.pid), historyPids(leadId(pid), `AND a.custom_type_id = ${id}`).slice(0, 50), key);
  }
});

test('more than eight custom types chosen at once are still one ordered history', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid('Acme Logistics');
  const lead = leadId(pid);
  const org = orgId('Northwind Traders');
  const user = one("SELECT id FROM users WHERE email = 'ada@northwind.test'");
  const types = [];
  try {
    for (let i = 0; i < 11; i++) {
      const tpid = `actitype_test${String(i).padStart(36, '0')}`;
      sql(`INSERT INTO custom_activity_types (pid, organization_id, name) VALUES (${lit(tpid)}, ${org}, 'Test type ${String(i).padStart(2, '0')}')`);
      const tid = one(`SELECT id FROM custom_activity_types WHERE pid = ${lit(tpid)}`);
      types.push([tpid, tid]);
      sql(`INSERT INTO activities (pid, organization_id, lead_id, type, custom_type_id, user_id, activity_at, date_created)
        SELECT CONCAT('acti_test', LPAD(${i}, 2, '0'), LPAD(seq, 34, '0')), ${org}, ${lead}, 'custom', ${tid}, ${user},
          '2021-01-01' + INTERVAL (seq * 7 + ${i}) HOUR, NOW() FROM seq_1_to_9`);
    }
    const q = types.map(([t]) => `type=${t}`).join('&');
    const want = historyPids(lead, `AND a.custom_type_id IN (${types.map((t) => t[1]).join(',')})`);
    assert.equal(want.length, 99);
    const { pids } = await walkHistory(jar, `/lead/${pid}/?${q}`);
    assert.deepEqual(pids, want);
  } finally {
    sql("DELETE FROM activities WHERE pid LIKE 'acti\\_test%'");
    sql("DELETE FROM custom_activity_types WHERE pid LIKE 'actitype\\_test%'");
  }
});

test('an unknown type is a 400 naming it: a misspelling, "custom", a random or another organization\'s custom type', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const bloomType = `actitype_bloom${'0'.repeat(35)}`;
  sql(`INSERT INTO custom_activity_types (pid, organization_id, name) VALUES (${lit(bloomType)}, ${orgId('Bloom Dental')}, 'Recall')`);
  try {
    for (const t of ['calls', 'custom', 'Note', '', randomId('actitype_'), bloomType, 'x'.repeat(65)]) {
      const res = await get(`/lead/${pid}/?type=note&type=${encodeURIComponent(t)}`, { jar });
      assertErrorPage(res, 400, null, `type=${t}`);
      if (t.length > 0 && t.length <= 64) assert.ok(decode(res.body).includes(`"${t}"`), `the message names ${t}`);
    }
    const frag = await get(`/lead/${pid}/?fragment=history&type=bogus`, { jar });
    assert.equal(frag.status, 400);
  } finally {
    sql(`DELETE FROM custom_activity_types WHERE pid = ${lit(bloomType)}`);
  }
});

test('?fragment=history is the history alone, the same as in the page, and follows the filter', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const page = await get(`/lead/${pid}/?type=sms&type=email`, { jar });
  const frag = await get(`/lead/${pid}/?type=sms&type=email&fragment=history`, { jar });
  assert.equal(frag.status, 200);
  assert.match(frag.headers['content-type'], /^text\/html/);
  assert.ok(frag.body.trimStart().startsWith('<div class="history-list" id="history-list">'), 'starts with the history list');
  assert.ok(!/<html|<header|class="lead-side"|filter-form/.test(frag.body), 'no page around it, no left column, no filter');
  assert.deepEqual(acts(frag.body).map((a) => a.pid), acts(page.body).map((a) => a.pid));
  assert.equal(moreHref(frag.body), moreHref(page.body), 'Load more of the fragment is the page\'s (the filter kept)');
  const start = page.body.indexOf('<div class="history-list"');
  assert.equal(frag.body.trim(), page.body.slice(start, start + frag.body.trim().length), 'the same HTML as in the page');
});

test('a type without activities: an empty history that says so, no "Load more"; counts of zero are listed', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid('Initech (archive)');
  const res = await get(`/lead/${pid}/?type=task_completed`, { jar });
  assert.equal(res.status, 200);
  assert.equal(acts(res.body).length, 0);
  assert.match(res.body, /No activities of the chosen types\./);
  assert.equal(moreHref(res.body), null);
  assert.equal(filterOf(res.body).find((e) => e.key === 'task_completed').count, 0);
});

test('pinned notes are marked in the notes filter too', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const { pages } = await walkHistory(jar, `/lead/${pid}/?type=note`);
  const pinned = pages.flatMap((p) => acts(p.body)).filter((a) => a.pinned).map((a) => a.pid).sort();
  const want = sql(`SELECT pid FROM activities WHERE lead_id = ${leadId(pid)} AND type = 'note' AND pinned_at IS NOT NULL`).map((r) => r[0]).sort();
  assert.deepEqual(pinned, want);
});
