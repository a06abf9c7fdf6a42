// R4 — an existing Close API client works against leadline when only its base
// URL is changed: the npm package close.io (not written here) drives leads,
// contacts, statuses, opportunities, tasks, notes, calls, emails, me and
// errors. The one change is its base address: the client writes
// https://api.close.com/api/v1 into every request, and the test points that
// at the instance. Its own promise code, request library, Basic auth and
// JSON handling do the rest.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { BASE, sql } from '../lib/client.mjs';
import { one, lit, orgId } from '../lib/http-extra.mjs';
import { apiKey } from '../lib/api.mjs';

const require = createRequire(import.meta.url);
const Closeio = require('close.io');

// Only the base URL changes: everything else is the client's own.
const origRequest = Closeio.prototype._request;
Closeio.prototype._request = function (options) {
  options.uri = options.uri.replace('https://api.close.com', BASE);
  return origRequest.call(this, options);
};

// The client's promises (node-promise) as native ones.
const p = (x) => new Promise((resolve, reject) => x.then(resolve, reject));
const rejected = async (x) => {
  try { await p(x); } catch (e) { return e; }
  throw new Error('the call succeeded');
};

let close;
let cora;
before(() => {
  close = new Closeio(apiKey('ada@northwind.test').trim());
  cora = new Closeio(apiKey('cora@bloomdental.test').trim());
});

test('me: the key\'s user and organization', async () => {
  const me = await p(close.user.me());
  assert.equal(me.email, 'ada@northwind.test');
  assert.equal(me.id, one(`SELECT pid FROM users WHERE email = 'ada@northwind.test'`));
  assert.equal(me.organizations[0].id, one(`SELECT pid FROM organizations WHERE id = ${orgId('Northwind Traders')}`));
});

test('lead statuses and opportunity statuses are the organization\'s', async () => {
  const ls = await p(close.status.lead.list());
  const want = sql(`SELECT pid, label FROM lead_statuses WHERE organization_id = ${orgId('Northwind Traders')} ORDER BY position, id`);
  assert.deepEqual(ls.data.map((s) => [s.id, s.label]), want);
  const os = await p(close.status.opportunity.list());
  const wantO = sql(`SELECT pid, label, type FROM opportunity_statuses WHERE organization_id = ${orgId('Northwind Traders')} ORDER BY position, id`);
  assert.deepEqual(os.data.map((s) => [s.id, s.label, s.type]), wantO);
});

// A lead of this file's own (the demo's Globex is what the lead page's
// tests read): made through the API, once.
let own;
async function ownLead() {
  own ??= (await p(close.lead.create({ name: `Close Client Own Lead ${process.pid}` }))).id;
  return own;
}

test('lead create with a contact, read, update (partial), search', async () => {
  // the suite runs this file once per front server over one database: this run's own lead
  const tag = String(1000 + Math.floor(Math.random() * 9000));
  const status = sql(`SELECT pid, label FROM lead_statuses WHERE organization_id = ${orgId('Northwind Traders')} ORDER BY position DESC, id DESC LIMIT 1`)[0];
  const made = await p(close.lead.create({
    name: `Close Client Widgets ${tag}`, url: 'https://widgets.example', description: 'made by close.io',
    status_id: status[0],
    contacts: [{ name: 'Wanda Widget', title: 'CEO', emails: [{ email: `wanda-${tag}@widgets.example`, type: 'office' }],
      phones: [{ phone: `+1 555 ${tag} 777`, type: 'mobile' }] }],
  }));
  assert.match(made.id, /^lead_[0-9A-Za-z]{40}$/);
  assert.equal(made.name, `Close Client Widgets ${tag}`);
  assert.equal(made.status_id, status[0]);
  assert.equal(made.status_label, status[1]);
  assert.equal(made.contacts.length, 1);
  assert.equal(made.contacts[0].name, 'Wanda Widget');
  assert.deepEqual(made.contacts[0].emails, [{ email: `wanda-${tag}@widgets.example`, type: 'office' }]);
  assert.deepEqual(made.contacts[0].phones, [{ phone: `+1 555 ${tag} 777`, type: 'mobile' }]);
  // in the database, of Northwind, with its status change in the history
  assert.equal(one(`SELECT organization_id FROM leads WHERE pid = ${lit(made.id)}`), String(orgId('Northwind Traders')));
  assert.equal(one(`SELECT COUNT(*) FROM activities a JOIN leads l ON l.id = a.lead_id WHERE l.pid = ${lit(made.id)} AND a.type = 'lead_status_change'`), '1');

  const read = await p(close.lead.read(made.id));
  assert.equal(read.description, 'made by close.io');
  assert.equal(read.contacts[0].id, made.contacts[0].id);

  const upd = await p(close.lead.update(made.id, { description: 'changed by close.io' }));
  assert.equal(upd.description, 'changed by close.io');
  assert.equal(upd.name, `Close Client Widgets ${tag}`, 'PUT is partial: the name stays');
  assert.equal(upd.url, 'https://widgets.example');
  assert.equal(one(`SELECT description FROM leads WHERE pid = ${lit(made.id)}`), 'changed by close.io');

  const byName = await p(close.lead.search({ query: `name:"Close Client Widgets ${tag}"` }));
  assert.deepEqual(byName.data.map((l) => l.id), [made.id]);
  const byEmail = await p(close.lead.search({ email_address: `wanda-${tag}@widgets.example` }));
  assert.deepEqual(byEmail.data.map((l) => l.id), [made.id]);
  const byPhone = await p(close.lead.search({ phone_number: `1555${tag}777` }));
  assert.deepEqual(byPhone.data.map((l) => l.id), [made.id]);
  const byStatus = await p(close.lead.search({ query: `status:"${status[1]}" Widgets ${tag}` }));
  assert.ok(byStatus.data.some((l) => l.id === made.id));
  assert.ok(byStatus.data.every((l) => l.status_label === status[1]));
  // cora, of another organization, finds none of it
  const other = await p(cora.lead.search({ query: `name:"Close Client Widgets ${tag}"` }));
  assert.deepEqual(other.data, []);
});

test('contacts, opportunities, tasks on a lead', async () => {
  const lead = await ownLead();
  const c = await p(close.contact.create({ lead_id: lead, name: 'Close Contact', emails: [{ email: 'cc@globex.example' }] }));
  assert.equal(c.lead_id, lead);
  assert.deepEqual(c.emails, [{ email: 'cc@globex.example', type: 'office' }]);
  const c2 = await p(close.contact.update(c.id, { title: 'Buyer' }));
  assert.equal(c2.title, 'Buyer');
  assert.equal(c2.name, 'Close Contact');
  assert.deepEqual(c2.emails, c.emails, 'emails kept when not sent');

  const st = sql(`SELECT pid, label FROM opportunity_statuses WHERE organization_id = ${orgId('Northwind Traders')} AND type = 'won' LIMIT 1`)[0];
  const o = await p(close.opportunity.create({ lead_id: lead, value: 120050, value_currency: 'USD', value_period: 'monthly', confidence: 60, note: 'via close.io', contact_id: c.id }));
  assert.equal(o.value, 120050);
  assert.equal(o.value_period, 'monthly');
  assert.equal(o.confidence, 60);
  assert.equal(o.contact_id, c.id);
  assert.equal(one(`SELECT value FROM opportunities WHERE pid = ${lit(o.id)}`), '120050');
  const won = await p(close.opportunity.update(o.id, { status_id: st[0] }));
  assert.equal(won.status_label, st[1]);
  assert.equal(won.value, 120050, 'the value stays');
  assert.equal(one(`SELECT COUNT(*) FROM activities WHERE type = 'opportunity_status_change' AND opportunity_id = (SELECT id FROM opportunities WHERE pid = ${lit(o.id)})`), '1');
  const listed = await p(close.opportunity.search({ lead_id: lead }));
  assert.ok(listed.data.some((x) => x.id === o.id));

  const t = await p(close.task.create({ lead_id: lead, text: 'Call back via close.io', date: '2031-05-04' }));
  assert.equal(t.text, 'Call back via close.io');
  assert.equal(t.date, '2031-05-04');
  assert.equal(t.is_complete, false);
  const done = await p(close.task.update(t.id, { is_complete: true }));
  assert.equal(done.is_complete, true);
  assert.equal(done.text, 'Call back via close.io');
  assert.equal(one(`SELECT COUNT(*) FROM activities WHERE type = 'task_completed' AND task_id = (SELECT id FROM tasks WHERE pid = ${lit(t.id)})`), '1');
  const readT = await p(close.task.read(t.id));
  assert.equal(readT.is_complete, true);

  assert.deepEqual(await p(close.task.delete(t.id)), {});
  assert.equal(one(`SELECT COUNT(*) FROM tasks WHERE pid = ${lit(t.id)}`), '0');
  assert.deepEqual(await p(close.opportunity.delete(o.id)), {});
  assert.deepEqual(await p(close.contact.delete(c.id)), {});
  assert.equal(one(`SELECT COUNT(*) FROM contacts WHERE pid = ${lit(c.id)}`), '0');
  const gone = await rejected(close.task.read(t.id));
  assert.match(gone.error, /no such task/);
});

test('notes, calls and emails: created and listed by lead and type', async () => {
  const lead = await ownLead();
  const n = await p(close.activity.note.create({ lead_id: lead, note: 'A note from close.io' }));
  assert.equal(n._type, 'Note');
  assert.equal(n.note, 'A note from close.io');
  assert.equal(n.user_id, one(`SELECT pid FROM users WHERE email = 'ada@northwind.test'`));
  const call = await p(close._post('/activity/call/', { lead_id: lead, direction: 'outbound' === 'x' ? 'x' : 'outgoing', phone: '+15550101', duration: 95, note: 'called' }));
  assert.equal(call._type, 'Call');
  assert.equal(call.duration, 95);
  assert.equal(call.note, 'called');
  const mail = await p(close.activity.email.create({ lead_id: lead, direction: 'outgoing', status: 'sent', subject: 'Hello from close.io',
    sender: 'ada@northwind.test', to: ['buyer@globex.example', 'cto@globex.example'], body_text: 'Hi' }));
  assert.equal(mail._type, 'Email');
  assert.deepEqual(mail.to, ['buyer@globex.example', 'cto@globex.example']);
  assert.equal(mail.status, 'sent');
  const notes = await p(close.activity.note.search({ lead_id: lead, _limit: 5 }));
  assert.ok(notes.data.every((a) => a._type === 'Note' && a.lead_id === lead));
  assert.ok(notes.data.some((a) => a.id === n.id), 'the newest notes include it');
  const calls = await p(close.activity.call.search({ lead_id: lead, _limit: 3 }));
  assert.ok(calls.data.some((a) => a.id === call.id));
  const all = await p(close.activity.search({ lead_id: lead, _limit: 100 }));
  for (const id of [n.id, call.id, mail.id]) assert.ok(all.data.some((a) => a.id === id), id);
  // shown on the lead's page count: the history counts them
  assert.equal(one(`SELECT COUNT(*) FROM activities WHERE pid IN (${[n.id, call.id, mail.id].map(lit).join(',')})`), '3');
});

test('errors as Close gives them: a wrong key 401, an unknown or another organization\'s lead 404, bad input 400 with field-errors', async () => {
  const wrong = new Closeio('api_' + 'x'.repeat(40));
  const e401 = await rejected(wrong.user.me());
  assert.equal(typeof e401.error, 'string');
  const coraLead = one(`SELECT pid FROM leads WHERE organization_id = ${orgId('Bloom Dental')} ORDER BY id LIMIT 1`);
  const e404 = await rejected(close.lead.read(coraLead));
  const e404b = await rejected(close.lead.read('lead_' + 'Q'.repeat(40)));
  assert.deepEqual(e404, e404b, 'another organization\'s lead is the same 404 as an unknown one');
  const e400 = await rejected(close.lead.create({ url: 'https://nameless.example' }));
  assert.ok(e400['field-errors'].name, JSON.stringify(e400));
  assert.equal(one(`SELECT COUNT(*) FROM leads WHERE url = 'https://nameless.example'`), '0');
});

test('a lead with its contacts is one write: a bad second contact leaves no lead and no contact', async () => {
  const name = `All Or Nothing ${process.pid}`;
  const bad = await rejected(close.lead.create({
    name,
    contacts: [{ name: 'Good Contact', emails: [{ email: 'good@all-or-nothing.example', type: 'office' }] },
      { name: 'Bad Contact', emails: [{ email: 'not an address', type: 'office' }] }],
  }));
  assert.ok(bad['field-errors'], JSON.stringify(bad));
  assert.equal(one(`SELECT COUNT(*) FROM leads WHERE name = ${lit(name)}`), '0', 'no lead');
  assert.equal(one(`SELECT COUNT(*) FROM contacts WHERE name IN ('Good Contact', 'Bad Contact')`), '0', 'no contact');
  const good = await p(close.lead.create({ name, contacts: [{ name: 'Good Contact' }, { name: 'Second Contact' }] }));
  assert.deepEqual(good.contacts.map((c) => c.name).sort(), ['Good Contact', 'Second Contact']);
  sql(`DELETE e FROM contact_emails e JOIN contacts c ON c.id = e.contact_id JOIN leads l ON l.id = c.lead_id WHERE l.pid = ${lit(good.id)};
    DELETE c FROM contacts c JOIN leads l ON l.id = c.lead_id WHERE l.pid = ${lit(good.id)};
    DELETE FROM leads WHERE pid = ${lit(good.id)}`);
});
