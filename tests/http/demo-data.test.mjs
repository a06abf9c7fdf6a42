// U5 — the demo data is as promised: exactly these logins, the
// two organizations, Globex's rich history, Initech's 100,000 activities and
// Bloom Dental's B2C leads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql } from '../lib/client.mjs';
import { one, lit, session, orgId, postLogin } from '../lib/http-extra.mjs';

const n = (q) => Number(one(q));
const enumValues = (table, column) => {
  const t = one(`SELECT column_type FROM information_schema.columns
    WHERE table_schema = DATABASE() AND table_name = ${lit(table)} AND column_name = ${lit(column)}`);
  assert.ok(t && t.startsWith('enum('), `${table}.${column} is an enum`);
  return [...t.matchAll(/'([^']*)'/g)].map((m) => m[1]);
};
const leadId = (name) => {
  const rows = sql(`SELECT id FROM leads WHERE name = ${lit(name)}`);
  assert.equal(rows.length, 1, `exactly one lead named ${name}`);
  return rows[0][0];
};

test('exactly the demo logins: ada, ben, cora active, dan deactivated', () => {
  const users = sql('SELECT email, active FROM users ORDER BY email');
  assert.deepEqual(users, [
    ['ada@northwind.test', '1'], ['ben@northwind.test', '1'], ['cora@bloomdental.test', '1'], ['dan@northwind.test', '0'],
  ].sort((a, b) => a[0].localeCompare(b[0])));
});

test('memberships: ada admin and ben user of Northwind; cora admin of Bloom Dental; dan cannot act', () => {
  const active = sql(`SELECT o.name, u.email, m.role FROM memberships m
    JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = m.organization_id
    WHERE m.active = 1 AND u.active = 1 ORDER BY o.name, u.email`);
  assert.deepEqual(active, [
    ['Bloom Dental', 'cora@bloomdental.test', 'admin'],
    ['Northwind Traders', 'ada@northwind.test', 'admin'],
    ['Northwind Traders', 'ben@northwind.test', 'user'],
  ]);
  // dan belongs to Northwind, deactivated
  assert.equal(n(`SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE u.email = 'dan@northwind.test' AND m.organization_id = ${orgId('Northwind Traders')}`), 1, 'dan is a Northwind member');
});

test('the organizations: Northwind Traders b2b on growth, Bloom Dental b2c on essentials', () => {
  const orgs = sql('SELECT name, lead_mode, plan FROM organizations WHERE name IN (\'Northwind Traders\', \'Bloom Dental\') ORDER BY name');
  assert.deepEqual(orgs, [['Bloom Dental', 'b2c', 'essentials'], ['Northwind Traders', 'b2b', 'growth']]);
});

test('every demo login works with leadline-demo and lands in its organization', async () => {
  for (const [email, org] of [['ada@northwind.test', 'Northwind Traders'], ['ben@northwind.test', 'Northwind Traders'],
    ['cora@bloomdental.test', 'Bloom Dental']]) {
    const { jar } = await session(email);
    const res = await get('/leads', { jar });
    assert.equal(res.status, 200);
    assert.ok(res.body.includes(org), `${email} works in ${org}`);
  }
  const res = await postLogin(new Map(), { email: 'dan@northwind.test' });
  assert.equal(res.status, 403, 'dan is refused');
});

test('Northwind has at least 30 leads', () => {
  assert.ok(n(`SELECT COUNT(*) FROM leads WHERE organization_id = ${orgId('Northwind Traders')}`) >= 30);
});

test('Globex: at least 300 activities, every activity type, custom activities of two custom types', () => {
  const g = leadId('Globex Corporation');
  assert.equal(one(`SELECT o.name FROM leads l JOIN organizations o ON o.id = l.organization_id WHERE l.id = ${g}`), 'Northwind Traders');
  const live = `lead_id = ${g} AND deleted_at IS NULL`;
  const total = n(`SELECT COUNT(*) FROM activities WHERE ${live}`);
  assert.ok(total >= 300, `${total} activities`);
  const types = new Set(sql(`SELECT DISTINCT type FROM activities WHERE ${live}`).map((r) => r[0]));
  for (const t of enumValues('activities', 'type')) assert.ok(types.has(t), `a ${t} activity on Globex`);
  const customTypes = n(`SELECT COUNT(DISTINCT a.custom_type_id) FROM activities a
    JOIN custom_activity_types t ON t.id = a.custom_type_id AND t.organization_id = a.organization_id
    WHERE a.lead_id = ${g} AND a.deleted_at IS NULL AND a.type = 'custom'`);
  assert.ok(customTypes >= 2, `custom activities of ${customTypes} custom types`);
  // every activity of Globex is Northwind's
  assert.equal(n(`SELECT COUNT(*) FROM activities WHERE lead_id = ${g} AND organization_id <> ${orgId('Northwind Traders')}`), 0);
});

test('Globex: HTML emails with attachments', () => {
  const g = leadId('Globex Corporation');
  const withFiles = n(`SELECT COUNT(DISTINCT a.id) FROM activities a JOIN activity_files af ON af.activity_id = a.id
    WHERE a.lead_id = ${g} AND a.type = 'email' AND a.body_html IS NOT NULL AND a.body_html <> ''`);
  assert.ok(withFiles >= 1, 'at least one HTML email with an attachment');
});

test('Globex: at least 4 contacts; active, won and lost opportunities; open and completed tasks', () => {
  const g = leadId('Globex Corporation');
  assert.ok(n(`SELECT COUNT(*) FROM contacts WHERE lead_id = ${g}`) >= 4, 'at least 4 contacts');
  const oppTypes = new Set(sql(`SELECT DISTINCT s.type FROM opportunities o JOIN opportunity_statuses s ON s.id = o.status_id
    WHERE o.lead_id = ${g}`).map((r) => r[0]));
  for (const t of ['active', 'won', 'lost']) assert.ok(oppTypes.has(t), `a ${t} opportunity`);
  assert.ok(n(`SELECT COUNT(*) FROM tasks WHERE lead_id = ${g} AND is_complete = 0`) >= 1, 'an open task');
  assert.ok(n(`SELECT COUNT(*) FROM tasks WHERE lead_id = ${g} AND is_complete = 1`) >= 1, 'a completed task');
});

test('Globex: a custom field value for a field of every type', () => {
  const g = leadId('Globex Corporation');
  const have = new Set(sql(`SELECT DISTINCT f.type FROM lead_custom_values v JOIN custom_fields f ON f.id = v.field_id
    WHERE v.lead_id = ${g} AND f.organization_id = ${orgId('Northwind Traders')}
      AND ((v.value IS NOT NULL AND v.value <> '') OR v.value_user IS NOT NULL)`).map((r) => r[0]));
  for (const t of enumValues('custom_fields', 'type')) assert.ok(have.has(t), `a value of a ${t} field`);
});

test('Initech (archive) has exactly 100,000 activities', () => {
  const i = leadId('Initech (archive)');
  assert.equal(n(`SELECT COUNT(*) FROM activities WHERE lead_id = ${i}`), 100000);
  assert.equal(one(`SELECT o.name FROM leads l JOIN organizations o ON o.id = l.organization_id WHERE l.id = ${i}`), 'Northwind Traders');
});

test('Bloom Dental: at least 10 leads, each with exactly one contact of the same name', () => {
  const bd = orgId('Bloom Dental');
  assert.ok(n(`SELECT COUNT(*) FROM leads WHERE organization_id = ${bd}`) >= 10, 'at least 10 leads');
  const bad = sql(`SELECT l.name, COUNT(c.id), SUM(c.name = l.name) FROM leads l LEFT JOIN contacts c ON c.lead_id = l.id
    WHERE l.organization_id = ${bd} GROUP BY l.id, l.name HAVING COUNT(c.id) <> 1 OR SUM(c.name = l.name) <> 1`);
  assert.deepEqual(bad, [], 'leads without exactly one contact of the same name');
  assert.equal(n(`SELECT COUNT(*) FROM contacts c JOIN leads l ON l.id = c.lead_id
    WHERE l.organization_id = ${bd} AND BINARY c.name <> BINARY l.name`), 0, 'names the same, byte for byte');
});

test('every public id of the demo data is its prefix and 40 base62 characters', () => {
  const tables = [['organizations', 'orga_'], ['users', 'user_'], ['leads', 'lead_'], ['contacts', 'cont_'],
    ['opportunities', 'oppo_'], ['tasks', 'task_'], ['activities', 'acti_'], ['lead_statuses', 'stat_'],
    ['opportunity_statuses', 'stat_'], ['custom_fields', 'cf_'], ['custom_activity_types', 'actitype_'], ['files', 'file_']];
  for (const [t, prefix] of tables) {
    const bad = n(`SELECT COUNT(*) FROM ${t} WHERE NOT (BINARY pid REGEXP BINARY ${lit(`^${prefix}[0-9A-Za-z]{40}$`)})`);
    assert.equal(bad, 0, `${t}: ${bad} pids are not ${prefix} + 40 base62 characters`);
  }
  assert.ok(n('SELECT COUNT(*) FROM custom_activity_types') >= 2, 'custom activity types exist (their ids are the longest)');
});

test('every tenant row sits in its lead\'s organization', () => {
  for (const t of ['contacts', 'opportunities', 'tasks', 'activities', 'files', 'lead_custom_values']) {
    const bad = n(`SELECT COUNT(*) FROM ${t} x JOIN leads l ON l.id = x.lead_id WHERE x.organization_id <> l.organization_id`);
    assert.equal(bad, 0, `${t}: rows in another organization than their lead`);
  }
});
