// O4 custom fields: add one of every type (choices single and multiple),
// rename, reorder, edit choices (a choice some lead holds is not removed: the
// answer says how many leads hold it, nothing changed), delete after a
// confirmation that says how many values go. Bad values refused with the
// reason; another organization's ids the 404 of unknown ones; a user refused;
// every change at once on the lead page and in the Audit.
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
  const jar = await setPassword(org.link, 'fields-password');
  return { org, jar, csrf: await csrfFor(jar) };
}

const fields = (orgId) => sql(`SELECT name, type, accepts_multiple, REPLACE(COALESCE(choices, ''), '\n', '|') FROM custom_fields WHERE organization_id = ${orgId} ORDER BY position, id`);
const pidOf = (orgId, name) => one(`SELECT pid FROM custom_fields WHERE organization_id = ${orgId} AND name = ${lit(name)}`);
const snapshot = (orgId) => JSON.stringify([sql(`SELECT id, name, type, accepts_multiple, choices, position FROM custom_fields WHERE organization_id = ${orgId} ORDER BY id`),
  sql(`SELECT lead_id, field_id, value FROM lead_custom_values WHERE organization_id = ${orgId} ORDER BY id`),
  one(`SELECT COUNT(*) FROM settings_audit WHERE organization_id = ${orgId}`)]);
const setValue = (orgId, leadPid, name, value) => sql(`INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value)
  SELECT l.organization_id, l.id, f.id, ${lit(value)} FROM leads l JOIN custom_fields f ON f.organization_id = l.organization_id AND f.name = ${lit(name)}
  WHERE l.pid = ${lit(leadPid)} AND l.organization_id = ${orgId}`);
// the lead page's custom fields, as [name, type] in order
const shown = (body) => [...body.matchAll(/<div class="field field-(\w+)"><dt>([^<]*)<\/dt>/g)].map((m) => [m[2], m[1]]);

before(async () => {
  a = await adminOf(createOrg());
  b = await adminOf(createOrg());
  sql(`INSERT INTO leads (pid, organization_id, name, status_id) SELECT ll_id('lead_'), ${a.org.orgId}, 'Fields Lead', MIN(id)
    FROM lead_statuses WHERE organization_id = ${a.org.orgId}`);
  lead = one(`SELECT pid FROM leads WHERE organization_id = ${a.org.orgId} AND name = 'Fields Lead'`);
});

test('add a field of every type: listed, shown at once on the lead page in order, in the Audit', async () => {
  const page0 = await get('/settings/custom-fields', { jar: a.jar });
  assert.equal(page0.status, 200);
  assert.match(page0.body, /No custom fields yet/);
  assert.match(page0.body, /<a href="\/settings\/custom-fields" aria-current="page">Custom fields<\/a>/);
  const add = [
    { name: 'Region', type: 'choices', choices: ' North \r\n\r\nSouth\nNorth\n  East' },
    { name: 'Products', type: 'choices', choices: 'Widgets\nGadgets', multiple: '1' },
    { name: 'Seats', type: 'number' }, { name: 'Notes', type: 'textarea' }, { name: 'Renewal', type: 'date' },
    { name: 'Next Call', type: 'datetime' }, { name: 'Rep', type: 'user' }, { name: 'Portal', type: 'url' },
    { name: ' Source ', type: 'text' },
  ];
  for (const f of add) {
    const r = await post('/settings/custom-fields/add', { csrf: a.csrf, ...f }, { jar: a.jar });
    assert.equal(r.status, 303, `${f.name}: ${r.status} ${r.body.slice(0, 300)}`);
    assert.equal(r.headers.location, '/settings/custom-fields');
  }
  assert.deepEqual(fields(a.org.orgId), [
    ['Region', 'choices', '0', 'North|South|East'], ['Products', 'choices', '1', 'Widgets|Gadgets'],
    ['Seats', 'number', '0', ''], ['Notes', 'textarea', '0', ''], ['Renewal', 'date', '0', ''],
    ['Next Call', 'datetime', '0', ''], ['Rep', 'user', '0', ''], ['Portal', 'url', '0', ''], ['Source', 'text', '0', '']]);
  const lp = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.deepEqual(shown(lp.body), [['Region', 'choices'], ['Products', 'choices'], ['Seats', 'number'], ['Notes', 'textarea'],
    ['Renewal', 'date'], ['Next Call', 'datetime'], ['Rep', 'user'], ['Portal', 'url'], ['Source', 'text']]);
  const list = await get('/settings/custom-fields', { jar: a.jar });
  assert.match(list.body, /<textarea id="choices-[^"]+" name="choices" rows="6">North\nSouth\nEast<\/textarea>/);
  assert.match(list.body, /choices, several/);
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /custom field added<\/strong>: Products/);
  assert.match(audit.body, /— → Products \(choices, several\)/);
});

test('bad values are refused with the reason and what was typed kept; nothing changed', async () => {
  const before0 = snapshot(a.org.orgId);
  const seats = pidOf(a.org.orgId, 'Seats');
  for (const [path, body, status, msg] of [
    ['add', { name: '  ', type: 'text' }, 422, /needs a name of 1 to 100/],
    ['add', { name: 'x'.repeat(101), type: 'text' }, 422, /needs a name/],
    ['add', { name: 'Colour', type: 'colour' }, 422, /Choose the field(?:'|&#39;)s type from the list/],
    ['add', { name: 'Colour' }, 422, /Choose the field(?:'|&#39;)s type from the list/],
    ['add', { name: 'Colour', type: 'choices', choices: ' \n \n' }, 422, /at least one choice/],
    ['add', { name: 'Colour', type: 'choices', choices: 'y'.repeat(201) }, 422, /at most 200 characters/],
    ['add', { name: 'seats', type: 'number' }, 409, /exists already/],
    ['rename', { field: seats, name: 'Region' }, 409, /exists already/],
    ['rename', { field: seats, name: '' }, 422, /needs a name/],
    ['choices', { field: seats, choices: 'One' }, 422, /is a number field: it has no choices/],
    ['choices', { field: pidOf(a.org.orgId, 'Region'), choices: '\n' }, 422, /at least one choice/],
    ['move', { field: seats, dir: 'sideways' }, 422, /up or down/],
  ]) {
    const r = await post(`/settings/custom-fields/${path}`, { csrf: a.csrf, ...body }, { jar: a.jar });
    assert.equal(r.status, status, `${path} ${JSON.stringify(body)}: ${r.status}`);
    assert.match(r.body, msg);
  }
  // a refused add shows again what was typed, line breaks and spaces as sent (C5)
  const kept = await post('/settings/custom-fields/add', { csrf: a.csrf, name: ' ', type: 'choices', choices: 'Red\n  Blue\n', multiple: '1' }, { jar: a.jar });
  assert.equal(kept.status, 422);
  assert.match(kept.body, /<option value="choices" selected>choices<\/option>/);
  assert.match(kept.body, /<textarea id="new-choices" name="choices" rows="4">Red\n  Blue\n<\/textarea>/);
  assert.match(kept.body, /id="new-multiple" name="multiple" value="1" checked>/);
  // a wrong CSRF token changes nothing either
  assert.equal((await post('/settings/custom-fields/add', { csrf: 'x'.repeat(43), name: 'Sneaky', type: 'text' }, { jar: a.jar })).status, 403);
  assert.equal(snapshot(a.org.orgId), before0);
});

test('rename and reorder: the lead page shows the new name and order at once; before → after in the Audit', async () => {
  const pid = pidOf(a.org.orgId, 'Seats');
  assert.equal((await post('/settings/custom-fields/rename', { csrf: a.csrf, field: pid, name: 'Licences' }, { jar: a.jar })).status, 303);
  assert.equal((await post('/settings/custom-fields/move', { csrf: a.csrf, field: pid, dir: 'up' }, { jar: a.jar })).status, 303);
  assert.equal((await post('/settings/custom-fields/move', { csrf: a.csrf, field: pid, dir: 'up' }, { jar: a.jar })).status, 303);
  // at the top already: nothing moves, no error
  assert.equal((await post('/settings/custom-fields/move', { csrf: a.csrf, field: pid, dir: 'up' }, { jar: a.jar })).status, 303);
  assert.deepEqual(fields(a.org.orgId).slice(0, 3).map((f) => f[0]), ['Licences', 'Region', 'Products']);
  const lp = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.deepEqual(shown(lp.body).slice(0, 3).map((f) => f[0]), ['Licences', 'Region', 'Products']);
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /custom field renamed<\/strong>: Licences<\/span>\s*<span class="change">Seats → Licences/);
  assert.match(audit.body, /custom field moved<\/strong>: Licences/);
});

test('edit choices: added at once on the lead form; a choice a lead holds is not removed, saying how many hold it', async () => {
  const region = pidOf(a.org.orgId, 'Region');
  setValue(a.org.orgId, lead, 'Region', 'South');
  const lp0 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.doesNotMatch(lp0.body, /<option[^>]*>West<\/option>/);
  const ok = await post('/settings/custom-fields/choices', { csrf: a.csrf, field: region, choices: 'North\nSouth\nEast\nWest' }, { jar: a.jar });
  assert.equal(ok.status, 303);
  const lp1 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.match(lp1.body, /<option[^>]*>West<\/option>/, 'the fields form offers the new choice at once');
  // removing an unused choice is fine
  assert.equal((await post('/settings/custom-fields/choices', { csrf: a.csrf, field: region, choices: 'North\nSouth\nWest' }, { jar: a.jar })).status, 303);
  assert.equal(fields(a.org.orgId).find((f) => f[0] === 'Region')[3], 'North|South|West');
  // removing South, which the lead holds, is refused: nothing changed
  const before0 = snapshot(a.org.orgId);
  const no = await post('/settings/custom-fields/choices', { csrf: a.csrf, field: region, choices: 'North\nWest' }, { jar: a.jar });
  assert.equal(no.status, 409);
  assert.match(no.body, /The choice &quot;South&quot; of &quot;Region&quot; is the value of 1 lead: change it first; nothing was changed\./);
  assert.equal(snapshot(a.org.orgId), before0);
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /custom field choices changed<\/strong>: Region/);
});

test('delete: a confirmation says how many values go; then the field and its values are gone, at once on the lead page', async () => {
  const pid = pidOf(a.org.orgId, 'Products');
  setValue(a.org.orgId, lead, 'Products', 'Widgets');
  setValue(a.org.orgId, lead, 'Products', 'Gadgets');
  const list = await get('/settings/custom-fields', { jar: a.jar });
  assert.match(list.body, new RegExp(`href="/settings/custom-fields/delete\\?field=${pid}">Delete…</a>`));
  const confirm = await get(`/settings/custom-fields/delete?field=${pid}`, { jar: a.jar });
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, /Its 2 values on 1 lead go with it/);
  assert.match(confirm.body, /Delete Products and its 2 values<\/button>/);
  assert.equal(one(`SELECT COUNT(*) FROM custom_fields WHERE pid = ${lit(pid)}`), '1', 'the confirmation page changes nothing');
  const res = await post('/settings/custom-fields/delete', { csrf: a.csrf, field: pid }, { jar: a.jar });
  assert.equal(res.status, 303);
  assert.equal(one(`SELECT COUNT(*) FROM custom_fields WHERE pid = ${lit(pid)}`), '0');
  assert.equal(one(`SELECT COUNT(*) FROM lead_custom_values v JOIN leads l ON l.id = v.lead_id WHERE l.pid = ${lit(lead)} AND v.value IN ('Widgets', 'Gadgets')`), '0');
  const lp = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.ok(!shown(lp.body).some((f) => f[0] === 'Products'), 'gone from the lead page at once');
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /custom field deleted<\/strong>: Products/);
  assert.match(audit.body, /2 values deleted/);
});

test('another organization\'s field ids are unknown (404); a user is refused (403); nothing changed', async () => {
  const before0 = snapshot(a.org.orgId);
  const pid = pidOf(a.org.orgId, 'Region');
  for (const [path, body] of [['rename', { name: 'Hijacked' }], ['choices', { choices: 'X' }], ['move', { dir: 'down' }], ['delete', {}]]) {
    const r = await post(`/settings/custom-fields/${path}`, { csrf: b.csrf, field: pid, ...body }, { jar: b.jar });
    assert.equal(r.status, 404, `${path}: ${r.status}`);
    assert.match(r.body, /no such custom field/);
    const u = await post(`/settings/custom-fields/${path}`, { csrf: a.csrf, field: randomId('cf_'), ...body }, { jar: a.jar });
    assert.equal(u.status, 404);
  }
  assert.equal((await get(`/settings/custom-fields/delete?field=${pid}`, { jar: b.jar })).status, 404);
  sql(`UPDATE memberships SET role = 'user' WHERE organization_id = ${b.org.orgId}`);
  try {
    assert.equal((await get('/settings/custom-fields', { jar: b.jar })).status, 403);
    assert.equal((await post('/settings/custom-fields/add', { csrf: b.csrf, name: 'Nope', type: 'text' }, { jar: b.jar })).status, 403);
    assert.doesNotMatch((await get('/settings/account', { jar: b.jar })).body, /Custom fields/);
  } finally {
    sql(`UPDATE memberships SET role = 'admin' WHERE organization_id = ${b.org.orgId}`);
  }
  assert.equal(snapshot(a.org.orgId), before0);
  assert.doesNotMatch((await get('/settings/audit', { jar: b.jar })).body, /Region|Licences/);
});
