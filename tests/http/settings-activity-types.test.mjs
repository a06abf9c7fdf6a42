// O4 custom activity types and their fields, "the same way" as custom fields:
// add, rename (with the description), delete a type no activity has; add,
// rename, reorder, edit choices (a choice an activity holds is not removed),
// delete a field after a confirmation that counts the values that go. Bad
// values refused with the reason; another organization's ids the 404 of
// unknown ones; a user refused; at once on the lead page and in the Audit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { lit, one, randomId } from '../lib/http-extra.mjs';
import { createOrg, setPassword, csrfFor, dropOrgs } from '../lib/settings.mjs';

const made = [];
let a; let b; let lead;
after(() => dropOrgs(made));

async function adminOf(org) {
  made.push(org.orgId);
  const jar = await setPassword(org.link, 'atypes-password');
  return { org, jar, csrf: await csrfFor(jar) };
}

const typePid = (orgId, name) => one(`SELECT pid FROM custom_activity_types WHERE organization_id = ${orgId} AND name = ${lit(name)}`);
const fieldPid = (orgId, name) => one(`SELECT pid FROM custom_activity_fields WHERE organization_id = ${orgId} AND name = ${lit(name)}`);
const fieldsOf = (orgId, type) => sql(`SELECT f.name, f.field_type, REPLACE(COALESCE(f.choices, ''), '\n', '|') FROM custom_activity_fields f
  JOIN custom_activity_types t ON t.id = f.type_id WHERE f.organization_id = ${orgId} AND t.name = ${lit(type)} ORDER BY f.position, f.id`);
const snapshot = (orgId) => JSON.stringify([sql(`SELECT id, name, description FROM custom_activity_types WHERE organization_id = ${orgId} ORDER BY id`),
  sql(`SELECT id, type_id, name, field_type, choices, position FROM custom_activity_fields WHERE organization_id = ${orgId} ORDER BY id`),
  sql(`SELECT activity_id, field_id, value FROM activity_custom_values WHERE organization_id = ${orgId} ORDER BY id`),
  one(`SELECT COUNT(*) FROM settings_audit WHERE organization_id = ${orgId}`)]);
// an activity of the type on the lead, with one value
function activityOf(orgId, type, field, value) {
  sql(`INSERT INTO activities (pid, organization_id, lead_id, type, custom_type_id, activity_at, date_created, date_updated)
    SELECT ll_id('acti_'), l.organization_id, l.id, 'custom', t.id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
    FROM leads l JOIN custom_activity_types t ON t.organization_id = l.organization_id AND t.name = ${lit(type)}
    WHERE l.pid = ${lit(lead)} AND l.organization_id = ${orgId};
    INSERT INTO activity_custom_values (organization_id, activity_id, field_id, value)
    SELECT ${orgId}, LAST_INSERT_ID(), f.id, ${lit(value)} FROM custom_activity_fields f
    WHERE f.organization_id = ${orgId} AND f.name = ${lit(field)}`);
}

before(async () => {
  a = await adminOf(createOrg());
  b = await adminOf(createOrg());
  sql(`INSERT INTO leads (pid, organization_id, name, status_id) SELECT ll_id('lead_'), ${a.org.orgId}, 'Types Lead', MIN(id)
    FROM lead_statuses WHERE organization_id = ${a.org.orgId}`);
  lead = one(`SELECT pid FROM leads WHERE organization_id = ${a.org.orgId} AND name = 'Types Lead'`);
});

test('add a type and its fields: listed, offered at once on the lead page, in the Audit', async () => {
  const page0 = await get('/settings/activity-types', { jar: a.jar });
  assert.equal(page0.status, 200);
  assert.match(page0.body, /No custom activity types yet/);
  assert.match(page0.body, /<a href="\/settings\/activity-types" aria-current="page">Custom activity types<\/a>/);
  const lp0 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.doesNotMatch(lp0.body, /Site Survey/);
  const r = await post('/settings/activity-types/add', { csrf: a.csrf, name: ' Site Survey ', description: 'Where we went\nand what we saw' }, { jar: a.jar });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/settings/activity-types');
  const t = typePid(a.org.orgId, 'Site Survey');
  for (const f of [{ name: 'Place', type: 'text' }, { name: 'Verdict', type: 'choices', choices: 'Good\nBad\n\nGood' }, { name: 'Visitors', type: 'number' }]) {
    const x = await post('/settings/activity-types/field-add', { csrf: a.csrf, atype: t, ...f }, { jar: a.jar });
    assert.equal(x.status, 303, `${f.name}: ${x.status}`);
  }
  assert.deepEqual(fieldsOf(a.org.orgId, 'Site Survey'), [['Place', 'text', ''], ['Verdict', 'choices', 'Good|Bad'], ['Visitors', 'number', '']]);
  const page1 = await get('/settings/activity-types', { jar: a.jar });
  assert.match(page1.body, /<textarea id="tdesc-[^"]+" name="description" rows="2">Where we went\nand what we saw<\/textarea>/);
  const lp1 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.match(lp1.body, /Site Survey/, 'the lead page offers the new type at once');
  assert.match(lp1.body, /Verdict/);
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /activity type added<\/strong>: Site Survey/);
  assert.match(audit.body, /activity field added<\/strong>: Site Survey: Verdict/);
});

test('bad values are refused with the reason; nothing changed', async () => {
  const before0 = snapshot(a.org.orgId);
  const t = typePid(a.org.orgId, 'Site Survey');
  const place = fieldPid(a.org.orgId, 'Place');
  for (const [path, body, status, msg] of [
    ['add', { name: ' ' }, 422, /needs a name of 1 to 100/],
    ['add', { name: 'site survey' }, 409, /exists already/],
    ['add', { name: 'Long', description: 'd'.repeat(2001) }, 422, /at most 2,000 characters/],
    ['rename', { atype: t, name: '' }, 422, /needs a name/],
    ['field-add', { atype: t, name: 'Place', type: 'text' }, 409, /has a field &quot;Place&quot; already/],
    ['field-add', { atype: t, name: 'Mood', type: 'feelings' }, 422, /type from the list/],
    ['field-add', { atype: t, name: 'Mood', type: 'choices', choices: '' }, 422, /at least one choice/],
    ['field-rename', { field: place, name: 'Verdict' }, 409, /already/],
    ['field-choices', { field: place, choices: 'A' }, 422, /is a text field: it has no choices/],
    ['field-move', { field: place, dir: 'around' }, 422, /up or down/],
  ]) {
    const r = await post(`/settings/activity-types/${path}`, { csrf: a.csrf, ...body }, { jar: a.jar });
    assert.equal(r.status, status, `${path} ${JSON.stringify(body)}: ${r.status}`);
    assert.match(r.body, msg);
  }
  assert.equal((await post('/settings/activity-types/add', { csrf: 'y'.repeat(43), name: 'Sneaky' }, { jar: a.jar })).status, 403);
  assert.equal(snapshot(a.org.orgId), before0);
});

test('rename a type and a field, reorder fields: at once, before → after in the Audit', async () => {
  const t = typePid(a.org.orgId, 'Site Survey');
  assert.equal((await post('/settings/activity-types/rename', { csrf: a.csrf, atype: t, name: 'Site Visit', description: '' }, { jar: a.jar })).status, 303);
  assert.equal(one(`SELECT CONCAT(name, '/', COALESCE(description, 'NULL')) FROM custom_activity_types WHERE pid = ${lit(t)}`), 'Site Visit/NULL');
  const v = fieldPid(a.org.orgId, 'Visitors');
  assert.equal((await post('/settings/activity-types/field-rename', { csrf: a.csrf, field: v, name: 'Headcount' }, { jar: a.jar })).status, 303);
  assert.equal((await post('/settings/activity-types/field-move', { csrf: a.csrf, field: v, dir: 'up' }, { jar: a.jar })).status, 303);
  assert.deepEqual(fieldsOf(a.org.orgId, 'Site Visit').map((f) => f[0]), ['Place', 'Headcount', 'Verdict']);
  const lp = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.match(lp.body, /Site Visit/);
  assert.match(lp.body, /Headcount/);
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /activity type changed<\/strong>: Site Visit<\/span>\s*<span class="change">Site Survey → Site Visit/);
  assert.match(audit.body, /activity field renamed<\/strong>: Site Visit: Visitors<\/span>\s*<span class="change">Visitors → Headcount/);
});

test('choices: a choice an activity holds is not removed; a type with activities is not deleted; a field goes after a confirmation', async () => {
  const verdict = fieldPid(a.org.orgId, 'Verdict');
  activityOf(a.org.orgId, 'Site Visit', 'Verdict', 'Good');
  assert.equal((await post('/settings/activity-types/field-choices', { csrf: a.csrf, field: verdict, choices: 'Good\nBad\nMixed' }, { jar: a.jar })).status, 303);
  assert.equal((await post('/settings/activity-types/field-choices', { csrf: a.csrf, field: verdict, choices: 'Good\nMixed' }, { jar: a.jar })).status, 303);
  const before0 = snapshot(a.org.orgId);
  const no = await post('/settings/activity-types/field-choices', { csrf: a.csrf, field: verdict, choices: 'Mixed' }, { jar: a.jar });
  assert.equal(no.status, 409);
  assert.match(no.body, /The choice &quot;Good&quot; of &quot;Verdict&quot; is the value of 1 activity: change it first; nothing was changed\./);
  const listed = await get('/settings/activity-types', { jar: a.jar });
  assert.match(listed.body, /Kept while activities have this type/);
  assert.doesNotMatch(listed.body, /Delete Site Visit<\/button>/, 'no Delete button on a type activities have');
  const del = await post('/settings/activity-types/delete', { csrf: a.csrf, atype: typePid(a.org.orgId, 'Site Visit') }, { jar: a.jar });
  assert.equal(del.status, 409);
  assert.match(del.body, /is the type of 1 activity in lead histories \(the trash included\): it stays while they do; nothing was changed/);
  assert.equal(snapshot(a.org.orgId), before0);
  // the field: a confirmation, then it goes with its value
  const confirm = await get(`/settings/activity-types/field-delete?field=${verdict}`, { jar: a.jar });
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, /Its 1 value in activities go with it/);
  assert.match(confirm.body, /action="\/settings\/activity-types\/field-delete"/);
  assert.equal(snapshot(a.org.orgId), before0, 'the confirmation changes nothing');
  assert.equal((await post('/settings/activity-types/field-delete', { csrf: a.csrf, field: verdict }, { jar: a.jar })).status, 303);
  assert.equal(one(`SELECT COUNT(*) FROM custom_activity_fields WHERE pid = ${lit(verdict)}`), '0');
  assert.equal(one(`SELECT COUNT(*) FROM activity_custom_values WHERE organization_id = ${a.org.orgId} AND value = 'Good'`), '0');
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /activity field deleted<\/strong>: Site Visit: Verdict/);
  assert.match(audit.body, /1 value deleted/);
  // a type no activity has: deleted with its fields
  assert.equal((await post('/settings/activity-types/add', { csrf: a.csrf, name: 'Spare' }, { jar: a.jar })).status, 303);
  const spare = typePid(a.org.orgId, 'Spare');
  assert.match((await get('/settings/activity-types', { jar: a.jar })).body, /Delete Spare<\/button>/);
  assert.equal((await post('/settings/activity-types/field-add', { csrf: a.csrf, atype: spare, name: 'Note', type: 'textarea' }, { jar: a.jar })).status, 303);
  assert.equal((await post('/settings/activity-types/delete', { csrf: a.csrf, atype: spare }, { jar: a.jar })).status, 303);
  assert.equal(one(`SELECT COUNT(*) FROM custom_activity_types WHERE pid = ${lit(spare)}`), '0');
  assert.equal(one(`SELECT COUNT(*) FROM custom_activity_fields WHERE organization_id = ${a.org.orgId} AND name = 'Note'`), '0');
});

test('another organization\'s ids are unknown (404); a user is refused (403); nothing changed', async () => {
  const before0 = snapshot(a.org.orgId);
  const t = typePid(a.org.orgId, 'Site Visit');
  const f = fieldPid(a.org.orgId, 'Place');
  for (const [path, body] of [['rename', { atype: t, name: 'X' }], ['delete', { atype: t }], ['field-add', { atype: t, name: 'X', type: 'text' }],
    ['field-rename', { field: f, name: 'X' }], ['field-choices', { field: f, choices: 'X' }], ['field-move', { field: f, dir: 'down' }], ['field-delete', { field: f }]]) {
    const r = await post(`/settings/activity-types/${path}`, { csrf: b.csrf, ...body }, { jar: b.jar });
    assert.equal(r.status, 404, `${path}: ${r.status}`);
    assert.match(r.body, /no such activity (type|field)/);
    const unknown = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, k === 'atype' ? randomId('actitype_') : k === 'field' ? randomId('cf_') : v]));
    assert.equal((await post(`/settings/activity-types/${path}`, { csrf: a.csrf, ...unknown }, { jar: a.jar })).status, 404);
  }
  assert.equal((await get(`/settings/activity-types/field-delete?field=${f}`, { jar: b.jar })).status, 404);
  sql(`UPDATE memberships SET role = 'user' WHERE organization_id = ${b.org.orgId}`);
  try {
    assert.equal((await get('/settings/activity-types', { jar: b.jar })).status, 403);
    assert.equal((await post('/settings/activity-types/add', { csrf: b.csrf, name: 'Nope' }, { jar: b.jar })).status, 403);
  } finally {
    sql(`UPDATE memberships SET role = 'admin' WHERE organization_id = ${b.org.orgId}`);
  }
  assert.equal(snapshot(a.org.orgId), before0);
  assert.doesNotMatch((await get('/settings/audit', { jar: b.jar })).body, /Site Visit/);
});
