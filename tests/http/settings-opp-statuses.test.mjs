// O4 opportunity statuses, each with its type (active, won, lost): add,
// change label and type, reorder, delete by moving its opportunities to
// another status (one transaction, each move an opportunity status change
// activity of its lead); bad values refused with the reason and nothing
// changed; another organization's ids the 404 of unknown ones; every change
// at once on the lead page and in the Audit (who, what, before → after).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { lit, one, randomId } from '../lib/http-extra.mjs';
import { createOrg, setPassword, csrfFor, dropOrgs } from '../lib/settings.mjs';

const made = [];
let a; let b;
after(() => dropOrgs(made));

async function adminOf(org) {
  made.push(org.orgId);
  const jar = await setPassword(org.link, 'opp-statuses-password');
  return { org, jar, csrf: await csrfFor(jar) };
}

const rows = (orgId) => sql(`SELECT label, type FROM opportunity_statuses WHERE organization_id = ${orgId} ORDER BY position, id`);
const pidOf = (orgId, label) => one(`SELECT pid FROM opportunity_statuses WHERE organization_id = ${orgId} AND label = ${lit(label)}`);
const snapshot = (orgId) => JSON.stringify([sql(`SELECT id, label, type, position FROM opportunity_statuses WHERE organization_id = ${orgId} ORDER BY id`),
  sql(`SELECT id, status_id FROM opportunities WHERE organization_id = ${orgId} ORDER BY id`),
  one(`SELECT COUNT(*) FROM activities WHERE organization_id = ${orgId}`),
  one(`SELECT COUNT(*) FROM settings_audit WHERE organization_id = ${orgId}`)]);

function newLead(orgId, name) {
  sql(`INSERT INTO leads (pid, organization_id, name, status_id) SELECT ll_id('lead_'), ${orgId}, ${lit(name)}, MIN(id)
    FROM lead_statuses WHERE organization_id = ${orgId}`);
  return one(`SELECT pid FROM leads WHERE organization_id = ${orgId} AND name = ${lit(name)}`);
}
function newOpp(orgId, leadPid, label, value) {
  sql(`INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value)
    SELECT ll_id('oppo_'), l.organization_id, l.id, s.id, ${value} FROM leads l
    JOIN opportunity_statuses s ON s.organization_id = l.organization_id AND s.label = ${lit(label)}
    WHERE l.pid = ${lit(leadPid)} AND l.organization_id = ${orgId}`);
  return one(`SELECT MAX(pid) FROM opportunities WHERE organization_id = ${orgId} AND value = ${value}`);
}

before(async () => {
  a = await adminOf(createOrg());
  b = await adminOf(createOrg());
});

test('the defaults of a new organization are listed with their types, and in the navigation', async () => {
  assert.deepEqual(rows(a.org.orgId), [['Active', 'active'], ['Won', 'won'], ['Lost', 'lost']]);
  const page = await get('/settings/opportunity-statuses', { jar: a.jar });
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1>Opportunity statuses<\/h1>/);
  assert.equal(page.body.match(/<select id="new-type" name="type">/g).length, 1, 'one type for a new status');
  assert.match(page.body, /<select id="new-type" name="type"><option value="active" selected>active<\/option><option value="won">won<\/option><option value="lost">lost<\/option><\/select>/);
  assert.match(page.body, /<a href="\/settings\/opportunity-statuses" aria-current="page">Opportunity statuses<\/a>/);
  assert.match(page.body, new RegExp(`name="status" value="${pidOf(a.org.orgId, 'Won')}">[\\s\\S]*?<option value="won" selected>won</option>`));
  // the lead statuses page is its own, with no type
  const leadPage = await get('/settings/lead-statuses', { jar: a.jar });
  assert.match(leadPage.body, /<h1>Lead statuses<\/h1>/);
  assert.doesNotMatch(leadPage.body, /name="type"/);
});

test('add a status with its type: listed, offered at once on a lead page, in the Audit', async () => {
  const lead = newLead(a.org.orgId, 'Opp Status Lead');
  const page0 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.equal(page0.status, 200);
  assert.doesNotMatch(page0.body, />Negotiating</);
  const res = await post('/settings/opportunity-statuses/add', { csrf: a.csrf, label: ' Negotiating ', type: 'active' }, { jar: a.jar });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/settings/opportunity-statuses');
  assert.deepEqual(rows(a.org.orgId).at(-1), ['Negotiating', 'active']);
  const page1 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.match(page1.body, /<option[^>]*>Negotiating<\/option>/, 'the opportunity form offers it at once');
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /opportunity status added<\/strong>: Negotiating/);
  assert.match(audit.body, /— → Negotiating \(active\)/);
});

test('bad values are refused with the reason; nothing changed', async () => {
  const before0 = snapshot(a.org.orgId);
  const won = pidOf(a.org.orgId, 'Won');
  for (const [path, body, status, msg] of [
    ['add', { label: '  ', type: 'active' }, 422, /needs a label/],
    ['add', { label: 'x'.repeat(101), type: 'won' }, 422, /needs a label/],
    ['add', { label: 'Pending' }, 422, /type must be active, won or lost/],
    ['add', { label: 'Pending', type: 'maybe' }, 422, /type must be active, won or lost/],
    ['add', { label: 'Won', type: 'won' }, 409, /exists already/],
    ['rename', { status: won, label: 'Lost', type: 'won' }, 409, /exists already/],
    ['rename', { status: won, label: 'Won', type: 'paused' }, 422, /type must be/],
    ['rename', { status: won, label: '', type: 'won' }, 422, /needs a label/],
    ['move', { status: won, dir: 'left' }, 422, /up or down/],
    ['delete', { status: won, to: won }, 422, /Choose another status for its opportunities/],
  ]) {
    const r = await post(`/settings/opportunity-statuses/${path}`, { csrf: a.csrf, ...body }, { jar: a.jar });
    assert.equal(r.status, status, `${path} ${JSON.stringify(body)}: ${r.status}`);
    assert.match(r.body, msg);
  }
  // the refused add keeps what was typed
  const r = await post('/settings/opportunity-statuses/add', { csrf: a.csrf, label: 'Pending', type: 'bogus' }, { jar: a.jar });
  assert.match(r.body, /id="new-label" name="label" maxlength="100" required value="Pending"/);
  // a wrong CSRF token changes nothing either
  const c = await post('/settings/opportunity-statuses/add', { csrf: 'x'.repeat(43), label: 'Sneaky', type: 'won' }, { jar: a.jar });
  assert.equal(c.status, 403);
  assert.equal(snapshot(a.org.orgId), before0);
});

test('change label and type and reorder: the lead page shows the new type at once, before → after in the Audit', async () => {
  const lead = newLead(a.org.orgId, 'Opp Type Lead');
  const opp = newOpp(a.org.orgId, lead, 'Lost', 123400);
  const pid = pidOf(a.org.orgId, 'Lost');
  const shown = (body) => body.match(new RegExp(`<li class="opp opp-(\\w+)" id="${opp}">\\s*<p class="opp-line"><span class="value">[^<]*</span> <span class="opp-status">([^<]*)<`)).slice(1);
  const page0 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.deepEqual(shown(page0.body), ['lost', 'Lost']);
  assert.equal((await post('/settings/opportunity-statuses/rename', { csrf: a.csrf, status: pid, label: 'Paused', type: 'active' }, { jar: a.jar })).status, 303);
  assert.deepEqual(rows(a.org.orgId).find((x) => x[0] === 'Paused'), ['Paused', 'active']);
  const page1 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.deepEqual(shown(page1.body), ['active', 'Paused'], 'the lead page shows the new label and type at once');
  assert.equal((await post('/settings/opportunity-statuses/move', { csrf: a.csrf, status: pid, dir: 'up' }, { jar: a.jar })).status, 303);
  assert.deepEqual(rows(a.org.orgId).map((x) => x[0]), ['Active', 'Paused', 'Won', 'Negotiating']);
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /opportunity status changed<\/strong>: Paused<\/span>\s*<span class="change">Lost \(lost\) → Paused \(active\)/);
  assert.match(audit.body, /opportunity status moved<\/strong>: Paused/);
});

test('delete moves its opportunities, each move an opportunity status change activity; one transaction', async () => {
  const l1 = newLead(a.org.orgId, 'Opp Move Lead One');
  const l2 = newLead(a.org.orgId, 'Opp Move Lead Two');
  const o1 = newOpp(a.org.orgId, l1, 'Negotiating', 500001);
  const o2 = newOpp(a.org.orgId, l2, 'Negotiating', 500002);
  const page = await get('/settings/opportunity-statuses', { jar: a.jar });
  assert.match(page.body, /Move its 2 opportunities to/);
  const res = await post('/settings/opportunity-statuses/delete', { csrf: a.csrf, status: pidOf(a.org.orgId, 'Negotiating'), to: pidOf(a.org.orgId, 'Won') }, { jar: a.jar });
  assert.equal(res.status, 303);
  assert.ok(!rows(a.org.orgId).some((x) => x[0] === 'Negotiating'));
  for (const [l, o] of [[l1, o1], [l2, o2]]) {
    assert.equal(one(`SELECT s.label FROM opportunities o JOIN opportunity_statuses s ON s.id = o.status_id WHERE o.pid = ${lit(o)}`), 'Won');
    assert.deepEqual(sql(`SELECT a.old_status_label, a.new_status_label, o.pid FROM activities a JOIN leads l ON l.id = a.lead_id
      JOIN opportunities o ON o.id = a.opportunity_id WHERE l.pid = ${lit(l)} AND a.type = 'opportunity_status_change'`), [['Negotiating', 'Won', o]]);
    const lp = await get(`/lead/${l}/`, { jar: a.jar });
    assert.match(lp.body, /<span class="status from">Negotiating<\/span>[\s\S]*?<span class="status to">Won<\/span>/, 'the history shows the move');
  }
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /opportunity status deleted<\/strong>: Negotiating/);
  assert.match(audit.body, /2 opportunities moved to Won/);
});

test('the last status cannot be deleted', async () => {
  const c = await adminOf(createOrg());
  const ids = sql(`SELECT pid FROM opportunity_statuses WHERE organization_id = ${c.org.orgId} ORDER BY position`).map((x) => x[0]);
  assert.equal((await post('/settings/opportunity-statuses/delete', { csrf: c.csrf, status: ids[0], to: ids[2] }, { jar: c.jar })).status, 303);
  assert.equal((await post('/settings/opportunity-statuses/delete', { csrf: c.csrf, status: ids[1], to: ids[2] }, { jar: c.jar })).status, 303);
  const before0 = snapshot(c.org.orgId);
  const r = await post('/settings/opportunity-statuses/delete', { csrf: c.csrf, status: ids[2], to: ids[2] }, { jar: c.jar });
  assert.equal(r.status, 422);
  assert.match(r.body, /last status cannot be deleted: an opportunity always has one/);
  assert.equal(snapshot(c.org.orgId), before0);
});

test('another organization\'s status ids are unknown (404); a user is refused (403); nothing changed', async () => {
  const before0 = snapshot(a.org.orgId);
  const pid = pidOf(a.org.orgId, 'Active');
  for (const [path, body] of [['rename', { label: 'Hijacked', type: 'won' }], ['move', { dir: 'down' }], ['delete', { to: pidOf(b.org.orgId, 'Won') }]]) {
    const r = await post(`/settings/opportunity-statuses/${path}`, { csrf: b.csrf, status: pid, ...body }, { jar: b.jar });
    assert.equal(r.status, 404, `${path}: ${r.status}`);
    assert.match(r.body, /no such status/);
    const u = await post(`/settings/opportunity-statuses/${path}`, { csrf: a.csrf, status: randomId('stat_'), ...body }, { jar: a.jar });
    assert.equal(u.status, 404);
  }
  const cross = await post('/settings/opportunity-statuses/delete', { csrf: a.csrf, status: pid, to: pidOf(b.org.orgId, 'Won') }, { jar: a.jar });
  assert.equal(cross.status, 422);
  // a plain user of a: 403 on every route, the page too
  sql(`UPDATE memberships SET role = 'user' WHERE organization_id = ${b.org.orgId}`);
  try {
    assert.equal((await get('/settings/opportunity-statuses', { jar: b.jar })).status, 403);
    const r = await post('/settings/opportunity-statuses/add', { csrf: b.csrf, label: 'Nope', type: 'won' }, { jar: b.jar });
    assert.equal(r.status, 403);
    const nav = await get('/settings/account', { jar: b.jar });
    assert.doesNotMatch(nav.body, /Opportunity statuses/);
  } finally {
    sql(`UPDATE memberships SET role = 'admin' WHERE organization_id = ${b.org.orgId}`);
  }
  assert.equal(snapshot(a.org.orgId), before0);
  const audit = await get('/settings/audit', { jar: b.jar });
  assert.doesNotMatch(audit.body, /Negotiating|Paused/);
});
