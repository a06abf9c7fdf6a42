// Each lead page worker keeps the pages it rendered (lib/pagecache.c)
// and sends one again only while the lead's and the organization's versions
// are those it was read at. The versions are raised by triggers
// (sql/010_page_versions.sql), so a change made by anyone — here straight in
// the database, as an import, llctl or an operator at the mysql prompt would —
// shows on the very next page. For every table the lead page shows: the page
// is kept (a worker answers from its cache), the value is changed, and every
// answer after that, from whichever worker, shows the new value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql } from '../lib/client.mjs';
import { session, leadPid, one, lit } from '../lib/http-extra.mjs';
import { withSqlCount } from '../lib/lead-page.mjs';

let jar;
let path;
let G;          // Globex's lead id
let restore = async () => {};

before(async () => {
  ({ jar } = await session('ada@northwind.test'));
  path = `/lead/${leadPid('Globex Corporation')}/`;
  G = one(`SELECT id FROM leads WHERE name = 'Globex Corporation'`);
  restore = await withSqlCount(jar, path);   // X-Page-Cache: hit on a kept page
});

after(async () => {
  await restore();
});

// Answers until some worker sends the page it kept (three workers, each its own).
async function kept() {
  for (let i = 0; i < 40; i++) {
    const res = await get(path, { jar });
    assert.equal(res.status, 200);
    if (res.headers['x-page-cache'] === 'hit') return res;
  }
  assert.fail('no worker sent a kept page in 40 requests');
}

// Enough answers that every worker (3) is very likely among them.
async function every(check) {
  for (let i = 0; i < 12; i++) {
    const res = await get(path, { jar });
    assert.equal(res.status, 200);
    check(res.body, i);
  }
}

// As the templates escape text (ctemplate's HTML escaping).
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const row = (q) => {
  const r = sql(q);
  assert.equal(r.length, 1, `one row for: ${q}`);
  return r[0];
};

// what: a value of the page. pick: SQL for [id, value now] of a row the first
// page shows. set: SQL writing v to that row as it is. suffix: what a new
// value of that column ends with (a file's type, an email's domain).
const cases = [
  ['the lead (leads)', () => `SELECT id, description FROM leads WHERE id = ${G}`,
    (id, v) => `UPDATE leads SET description = ${lit(v)} WHERE id = ${id}`],
  ['a contact (contacts)', () => `SELECT id, name FROM contacts WHERE lead_id = ${G} ORDER BY id LIMIT 1`,
    (id, v) => `UPDATE contacts SET name = ${lit(v)} WHERE id = ${id}`],
  ["a contact's email (contact_emails)", () => `SELECT e.id, e.email FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE c.lead_id = ${G} ORDER BY e.id LIMIT 1`,
    (id, v) => `UPDATE contact_emails SET email = ${lit(v)} WHERE id = ${id}`, '@example.com'],
  ["a contact's phone (contact_phones)", () => `SELECT p.id, p.phone FROM contact_phones p JOIN contacts c ON c.id = p.contact_id WHERE c.lead_id = ${G} ORDER BY p.id LIMIT 1`,
    (id, v) => `UPDATE contact_phones SET phone = ${lit(v)} WHERE id = ${id}`],
  ['an opportunity (opportunities)', () => `SELECT id, note FROM opportunities WHERE lead_id = ${G} ORDER BY id LIMIT 1`,
    (id, v) => `UPDATE opportunities SET note = ${lit(v)} WHERE id = ${id}`],
  ['an open task (tasks)', () => `SELECT id, text FROM tasks WHERE lead_id = ${G} AND is_complete = 0 ORDER BY id LIMIT 1`,
    (id, v) => `UPDATE tasks SET text = ${lit(v)} WHERE id = ${id}`],
  ['a custom field value (lead_custom_values)', () => `SELECT v.id, v.value FROM lead_custom_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.lead_id = ${G} AND f.type = 'text' ORDER BY v.id LIMIT 1`,
    (id, v) => `UPDATE lead_custom_values SET value = ${lit(v)} WHERE id = ${id}`],
  ['the newest note (activities)', () => `SELECT id, body_text FROM activities WHERE lead_id = ${G} AND type = 'note' AND deleted_at IS NULL AND body_html IS NULL ORDER BY activity_at DESC, id DESC LIMIT 1`,
    (id, v) => `UPDATE activities SET body_text = ${lit(v)} WHERE id = ${id}`],
  ['a file on an activity (files)', () => `SELECT f.id, f.name FROM files f JOIN activity_files af ON af.file_id = f.id JOIN activities a ON a.id = af.activity_id WHERE a.lead_id = ${G} AND a.deleted_at IS NULL ORDER BY a.activity_at DESC, a.id DESC LIMIT 1`,
    (id, v) => `UPDATE files SET name = ${lit(v)} WHERE id = ${id}`, '.pdf'],
  ["an activity's author (users)", () => `SELECT u.id, u.name FROM activities a JOIN users u ON u.id = a.user_id WHERE a.lead_id = ${G} AND a.deleted_at IS NULL AND u.email <> 'ada@northwind.test' ORDER BY a.activity_at DESC, a.id DESC LIMIT 1`,
    (id, v) => `UPDATE users SET name = ${lit(v)} WHERE id = ${id}`],
  ["the lead's status (lead_statuses)", () => `SELECT s.id, s.label FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE l.id = ${G}`,
    (id, v) => `UPDATE lead_statuses SET label = ${lit(v)} WHERE id = ${id}`],
  ["an opportunity's status (opportunity_statuses)", () => `SELECT s.id, s.label FROM opportunities o JOIN opportunity_statuses s ON s.id = o.status_id WHERE o.lead_id = ${G} ORDER BY o.id LIMIT 1`,
    (id, v) => `UPDATE opportunity_statuses SET label = ${lit(v)} WHERE id = ${id}`],
  ['a custom field (custom_fields)', () => `SELECT f.id, f.name FROM lead_custom_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.lead_id = ${G} ORDER BY v.id LIMIT 1`,
    (id, v) => `UPDATE custom_fields SET name = ${lit(v)} WHERE id = ${id}`],
  ['a custom activity type (custom_activity_types)', () => `SELECT t.id, t.name FROM custom_activity_types t WHERE t.id IN (SELECT custom_type_id FROM activities WHERE lead_id = ${G}) ORDER BY t.id LIMIT 1`,
    (id, v) => `UPDATE custom_activity_types SET name = ${lit(v)} WHERE id = ${id}`],
  ['the organization (organizations)', () => `SELECT organization_id, (SELECT name FROM organizations o WHERE o.id = l.organization_id) FROM leads l WHERE l.id = ${G}`,
    (id, v) => `UPDATE organizations SET name = ${lit(v)} WHERE id = ${id}`],
];

for (const [what, pick, set, suffix = ''] of cases) {
  test(`changed in the database, ${what} shows on the next page from every worker`, async () => {
    const [id, was] = row(pick());
    const now = `cached${Math.random().toString(36).slice(2, 10)}${suffix}`;
    const first = await kept();
    assert.ok(was && first.body.includes(esc(was)), `the page shows "${was}" before the change`);
    sql(set(id, now));
    try {
      await every((body, i) => assert.ok(body.includes(now), `answer ${i} after the change shows "${now}"`));
    } finally {
      sql(set(id, was));
    }
    assert.equal(row(pick())[1], was, 'the value is back as it was');
    await every((body, i) => assert.ok(!body.includes(now), `answer ${i} after the change back`));
  });
}

test('a page is kept per session: another session of the same user gets a page with its own form token', async () => {
  const first = await kept();
  const other = await session('ada@northwind.test');
  const res = await get(path, { jar: other.jar });
  assert.equal(res.status, 200);
  assert.ok(res.body.includes(other.csrf), 'the other session\'s token is on its page');
  assert.ok(!first.body.includes(other.csrf));
  assert.ok(!res.body.includes(first.body.match(/name="csrf" value="([^"]+)"/)[1]), 'and not the first session\'s');
});

test('a time zone changed for the user shows at once (the date the tasks are due against is the viewer\'s)', async () => {
  const [uid, tz] = row(`SELECT id, time_zone FROM users WHERE email = 'ada@northwind.test'`);
  await kept();
  const other = tz === 'Pacific/Kiritimati' ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';
  const stamp = (body) => body.match(/<time class="act-when" datetime="[^"]*">([^<]*)</)?.[1];
  const before = stamp((await get(path, { jar })).body);
  assert.ok(before, 'the history shows when each activity was');
  sql(`UPDATE users SET time_zone = ${lit(other)} WHERE id = ${uid}`);
  try {
    await every((body, i) => assert.notEqual(stamp(body), before, `answer ${i}: times in ${other}`));
  } finally {
    sql(`UPDATE users SET time_zone = ${lit(tz)} WHERE id = ${uid}`);
  }
});
