// L1 — the lead page's header and the status change: name, url (a link only for
// http and https), description, the current status at the top right with a
// <select> of the organization's statuses; POST /lead/<id>/status changes it in
// one transaction (the lead, a lead_status_change activity, its count) and the
// change tops the history. Bad input is a 400 and changes nothing; another
// organization's lead is the same 404 as an unknown one; no CSRF token, 403.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { one, lit, session, orgId, leadPid, randomId, assertErrorPage } from '../lib/http-extra.mjs';
import { acts, decode, leadId, textOf } from '../lib/lead-page.mjs';

const LEAD = 'Blue Harbor Foods';   // status tests use this lead; Globex stays as the demo made it

function leadRow(pid) {
  const [r] = sql(`SELECT l.status_id, s.label, l.updated_by, DATE_FORMAT(l.date_updated, '%Y-%m-%d %H:%i:%s.%f')
    FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE l.pid = ${lit(pid)}`);
  return { statusId: r[0], label: r[1], updatedBy: r[2], updated: r[3] };
}

const activityCount = (pid) => Number(one(`SELECT COUNT(*) FROM activities WHERE lead_id = ${leadId(pid)}`));
const statusCount = (pid) => Number(one(`SELECT COALESCE(SUM(n), 0) FROM lead_activity_counts
  WHERE lead_id = ${leadId(pid)} AND type = 'lead_status_change'`));
const orgStatuses = (org) => sql(`SELECT pid, label FROM lead_statuses WHERE organization_id = ${orgId(org)}
  ORDER BY position, id`).map(([pid, label]) => ({ pid, label }));

// Everything a failed change must leave as it was.
function snapshot(pid) {
  return { lead: leadRow(pid), activities: activityCount(pid), counts: statusCount(pid) };
}

test('the header: name, url link, description, and the status at the top right with every status of the organization', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid('Globex Corporation');
  const res = await get(`/lead/${pid}/`, { jar });
  assert.equal(res.status, 200);
  const head = res.body.slice(res.body.indexOf('<header class="lead-head">'), res.body.indexOf('</header>', res.body.indexOf('<header class="lead-head">')));
  assert.match(head, /<h1>Globex Corporation<\/h1>/);
  assert.match(head, /<a href="https:\/\/globex\.example" rel="noopener noreferrer nofollow">https:\/\/globex\.example<\/a>/);
  const description = one(`SELECT description FROM leads WHERE pid = ${lit(pid)}`);
  assert.ok(textOf(head).includes(description), 'the description is shown');
  // the status form comes after the title block: the top right of the header
  assert.ok(head.indexOf('class="lead-status"') > head.indexOf('<h1>'));
  const form = head.slice(head.indexOf('<form class="lead-status"'));
  assert.match(form, new RegExp(`method="post" action="/lead/${pid}/status"`));
  assert.match(form, /<input type="hidden" name="csrf" value="[^"]{20,}">/);
  assert.match(form, /<label for="status-select">[^<]+<\/label>/, 'the select is labelled');
  const options = [...form.matchAll(/<option value="(stat_[0-9A-Za-z]{40})"( selected)?>([^<]*)<\/option>/g)]
    .map((m) => ({ pid: m[1], selected: Boolean(m[2]), label: decode(m[3]) }));
  assert.deepEqual(options.map(({ pid: p, label }) => ({ pid: p, label })), orgStatuses('Northwind Traders'),
    'every lead status of the organization, in position order, and nothing else');
  const current = leadRow(pid);
  assert.deepEqual(options.filter((o) => o.selected).map((o) => o.label), [current.label], 'the current status is selected');
  assert.match(form, new RegExp(`<span class="status">${current.label}</span>`));
});

test('a url is a link only for http and https; a lead without url or description shows neither', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(LEAD);
  const [[urlNull, url, descriptionNull, description]] = sql(`SELECT url IS NULL, COALESCE(url, ''),
    description IS NULL, COALESCE(description, '') FROM leads WHERE pid = ${lit(pid)}`);
  try {
    for (const bad of ['javascript:alert(1)', 'ftp://files.example/x', 'www.blueharbor.example', 'data:text/html,<b>x</b>']) {
      sql(`UPDATE leads SET url = ${lit(bad)} WHERE pid = ${lit(pid)}`);
      const res = await get(`/lead/${pid}/`, { jar });
      assert.equal(res.status, 200);
      assert.ok(!/<p class="url"><a /.test(res.body), `${bad} is not a link`);
      assert.ok(res.body.includes(`<p class="url">${bad.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`), `${bad} is shown as text`);
    }
    sql(`UPDATE leads SET url = 'http://blueharbor.example/a?b=1&c=2' WHERE pid = ${lit(pid)}`);
    let res = await get(`/lead/${pid}/`, { jar });
    assert.match(res.body, /<p class="url"><a href="http:\/\/blueharbor\.example\/a\?b=1&amp;c=2"/);
    sql(`UPDATE leads SET url = NULL, description = NULL WHERE pid = ${lit(pid)}`);
    res = await get(`/lead/${pid}/`, { jar });
    assert.equal(res.status, 200);
    assert.ok(!res.body.includes('class="url"'), 'no url paragraph');
    assert.ok(!res.body.includes('class="description"'), 'no description paragraph');
  } finally {
    sql(`UPDATE leads SET url = ${urlNull === '1' ? 'NULL' : lit(url)},
      description = ${descriptionNull === '1' ? 'NULL' : lit(description)} WHERE pid = ${lit(pid)}`);
  }
});

test('changing the status: one transaction writes the lead, a lead_status_change activity and its count; 303 back; the change tops the history', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const pid = leadPid(LEAD);
  const before = snapshot(pid);
  const target = orgStatuses('Northwind Traders').find((s) => s.label !== before.lead.label);
  const ada = one("SELECT id FROM users WHERE email = 'ada@northwind.test'");
  const res = await post(`/lead/${pid}/status`, { csrf, status: target.pid }, { jar });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/lead/${pid}/`);

  const after = snapshot(pid);
  assert.equal(after.lead.label, target.label, 'the lead has the new status');
  assert.equal(after.lead.updatedBy, ada, 'updated_by is the user');
  assert.ok(after.lead.updated > before.lead.updated, 'date_updated moved');
  assert.equal(after.activities, before.activities + 1, 'one activity more');
  assert.equal(after.counts, before.counts + 1, 'lead_activity_counts follows (+1)');

  const [row] = sql(`SELECT a.pid, a.type, a.user_id, a.old_status_id, a.new_status_id, a.old_status_label, a.new_status_label,
      a.organization_id, a.activity_at = a.date_created, TIMESTAMPDIFF(SECOND, a.activity_at, UTC_TIMESTAMP(6))
    FROM activities a WHERE a.lead_id = ${leadId(pid)} ORDER BY a.id DESC LIMIT 1`);
  const [acti, type, user, oldId, newId, oldLabel, newLabel, org, same, age] = row;
  assert.match(acti, /^acti_[0-9A-Za-z]{40}$/);
  assert.equal(type, 'lead_status_change');
  assert.equal(user, ada);
  assert.deepEqual([oldId, newId, oldLabel, newLabel], [before.lead.statusId, after.lead.statusId, before.lead.label, target.label]);
  assert.equal(org, orgId('Northwind Traders'));
  assert.equal(same, '1', 'activity_at = date_created');
  assert.ok(Math.abs(Number(age)) <= 5, `activity_at is UTC now (${age} s off)`);

  const page = await get(`/lead/${pid}/`, { jar });
  const top = acts(page.body)[0];
  assert.equal(top.pid, acti, 'the change is at the top of the history');
  assert.equal(top.type, 'lead_status_change');
  assert.equal(top.who, 'Ada Lovelace');
  assert.match(textOf(top.html), new RegExp(`${before.lead.label} → ${target.label}`));
  assert.match(page.body, new RegExp(`<span class="status">${target.label}</span>`));
});

test('choosing the status the lead already has writes nothing and still answers 303', async () => {
  const { jar, csrf } = await session('ben@northwind.test');
  const pid = leadPid(LEAD);
  const before = snapshot(pid);
  const current = orgStatuses('Northwind Traders').find((s) => s.label === before.lead.label);
  const res = await post(`/lead/${pid}/status`, { csrf, status: current.pid }, { jar });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/lead/${pid}/`);
  assert.deepEqual(snapshot(pid), before, 'no activity, no count, the lead untouched');
});

test('an unknown status, another organization\'s status, an opportunity status: 400 with a message, nothing changed', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const pid = leadPid(LEAD);
  const before = snapshot(pid);
  const bloomStatus = one(`SELECT pid FROM lead_statuses WHERE organization_id = ${orgId('Bloom Dental')} LIMIT 1`);
  const oppStatus = one(`SELECT pid FROM opportunity_statuses WHERE organization_id = ${orgId('Northwind Traders')} LIMIT 1`);
  for (const status of [randomId('stat_'), bloomStatus, oppStatus]) {
    const res = await post(`/lead/${pid}/status`, { csrf, status }, { jar });
    assertErrorPage(res, 400, /status/i, `status ${status}`);
    assert.ok(!res.headers.location, 'no redirect');
  }
  for (const [what, form] of [['a malformed id', { csrf, status: 'stat_abc' }], ['another prefix', { csrf, status: randomId('lead_') }],
    ['no status', { csrf }], ['an empty status', { csrf, status: '' }], ['two statuses', new URLSearchParams([['csrf', csrf], ['status', bloomStatus], ['status', oppStatus]])]]) {
    const res = await post(`/lead/${pid}/status`, form, { jar });
    assert.equal(res.status, 400, `${what}: ${res.status}`);
  }
  assert.deepEqual(snapshot(pid), before, 'nothing changed');
});

test('another organization\'s lead is the same 404 as an unknown lead, and is not changed', async () => {
  const { jar, csrf } = await session('cora@bloomdental.test');
  const globex = leadPid('Globex Corporation');
  const before = snapshot(globex);
  const coraStatus = one(`SELECT pid FROM lead_statuses WHERE organization_id = ${orgId('Bloom Dental')} LIMIT 1`);
  const northwindStatus = one(`SELECT pid FROM lead_statuses WHERE organization_id = ${orgId('Northwind Traders')} AND id <> ${before.lead.statusId} LIMIT 1`);
  const bodies = [];
  for (const [lead, status] of [[globex, coraStatus], [globex, northwindStatus], [randomId('lead_'), coraStatus], ['lead_nope', coraStatus]]) {
    const res = await post(`/lead/${lead}/status`, { csrf, status }, { jar });
    assertErrorPage(res, 404, /no such lead/i, `POST /lead/${lead}/status`);
    bodies.push(res.body);
  }
  assert.equal(new Set(bodies).size, 1, 'the same 404 every time');
  assert.deepEqual(snapshot(globex), before, 'Globex is untouched');
});

test('without the session\'s CSRF token: 403 and nothing changed; GET on the status address: 405', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const pid = leadPid(LEAD);
  const before = snapshot(pid);
  const other = orgStatuses('Northwind Traders').find((s) => s.label !== before.lead.label);
  for (const form of [{ status: other.pid }, { csrf: 'x'.repeat(43), status: other.pid }, { csrf: csrf.slice(0, -1), status: other.pid }]) {
    const res = await post(`/lead/${pid}/status`, form, { jar });
    assert.equal(res.status, 403);
  }
  const res = await get(`/lead/${pid}/status`, { jar });
  assert.equal(res.status, 405);
  assert.deepEqual(snapshot(pid), before);
  const anon = await post(`/lead/${pid}/status`, { csrf, status: other.pid });
  assert.ok([303, 403].includes(anon.status), `no session: ${anon.status}`);
  assert.deepEqual(snapshot(pid), before);
});

test('two changes at the same moment are recorded one after the other: each activity starts from the status the other left', async () => {
  const a = await session('ada@northwind.test');
  const b = await session('ben@northwind.test');
  const pid = leadPid(LEAD);
  const before = snapshot(pid);
  const others = orgStatuses('Northwind Traders').filter((s) => s.label !== before.lead.label);
  const [r1, r2] = await Promise.all([
    post(`/lead/${pid}/status`, { csrf: a.csrf, status: others[0].pid }, { jar: a.jar }),
    post(`/lead/${pid}/status`, { csrf: b.csrf, status: others[1].pid }, { jar: b.jar }),
  ]);
  assert.deepEqual([r1.status, r2.status], [303, 303]);
  const changes = sql(`SELECT old_status_label, new_status_label FROM activities WHERE lead_id = ${leadId(pid)}
    AND type = 'lead_status_change' ORDER BY id DESC LIMIT 2`).reverse();
  assert.equal(changes.length, 2);
  assert.equal(changes[0][0], before.lead.label, 'the first starts from the status before');
  assert.equal(changes[1][0], changes[0][1], 'the second starts from the status the first set');
  assert.equal(leadRow(pid).label, changes[1][1], 'the lead has the status of the last change');
  assert.equal(statusCount(pid), before.counts + 2);
});
