// O6 — the leads list's filters and sorts as query parameters (a filtered
// list is a URL, no JavaScript): owner (me, a member, anyone), statuses,
// last activity before / since a day of the viewer's, open tasks, an active
// opportunity; sorted by name, latest activity or newest; keyset pages (the
// "Next page" link keeps the filter). Each result is checked against the
// tables themselves (activities, tasks, opportunities — not the list's own
// lead_last_activity). A value the filter does not know is a 400; another
// organization's member or status is refused the same; EXPLAIN of every
// statement of lib/leadlist.c reads through an index.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { get, sql, ROOT } from '../lib/client.mjs';
import { one, lit, session, orgId, leadLinks, nextPageHref, assertErrorPage, randomId } from '../lib/http-extra.mjs';

const MARK = `zz-filter-${process.pid}-`;
const NW = () => orgId('Northwind Traders');
const uid = (email) => one(`SELECT id FROM users WHERE email = ${lit(email)}`);
const upid = (email) => one(`SELECT pid FROM users WHERE email = ${lit(email)}`);

// 130 leads of Northwind's for paging: owners ada and ben by turns, statuses
// in turn, created a day apart, every third with an activity, every fifth an
// open task, every seventh an active opportunity.
before(() => {
  const nw = NW();
  sql(`INSERT INTO leads (pid, organization_id, name, status_id, created_by, owner_id, date_created, date_updated)
    SELECT ll_id('lead_'), ${nw}, CONCAT(${lit(MARK)}, LPAD(n.n, 3, '0')),
      (SELECT id FROM lead_statuses WHERE organization_id = ${nw} ORDER BY position, id LIMIT 1 OFFSET 0) + 0 * n.n,
      ${uid('ada@northwind.test')}, IF(n.n % 2, ${uid('ada@northwind.test')}, ${uid('ben@northwind.test')}),
      UTC_TIMESTAMP(6) - INTERVAL n.n DAY, UTC_TIMESTAMP(6)
    FROM (SELECT seq AS n FROM seq_1_to_130) n`);
  const statuses = sql(`SELECT id FROM lead_statuses WHERE organization_id = ${nw} ORDER BY position, id`).map((r) => r[0]);
  statuses.forEach((s, i) => sql(`UPDATE leads SET status_id = ${s} WHERE name LIKE ${lit(MARK + '%')}
    AND CAST(SUBSTRING(name, ${MARK.length + 1}) AS UNSIGNED) % ${statuses.length} = ${i}`));
  sql(`INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at, date_created, date_updated, body_text)
    SELECT ll_id('acti_'), ${nw}, l.id, 'note', ${uid('ada@northwind.test')},
      UTC_TIMESTAMP(6) - INTERVAL (CAST(SUBSTRING(l.name, ${MARK.length + 1}) AS UNSIGNED) * 7) HOUR,
      UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 'filter test'
    FROM leads l WHERE l.name LIKE ${lit(MARK + '%')} AND CAST(SUBSTRING(l.name, ${MARK.length + 1}) AS UNSIGNED) % 3 = 0`);
  sql(`INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to)
    SELECT ll_id('task_'), ${nw}, l.id, 'filter test', CURDATE(), ${uid('ben@northwind.test')}
    FROM leads l WHERE l.name LIKE ${lit(MARK + '%')} AND CAST(SUBSTRING(l.name, ${MARK.length + 1}) AS UNSIGNED) % 5 = 0`);
  sql(`INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value)
    SELECT ll_id('oppo_'), ${nw}, l.id,
      (SELECT id FROM opportunity_statuses WHERE organization_id = ${nw} AND type = 'active' LIMIT 1), 100
    FROM leads l WHERE l.name LIKE ${lit(MARK + '%')} AND CAST(SUBSTRING(l.name, ${MARK.length + 1}) AS UNSIGNED) % 7 = 0`);
});

afterAll(() => {
  const ids = `SELECT id FROM (SELECT id FROM leads WHERE name LIKE ${lit(MARK + '%')}) x`;
  for (const t of ['activities', 'tasks', 'opportunities', 'lead_activity_counts']) sql(`DELETE FROM ${t} WHERE lead_id IN (${ids})`);
  sql(`DELETE FROM leads WHERE name LIKE ${lit(MARK + '%')}`);
});

// Every page of a filtered list, following "Next page": the pids in order.
async function walk(jar, href) {
  const seen = [];
  const hrefs = [];
  for (let i = 0; href && i < 100; i++) {
    const res = await get(href, { jar });
    assert.equal(res.status, 200, `GET ${href}: ${res.status} ${res.body.slice(0, 300)}`);
    const body = res.body.slice(res.body.indexOf('<table class="leads-list">'));
    seen.push(...leadLinks(body));
    href = nextPageHref(res.body);
    if (href) hrefs.push(href);
  }
  return { seen, hrefs };
}

// The lead pids of Northwind that pass `where` (on l, with la_at = the
// latest activity not deleted, from activities), in `order`.
function expected(where, order = 'l.name, l.id') {
  return sql(`SELECT l.pid FROM leads l
    LEFT JOIN (SELECT lead_id, MAX(activity_at) AS at FROM activities WHERE deleted_at IS NULL GROUP BY lead_id) la
      ON la.lead_id = l.id
    WHERE l.organization_id = ${NW()} AND (${where}) ORDER BY ${order}`).map((r) => r[0]);
}

test('no filter: every lead of the organization by name, in pages of 50; the filter form shows its choices', async () => {
  const { jar } = await session('ada@northwind.test');
  const { seen, hrefs } = await walk(jar, '/leads');
  assert.deepEqual(seen, expected('1'));
  assert.ok(hrefs.length >= 2, 'more than two pages');
  const res = await get('/leads', { jar });
  const form = res.body.slice(res.body.indexOf('<form method="get" action="/leads" class="leads-filter"'));
  const statusBoxes = [...form.matchAll(/name="status" value="(stat_[0-9A-Za-z]{40})"/g)].map((m) => m[1]);
  assert.deepEqual(statusBoxes, sql(`SELECT pid FROM lead_statuses WHERE organization_id = ${NW()} ORDER BY position, id`).map((r) => r[0]));
  const owners = [...form.slice(0, form.indexOf('</select>')).matchAll(/<option value="(user_[0-9A-Za-z]{40})"/g)].map((m) => m[1]).sort();
  assert.deepEqual(owners, sql(`SELECT u.pid FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organization_id = ${NW()} AND m.active = 1 AND u.active = 1`).map((r) => r[0]).sort(), 'the active members');
  assert.ok(!owners.includes(upid('cora@bloomdental.test')));
});

test('owner: me, a member, anyone — each list is exactly those leads, paging keeps the filter', async () => {
  const { jar } = await session('ben@northwind.test');
  let r = await walk(jar, '/leads?owner=me');
  assert.deepEqual(r.seen, expected(`l.owner_id = ${uid('ben@northwind.test')}`));
  assert.ok(r.hrefs.length >= 1 && r.hrefs.every((h) => h.includes('owner=me&')), `next pages keep owner=me: ${r.hrefs}`);
  r = await walk(jar, `/leads?owner=${upid('ada@northwind.test')}`);
  assert.deepEqual(r.seen, expected(`l.owner_id = ${uid('ada@northwind.test')}`));
  r = await walk(jar, '/leads?owner=');
  assert.deepEqual(r.seen, expected('1'));
  const page = await get('/leads?owner=me', { jar });
  assert.match(page.body, /<option value="me" selected>Me<\/option>/);
  assert.match(page.body, /<a href="\/leads">Clear the filter<\/a>/);
});

test('statuses (several) and sort by newest: exactly the leads of those statuses, newest first', async () => {
  const { jar } = await session('ada@northwind.test');
  const st = sql(`SELECT id, pid FROM lead_statuses WHERE organization_id = ${NW()} ORDER BY position, id LIMIT 2`);
  const q = st.map(([, p]) => `status=${p}`).join('&');
  const r = await walk(jar, `/leads?${q}&sort=created`);
  assert.deepEqual(r.seen, expected(`l.status_id IN (${st.map(([id]) => id).join(',')})`, 'l.date_created DESC, l.id DESC'));
  assert.ok(r.seen.length > 50, 'more than a page');
  const page = await get(`/leads?${q}`, { jar });
  for (const [, p] of st) assert.match(page.body, new RegExp(`value="${p}" checked`));
});

test('last activity since / before a day of the viewer\'s time zone, sorted by latest activity', async () => {
  const { jar } = await session('ada@northwind.test');   // America/New_York
  const day = one("SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP() - INTERVAL 20 DAY, 'UTC', 'America/New_York'))");
  const start = `CONVERT_TZ(${lit(day + ' 00:00:00')}, 'America/New_York', 'UTC')`;
  const order = "COALESCE(la.at, '1000-01-01') DESC, l.id DESC";
  let r = await walk(jar, `/leads?active_since=${day}&sort=activity`);
  assert.deepEqual(r.seen, expected(`la.at >= ${start}`, order));
  assert.ok(r.seen.length > 0);
  r = await walk(jar, `/leads?active_before=${day}&sort=activity`);
  assert.deepEqual(r.seen, expected(`la.at IS NULL OR la.at < ${start}`, order), 'before: also the leads without any activity');
  r = await walk(jar, '/leads?sort=activity');
  assert.deepEqual(r.seen, expected('1', order), 'every lead, latest activity first, over pages');
});

test('open tasks and an active opportunity, with and without, combined with an owner', async () => {
  const { jar } = await session('ben@northwind.test');
  const tasks = 'EXISTS (SELECT 1 FROM tasks t WHERE t.lead_id = l.id AND t.is_complete = 0)';
  const opp = `EXISTS (SELECT 1 FROM opportunities o JOIN opportunity_statuses s ON s.id = o.status_id
    WHERE o.lead_id = l.id AND s.type = 'active')`;
  assert.deepEqual((await walk(jar, '/leads?tasks=with')).seen, expected(tasks));
  assert.deepEqual((await walk(jar, '/leads?tasks=without')).seen, expected(`NOT ${tasks}`));
  assert.deepEqual((await walk(jar, '/leads?opportunity=with')).seen, expected(opp));
  assert.deepEqual((await walk(jar, '/leads?opportunity=without&sort=created')).seen, expected(`NOT ${opp}`, 'l.date_created DESC, l.id DESC'));
  const ben = uid('ben@northwind.test');
  assert.deepEqual((await walk(jar, '/leads?owner=me&tasks=with&opportunity=without&sort=activity')).seen,
    expected(`l.owner_id = ${ben} AND ${tasks} AND NOT ${opp}`, "COALESCE(la.at, '1000-01-01') DESC, l.id DESC"));
  assert.deepEqual((await walk(jar, '/leads?owner=me&sort=created')).seen, expected(`l.owner_id = ${ben}`, 'l.date_created DESC, l.id DESC'));
});

test('a filter nothing passes says so', async () => {
  const { jar } = await session('ada@northwind.test');
  const res = await get('/leads?active_since=9999-12-31', { jar });
  assert.equal(res.status, 200);
  assert.deepEqual(leadLinks(res.body.slice(res.body.indexOf('<table'))), []);
  assert.match(res.body, /No lead passes the filter\./);
});

test('values the filter does not know, another organization\'s member or status: 400 naming the problem', async () => {
  const { jar } = await session('ada@northwind.test');
  const bloomStatus = one(`SELECT pid FROM lead_statuses WHERE organization_id = ${orgId('Bloom Dental')} LIMIT 1`);
  const cases = [
    [`owner=${upid('cora@bloomdental.test')}`, /owner/i],
    [`owner=${randomId('user_')}`, /owner/i],
    [`owner=${upid('dan@northwind.test')}`, /owner/i],   // inactive
    [`status=${bloomStatus}`, /status/i],
    [`status=${randomId('stat_')}`, /status/i],
    ['status=garbage', /status/i],
    ['active_before=2026-13-01', /date/i],
    ['active_since=yesterday', /date/i],
    ['tasks=maybe', /tasks/],
    ['opportunity=1', /opportunity/],
    ['sort=revenue', /sort/],
    [`after=${randomId('lead_')}&sort=activity`, /after/],
  ];
  for (const [q, re] of cases) assertErrorPage(await get(`/leads?${q}`, { jar }), 400, re, q);
});

test('cora (Bloom Dental) never sees a Northwind lead, whatever the filter', async () => {
  const { jar } = await session('cora@bloomdental.test');
  const mine = new Set(sql(`SELECT pid FROM leads WHERE organization_id = ${orgId('Bloom Dental')}`).map((r) => r[0]));
  for (const q of ['', 'sort=activity', 'sort=created', 'owner=me', 'tasks=without']) {
    const { seen } = await walk(jar, `/leads?${q}`);
    for (const p of seen) assert.ok(mine.has(p), `${q}: ${p} is not Bloom Dental's`);
  }
});

// The statement text of a DB_SQL_COLS in lib/leadlist.c, macros expanded.
function statement(name) {
  const src = readFileSync(`${ROOT}/lib/leadlist.c`, 'utf8');
  const macros = {};
  for (const m of src.matchAll(/#define (\w+) \\\n((?:.*\\\n)*.*\n)/g)) {
    macros[m[1]] = [...m[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]).join('');
  }
  const m = src.match(new RegExp(`static struct db_sql ${name} = DB_SQL(?:_COLS)?\\(([\\s\\S]*?)\\);`));
  assert.ok(m, `${name} is in lib/leadlist.c`);
  return [...m[1].matchAll(/"((?:[^"\\]|\\.)*)"|\b([A-Z_][A-Z0-9_]{3,})\b/g)].map((x) => x[1] ?? macros[x[2]] ?? '').join('');
}

test('EXPLAIN: every sort, with and without an owner, reads a range of an index, never a scan', () => {
  const org = String(NW());
  const ben = String(uid('ben@northwind.test'));
  const filters = ["'stat_x'", "'stat_x'", "'2026-01-01'", "'UTC'", "'2026-01-01'", 'NULL', "'UTC'", 'NULL', '1', '1', '2', '2'];
  const far = "'9999-12-31 23:59:59.999999'";
  const plans = {
    q_by_name: ["'UTC'", org, "''", "''", '0'],
    q_owner_by_name: ["'UTC'", org, ben, "'M'", "'M'", '5'],
    q_by_created: ["'UTC'", org, far, far, '9223372036854775807'],
    q_owner_by_created: ["'UTC'", org, ben, far, far, '9223372036854775807'],
    q_by_activity: ["'UTC'", org, ben, ben, far, far, '9223372036854775807'],
  };
  const keys = { q_by_name: 'organization_id', q_owner_by_name: 'leads_owner_name', q_by_created: 'leads_created',
    q_owner_by_created: 'leads_owner_created', q_by_activity: 'by_last' };
  for (const [name, head] of Object.entries(plans)) {
    const values = [...head, ...filters];
    let i = 0;
    const q = statement(name).replace(/\?/g, () => values[i++]);
    assert.equal(i, values.length, `${name} takes ${i} parameters`);
    const plan = sql(`EXPLAIN ${q}`).map((r) => ({ id: r[0], table: r[2], access: r[3], key: r[5], extra: r[9] }));
    for (const p of plan) {
      if (p.table === 'NULL' || /^<(derived|union|subquery)/.test(p.table)) continue;
      assert.ok(!['ALL', 'index'].includes(p.access), `${name}: ${p.table} is scanned (${p.access}): ${JSON.stringify(plan)}`);
      assert.ok(p.key && p.key !== 'NULL', `${name}: ${p.table} without an index: ${JSON.stringify(p)}`);
    }
    const first = plan[0];
    assert.equal(first.key, keys[name], `${name} reads its sort's index first: ${JSON.stringify(plan)}`);
    assert.ok(!/filesort/.test(first.extra), `${name}: no sort of its own: ${first.extra}`);
  }
});
