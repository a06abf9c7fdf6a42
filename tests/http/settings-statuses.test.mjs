// O4 lead statuses and the Audit: add, rename, reorder, delete by moving its
// leads (one transaction, each move a status change activity); an empty or
// duplicate label refused with the reason; every change at once on the lead
// page (page-cache versions) and in the Audit list (who, what, before → after).
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
  const jar = await setPassword(org.link, 'statuses-password');
  return { org, jar, csrf: await csrfFor(jar) };
}

const labels = (orgId) => sql(`SELECT label FROM lead_statuses WHERE organization_id = ${orgId} ORDER BY position, id`).map((r) => r[0]);
const statusPid = (orgId, label) => one(`SELECT pid FROM lead_statuses WHERE organization_id = ${orgId} AND label = ${lit(label)}`);
const snapshot = (orgId) => JSON.stringify([sql(`SELECT id, label, position FROM lead_statuses WHERE organization_id = ${orgId} ORDER BY id`),
  sql(`SELECT id, status_id FROM leads WHERE organization_id = ${orgId} ORDER BY id`),
  one(`SELECT COUNT(*) FROM activities WHERE organization_id = ${orgId}`)]);

function newLead(orgId, label, name) {
  sql(`INSERT INTO leads (pid, organization_id, name, status_id) SELECT ll_id('lead_'), ${orgId}, ${lit(name)}, id
    FROM lead_statuses WHERE organization_id = ${orgId} AND label = ${lit(label)}`);
  return one(`SELECT pid FROM leads WHERE organization_id = ${orgId} AND name = ${lit(name)}`);
}

before(async () => {
  a = await adminOf(createOrg());
  b = await adminOf(createOrg());
});

test('add a status: it is listed, shows at once on a lead page, and lands in the Audit', async () => {
  const lead = newLead(a.org.orgId, 'Potential', 'Status Lead One');
  const page0 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.equal(page0.status, 200);
  assert.doesNotMatch(page0.body, />Evaluating</);
  const res = await post('/settings/lead-statuses/add', { csrf: a.csrf, label: '  Evaluating ' }, { jar: a.jar });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/settings/lead-statuses');
  assert.deepEqual(labels(a.org.orgId), ['Potential', 'Bad Fit', 'Qualified', 'Customer', 'Evaluating']);
  const list = await get('/settings/lead-statuses', { jar: a.jar });
  assert.match(list.body, /value="Evaluating"/);
  const page1 = await get(`/lead/${lead}/`, { jar: a.jar });
  assert.match(page1.body, /<option[^>]*>Evaluating<\/option>/, 'the lead page offers it at once');
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.equal(audit.status, 200);
  assert.match(audit.body, /lead status added<\/strong>: Evaluating/);
});

test('an empty, a too long or a duplicate label is refused with the reason; nothing changed', async () => {
  const before0 = snapshot(a.org.orgId);
  for (const [path, body, status, msg] of [
    ['add', { label: '   ' }, 422, /needs a label/],
    ['add', { label: 'x'.repeat(101) }, 422, /needs a label/],
    ['add', { label: 'Qualified' }, 409, /exists already/],
    ['rename', { status: statusPid(a.org.orgId, 'Potential'), label: 'Customer' }, 409, /exists already/],
    ['rename', { status: statusPid(a.org.orgId, 'Potential'), label: '' }, 422, /needs a label/],
    ['move', { status: statusPid(a.org.orgId, 'Potential'), dir: 'sideways' }, 422, /up or down/],
    ['delete', { status: statusPid(a.org.orgId, 'Potential'), to: statusPid(a.org.orgId, 'Potential') }, 422, /Choose another status/],
  ]) {
    const r = await post(`/settings/lead-statuses/${path}`, { csrf: a.csrf, ...body }, { jar: a.jar });
    assert.equal(r.status, status, `${path} ${JSON.stringify(body)}: ${r.status}`);
    assert.match(r.body, msg);
  }
  assert.equal(snapshot(a.org.orgId), before0);
});

test('rename and reorder: kept in order, before → after in the Audit', async () => {
  const pid = statusPid(a.org.orgId, 'Bad Fit');
  assert.equal((await post('/settings/lead-statuses/rename', { csrf: a.csrf, status: pid, label: 'Poor Fit' }, { jar: a.jar })).status, 303);
  assert.equal((await post('/settings/lead-statuses/move', { csrf: a.csrf, status: pid, dir: 'up' }, { jar: a.jar })).status, 303);
  assert.deepEqual(labels(a.org.orgId).slice(0, 3), ['Poor Fit', 'Potential', 'Qualified']);
  assert.equal((await post('/settings/lead-statuses/move', { csrf: a.csrf, status: pid, dir: 'down' }, { jar: a.jar })).status, 303);
  assert.deepEqual(labels(a.org.orgId).slice(0, 3), ['Potential', 'Poor Fit', 'Qualified']);
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /lead status renamed<\/strong>: Poor Fit<\/span>\s*<span class="change">Bad Fit → Poor Fit/);
});

test('delete moves its leads to the chosen status, each move a status change activity, in one go', async () => {
  const l1 = newLead(a.org.orgId, 'Qualified', 'Moved Lead One');
  const l2 = newLead(a.org.orgId, 'Qualified', 'Moved Lead Two');
  const page = await get('/settings/lead-statuses', { jar: a.jar });
  assert.match(page.body, /Move its 2 leads to/);
  const res = await post('/settings/lead-statuses/delete', { csrf: a.csrf, status: statusPid(a.org.orgId, 'Qualified'), to: statusPid(a.org.orgId, 'Customer') }, { jar: a.jar });
  assert.equal(res.status, 303);
  assert.ok(!labels(a.org.orgId).includes('Qualified'));
  for (const l of [l1, l2]) {
    assert.equal(one(`SELECT s.label FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE l.pid = ${lit(l)}`), 'Customer');
    assert.deepEqual(sql(`SELECT a.old_status_label, a.new_status_label FROM activities a JOIN leads l ON l.id = a.lead_id
      WHERE l.pid = ${lit(l)} AND a.type = 'lead_status_change'`), [['Qualified', 'Customer']]);
    const lp = await get(`/lead/${l}/`, { jar: a.jar });
    assert.match(lp.body, /class="status">Customer</);
  }
  const audit = await get('/settings/audit', { jar: a.jar });
  assert.match(audit.body, /lead status deleted<\/strong>: Qualified/);
  assert.match(audit.body, /2 leads moved to Customer/);
});

test('another organization\'s status ids are unknown (404), nothing changed; unknown ids too', async () => {
  const before0 = snapshot(a.org.orgId);
  const pid = statusPid(a.org.orgId, 'Potential');
  for (const [path, body] of [['rename', { label: 'Hijacked' }], ['move', { dir: 'down' }], ['delete', { to: statusPid(b.org.orgId, 'Customer') }]]) {
    const r = await post(`/settings/lead-statuses/${path}`, { csrf: b.csrf, status: pid, ...body }, { jar: b.jar });
    assert.equal(r.status, 404, `${path}: ${r.status}`);
    assert.match(r.body, /no such status/);
    const u = await post(`/settings/lead-statuses/${path}`, { csrf: a.csrf, status: randomId('stat_'), ...body }, { jar: a.jar });
    assert.equal(u.status, 404);
  }
  // a's status moved into b's status: b's id is no target in a
  const cross = await post('/settings/lead-statuses/delete', { csrf: a.csrf, status: pid, to: statusPid(b.org.orgId, 'Customer') }, { jar: a.jar });
  assert.equal(cross.status, 422);
  assert.equal(snapshot(a.org.orgId), before0);
  // b's audit does not show a's changes
  const audit = await get('/settings/audit', { jar: b.jar });
  assert.doesNotMatch(audit.body, /Evaluating|Poor Fit/);
});
