// O6 — every lead has an owner, a member of its organization: a new lead gets
// its creator; the lead page shows the owner with a <select> of the active
// members; POST /lead/<id>/owner changes it in one transaction (the lead, a
// note in the history naming both owners, its count), and the kept page is
// not served again. Not a member (unknown, inactive, another organization's
// user): 400, nothing changed; another organization's lead: 404; no CSRF: 403.
import { test, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { one, lit, session, orgId, randomId, assertErrorPage } from '../lib/http-extra.mjs';
import { acts, decode, leadId, textOf } from '../lib/lead-page.mjs';

const MARK = `zz-owner-${process.pid}-`;
afterAll(() => {
  const ids = `SELECT id FROM leads WHERE name LIKE ${lit(MARK + '%')}`;
  sql(`DELETE FROM lead_activity_counts WHERE lead_id IN (${ids})`);
  sql(`DELETE FROM activities WHERE lead_id IN (SELECT id FROM (${ids}) x)`);
  sql(`DELETE FROM contacts WHERE lead_id IN (SELECT id FROM (${ids}) x)`);
  sql(`DELETE FROM leads WHERE name LIKE ${lit(MARK + '%')}`);
});

const userId = (email) => one(`SELECT id FROM users WHERE email = ${lit(email)}`);
const userPid = (email) => one(`SELECT pid FROM users WHERE email = ${lit(email)}`);

async function newLead(jar, csrf, name) {
  const res = await post('/leads', { csrf, name: MARK + name }, { jar });
  assert.equal(res.status, 303, `new lead: ${res.status}`);
  const m = res.headers.location.match(/^\/lead\/(lead_[0-9A-Za-z]{40})\/$/);
  assert.ok(m, res.headers.location);
  return m[1];
}

function snapshot(pid) {
  const [r] = sql(`SELECT owner_id, updated_by, DATE_FORMAT(date_updated, '%Y-%m-%d %H:%i:%s.%f'),
      (SELECT COUNT(*) FROM activities a WHERE a.lead_id = l.id),
      (SELECT COALESCE(SUM(n), 0) FROM lead_activity_counts c WHERE c.lead_id = l.id AND c.type = 'note')
    FROM leads l WHERE l.pid = ${lit(pid)}`);
  return { owner: r[0], updatedBy: r[1], updated: r[2], activities: Number(r[3]), notes: Number(r[4]) };
}

function ownerForm(html, pid) {
  const at = html.indexOf('<form class="lead-status lead-owner"');
  assert.ok(at > 0, 'the owner form is on the page');
  const form = html.slice(at, html.indexOf('</form>', at));
  assert.match(form, new RegExp(`method="post" action="/lead/${pid}/owner"`));
  assert.match(form, /<input type="hidden" name="csrf" value="[^"]{20,}">/);
  assert.match(form, /<label for="owner-select">[^<]+<\/label>/, 'the select is labelled');
  const options = [...form.matchAll(/<option value="(user_[0-9A-Za-z]{40})"( selected)?>([^<]*)<\/option>/g)]
    .map((m) => ({ pid: m[1], selected: Boolean(m[2]), label: decode(m[3]) }));
  const owner = decode((form.match(/<span class="owner">([^<]*)<\/span>/) || [])[1] || '');
  return { form, options, owner };
}

test('a new lead is owned by its creator; the page shows the owner and every active member to choose from', async () => {
  const { jar, csrf } = await session('ben@northwind.test');
  const pid = await newLead(jar, csrf, 'created');
  assert.equal(one(`SELECT owner_id FROM leads WHERE pid = ${lit(pid)}`), userId('ben@northwind.test'));
  const res = await get(`/lead/${pid}/`, { jar });
  assert.equal(res.status, 200);
  const { options, owner } = ownerForm(res.body, pid);
  const benName = one("SELECT name FROM users WHERE email = 'ben@northwind.test'");
  assert.equal(owner, benName);
  const members = sql(`SELECT u.pid, u.name FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organization_id = ${orgId('Northwind Traders')} AND m.active = 1 AND u.active = 1`)
    .map(([p, name]) => ({ pid: p, label: name })).sort((a, b) => a.pid.localeCompare(b.pid));
  assert.deepEqual(options.map(({ pid: p, label }) => ({ pid: p, label })).sort((a, b) => a.pid.localeCompare(b.pid)),
    members, 'the active members of the organization, and no one else');
  assert.deepEqual(options.filter((o) => o.selected).map((o) => o.pid), [userPid('ben@northwind.test')]);
});

test('every demo lead has an owner who is a member of its organization', () => {
  const orphans = one(`SELECT COUNT(*) FROM leads l LEFT JOIN memberships m
    ON m.user_id = l.owner_id AND m.organization_id = l.organization_id
    WHERE l.name NOT LIKE 'zz-%' AND m.id IS NULL`);
  assert.equal(orphans, '0');
});

test('changing the owner: the lead, a note naming both owners and its count in one go; 303 back; the page shows the new owner', async () => {
  const { jar, csrf } = await session('ben@northwind.test');
  const pid = await newLead(jar, csrf, 'change');
  await get(`/lead/${pid}/`, { jar });   // a kept page, if the worker keeps pages
  const before = snapshot(pid);
  const res = await post(`/lead/${pid}/owner`, { csrf, owner: userPid('ada@northwind.test') }, { jar });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/lead/${pid}/`);
  const after = snapshot(pid);
  assert.equal(after.owner, userId('ada@northwind.test'));
  assert.equal(after.updatedBy, userId('ben@northwind.test'));
  assert.ok(after.updated > before.updated, 'date_updated moved');
  assert.equal(after.activities, before.activities + 1);
  assert.equal(after.notes, before.notes + 1);
  const [[type, user, text]] = sql(`SELECT type, user_id, body_text FROM activities WHERE lead_id = ${leadId(pid)}
    ORDER BY id DESC LIMIT 1`);
  assert.equal(type, 'note');
  assert.equal(user, userId('ben@northwind.test'));
  const ada = one("SELECT name FROM users WHERE email = 'ada@northwind.test'");
  const ben = one("SELECT name FROM users WHERE email = 'ben@northwind.test'");
  assert.equal(text, `Lead owner changed from ${ben} to ${ada}.`);

  const page = await get(`/lead/${pid}/`, { jar });
  assert.equal(ownerForm(page.body, pid).owner, ada, 'the page is not the kept one');
  const top = acts(page.body)[0];
  assert.ok(textOf(top.html).includes(`Lead owner changed from ${ben} to ${ada}.`), 'the change tops the history');

  // the same owner again writes nothing
  const again = await post(`/lead/${pid}/owner`, { csrf, owner: userPid('ada@northwind.test') }, { jar });
  assert.equal(again.status, 303);
  assert.deepEqual(snapshot(pid), after);
});

test('not an active member — unknown, inactive, of another organization, missing: 400, nothing changed', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const pid = await newLead(jar, csrf, 'refused');
  const before = snapshot(pid);
  for (const owner of [randomId('user_'), userPid('dan@northwind.test'), userPid('cora@bloomdental.test'), undefined]) {
    const body = { csrf };
    if (owner) body.owner = owner;
    const res = await post(`/lead/${pid}/owner`, body, { jar });
    assertErrorPage(res, 400, /member|Choose/, String(owner));
    assert.deepEqual(snapshot(pid), before, `${owner}: nothing changed`);
  }
});

test('another organization\'s lead is the same 404 as an unknown one; without the CSRF token 403', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const bloom = one(`SELECT pid FROM leads WHERE organization_id = ${orgId('Bloom Dental')} LIMIT 1`);
  const bloomBefore = snapshot(bloom);
  for (const p of [bloom, randomId('lead_')]) {
    const res = await post(`/lead/${p}/owner`, { csrf, owner: userPid('ada@northwind.test') }, { jar });
    assertErrorPage(res, 404, /no such lead/i, p);
  }
  assert.deepEqual(snapshot(bloom), bloomBefore);
  const pid = await newLead(jar, csrf, 'csrf');
  const before = snapshot(pid);
  const res = await post(`/lead/${pid}/owner`, { owner: userPid('ben@northwind.test') }, { jar });
  assert.equal(res.status, 403);
  assert.deepEqual(snapshot(pid), before);
});
