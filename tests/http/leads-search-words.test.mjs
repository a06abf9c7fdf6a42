// L8 — the words of the search (sql/013_search_words.sql): a word of any
// length ("AG", "UX"), an email's domain or a part of it, a phone number
// typed without its country code ("(217) 555"), several words that must each
// begin a word of the lead; and the words follow every change, made straight
// in the database as any writer would (a rename, an email removed or changed,
// a contact moved to another lead or removed, a lead removed). Another
// organization's words are never found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql } from '../lib/client.mjs';
import { session, orgId, lit, one, leadLinks } from '../lib/http-extra.mjs';

const MARK = `Zw${process.pid}`;
let nw;
let bd;
const made = {};     // name -> { pid, id, contact }

function makeLead(org, name, contact, email, phone) {
  const st = one(`SELECT id FROM lead_statuses WHERE organization_id = ${org} ORDER BY position LIMIT 1`);
  sql(`INSERT INTO leads (pid, organization_id, name, status_id) VALUES (ll_id('lead_'), ${org}, ${lit(name)}, ${st})`);
  const [pid, id] = sql(`SELECT pid, id FROM leads WHERE organization_id = ${org} AND name = ${lit(name)}`)[0];
  sql(`INSERT INTO contacts (pid, organization_id, lead_id, name) VALUES (ll_id('cont_'), ${org}, ${id}, ${lit(contact)})`);
  const c = one(`SELECT id FROM contacts WHERE lead_id = ${id}`);
  if (email) sql(`INSERT INTO contact_emails (organization_id, contact_id, email) VALUES (${org}, ${c}, ${lit(email)})`);
  if (phone) {
    sql(`INSERT INTO contact_phones (organization_id, contact_id, phone, phone_digits)
      VALUES (${org}, ${c}, ${lit(phone)}, ${lit(phone.replace(/\D/g, ''))})`);
  }
  return { pid, id, contact: c };
}

before(() => {
  nw = orgId('Northwind Traders');
  bd = orgId('Bloom Dental');
  made.ag = makeLead(nw, `${MARK} Bergwerk AG`, 'Ute Xq', `ute@${MARK.toLowerCase()}-berg.example`, '+1 (319) 555-0188');
  made.ux = makeLead(nw, `${MARK} UX Studio`, 'Ola Yq', `ola@mail.${MARK.toLowerCase()}-studio.example`, '+44 20 7946 0958');
  made.bd = makeLead(bd, `${MARK} Bergwerk AG Patient`, 'Ute Xq', `ute@${MARK.toLowerCase()}-berg.example`, '+1 (319) 555-0188');
});

after(() => {
  for (const org of [nw, bd]) {
    const leads = `SELECT id FROM leads WHERE organization_id = ${org} AND name LIKE ${lit(`${MARK}%`)}`;
    sql(`DELETE e FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE c.lead_id IN (${leads})`);
    sql(`DELETE p FROM contact_phones p JOIN contacts c ON c.id = p.contact_id WHERE c.lead_id IN (${leads})`);
    sql(`DELETE FROM contacts WHERE lead_id IN (${leads})`);
    sql(`DELETE FROM leads WHERE organization_id = ${org} AND name LIKE ${lit(`${MARK}%`)}`);
  }
});

async function finds(jar, q) {
  const res = await get(`/leads?q=${encodeURIComponent(q)}`, { jar });
  assert.equal(res.status, 200, `q=${q}: ${res.status}`);
  return leadLinks(res.body);
}

test('a two-letter word, an email domain or a part of it, a number without its country code, several words', async () => {
  const { jar } = await session('ada@northwind.test');
  const m = MARK.toLowerCase();
  const cases = [
    [`${MARK} AG`, made.ag], ['AG bergwerk', made.ag], [`ag ${MARK}`, made.ag],
    [`UX ${MARK}`, made.ux], [`${m} ux studio`, made.ux],
    [`${m}-berg.example`, made.ag], [`${m}-berg`, made.ag], [`mail.${m}-studio`, made.ux], [`${m}-studio.example`, made.ux],
    ['(319) 555-0188', made.ag], ['319 555 01', made.ag], ['3195550188', made.ag], ['20 7946 0958', made.ux],
    ['Xq Ute', made.ag], ['yq', made.ux],
  ];
  for (const [q, lead] of cases) assert.ok((await finds(jar, q)).includes(lead.pid), `q="${q}" finds ${lead.pid}`);
  // every word must begin a word of the lead
  for (const [q, lead] of [[`${MARK} AG Studio`, made.ag], [`${MARK} UX Bergwerk`, made.ux], [`${MARK} GA`, made.ag],
    [`erg ${MARK}`, made.ag], ['(319) 555-0199', made.ag]]) {
    assert.ok(!(await finds(jar, q)).includes(lead.pid), `q="${q}" does not find ${lead.pid}`);
  }
});

test('another organization\'s words are never found: the same words find only the searcher\'s lead', async () => {
  const ada = await session('ada@northwind.test');
  const cora = await session('cora@bloomdental.test');
  for (const q of [`${MARK} AG`, `${MARK.toLowerCase()}-berg.example`, '(319) 555']) {
    const a = await finds(ada.jar, q);
    const c = await finds(cora.jar, q);
    assert.ok(a.includes(made.ag.pid) && !a.includes(made.bd.pid), `ada, q="${q}"`);
    assert.ok(c.includes(made.bd.pid) && !c.includes(made.ag.pid), `cora, q="${q}"`);
  }
});

test('the words follow every change made in the database: renames, an email changed or removed, a contact moved or removed', async () => {
  const { jar } = await session('ada@northwind.test');
  const lead = makeLead(nw, `${MARK} Kiwi Works`, 'Pia Zq', `pia@${MARK.toLowerCase()}-kiwi.example`, '+1 (612) 555-0101');
  const other = makeLead(nw, `${MARK} Lime Works`, 'Noa Wq', null, null);
  const words = () => sql(`SELECT word FROM search_words WHERE organization_id = ${nw} AND lead_id = ${lead.id}
    ORDER BY word`).map((r) => r[0]);
  assert.ok(words().includes('kiwi') && words().includes('zq') && words().includes('#6125550101') && words().includes('#125550101'), words().join(' '));
  // a lead renamed: its new word in, the old one out
  sql(`UPDATE leads SET name = ${lit(`${MARK} Mango Works`)} WHERE id = ${lead.id}`);
  assert.ok((await finds(jar, `${MARK} mango`)).includes(lead.pid), 'the new name');
  assert.equal(one(`SELECT COUNT(*) FROM search_words WHERE src = 'lead' AND src_id = ${lead.id} AND word = 'kiwi'`), '0',
    'the old name\'s word is gone');
  assert.ok(words().includes('kiwi'), 'kiwi is still a word of the email');
  // the email changed, then removed
  sql(`UPDATE contact_emails SET email = ${lit(`pia@${MARK.toLowerCase()}-papaya.example`)} WHERE contact_id = ${lead.contact}`);
  assert.ok(!words().includes('kiwi'), 'the old domain\'s words are gone');
  assert.ok((await finds(jar, `${MARK.toLowerCase()}-papaya`)).includes(lead.pid), 'the new domain');
  sql(`DELETE FROM contact_emails WHERE contact_id = ${lead.contact}`);
  assert.ok(!(await finds(jar, `${MARK.toLowerCase()}-papaya`)).includes(lead.pid), 'a removed email is not found');
  // the contact renamed, then moved to another lead: found there, not here
  sql(`UPDATE contacts SET name = 'Pia Vq' WHERE id = ${lead.contact}`);
  assert.ok((await finds(jar, `vq ${MARK}`)).includes(lead.pid), 'the contact\'s new name');
  assert.ok(!(await finds(jar, `zq ${MARK}`)).includes(lead.pid), 'the contact\'s old name');
  sql(`UPDATE contacts SET lead_id = ${other.id} WHERE id = ${lead.contact}`);
  const moved = await finds(jar, `vq ${MARK}`);
  assert.ok(moved.includes(other.pid) && !moved.includes(lead.pid), 'the moved contact is found under its new lead');
  const phone = await finds(jar, '(612) 555-01');
  assert.ok(phone.includes(other.pid) && !phone.includes(lead.pid), 'and its phone');
  // the contact removed (its phone goes by the foreign key's cascade): none of its words left
  sql(`DELETE FROM contact_phones WHERE contact_id = ${lead.contact}`);
  sql(`DELETE FROM contacts WHERE id = ${lead.contact}`);
  assert.equal(one(`SELECT COUNT(*) FROM search_words WHERE contact_id = ${lead.contact}`), '0');
  assert.ok(!(await finds(jar, `vq ${MARK}`)).includes(other.pid));
  // the lead removed: no word of it left
  sql(`DELETE FROM leads WHERE id = ${lead.id}`);
  assert.equal(one(`SELECT COUNT(*) FROM search_words WHERE organization_id = ${nw} AND lead_id = ${lead.id}`), '0');
});

test('the table holds the words of every lead, contact, email and phone (the migration\'s rebuild gives the same rows)', () => {
  const before = sql(`SELECT organization_id, word, src, src_id, lead_id, COALESCE(contact_id, 0) FROM search_words
    ORDER BY organization_id, word, src, src_id`).map((r) => r.join(' '));
  assert.ok(before.length > 100, `${before.length} words`);
  sql('CALL ll_search_rebuild()');
  const after = sql(`SELECT organization_id, word, src, src_id, lead_id, COALESCE(contact_id, 0) FROM search_words
    ORDER BY organization_id, word, src, src_id`).map((r) => r.join(' '));
  assert.deepEqual(after, before, 'what the triggers kept is what a rebuild from the rows gives');
});
