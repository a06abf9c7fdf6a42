// L8 — the search of /leads?q=: by lead name (prefix and a word inside), by
// contact name (prefix and a word inside: "Lovelace" finds "Ada Lovelace"),
// by email prefix, by phone digits whatever the formatting (start or end of
// the number); Bloom Dental's user never finds Northwind's leads; LIKE
// wildcards in q are literal; and EXPLAIN of the statements as lib/search.c
// writes them shows every part reading through an index.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { get, sql, ROOT } from '../lib/client.mjs';
import { session, orgId, lit, one, leadLinks } from '../lib/http-extra.mjs';

const MARK = `Zz Search ${process.pid}`;
let nw;
let lead;       // the Northwind lead made here
let other;      // a Bloom Dental lead with the same words

before(() => {
  nw = orgId('Northwind Traders');
  const bd = orgId('Bloom Dental');
  const st = (org) => one(`SELECT id FROM lead_statuses WHERE organization_id = ${org} ORDER BY position LIMIT 1`);
  for (const [org, name, contact, email, phone] of [
    [nw, `${MARK} Quasarwidget Holdings`, 'Ada Xylolovelace', 'ada.xylo@quasarwidget.example', '+1 (415) 555-0177'],
    [bd, `${MARK} Quasarwidget Dental Patient`, 'Ada Xylolovelace', 'ada.xylo@bloom-patient.example', '+1 (415) 555-0177'],
  ]) {
    sql(`INSERT INTO leads (pid, organization_id, name, status_id) VALUES (ll_id('lead_'), ${org}, ${lit(name)}, ${st(org)})`);
    const l = one(`SELECT id FROM leads WHERE organization_id = ${org} AND name = ${lit(name)}`);
    sql(`INSERT INTO contacts (pid, organization_id, lead_id, name) VALUES (ll_id('cont_'), ${org}, ${l}, ${lit(contact)})`);
    const c = one(`SELECT id FROM contacts WHERE lead_id = ${l}`);
    sql(`INSERT INTO contact_emails (organization_id, contact_id, email) VALUES (${org}, ${c}, ${lit(email)})`);
    sql(`INSERT INTO contact_phones (organization_id, contact_id, phone, phone_digits) VALUES (${org}, ${c}, ${lit(phone)}, ${lit(phone.replace(/\D/g, ''))})`);
  }
  lead = one(`SELECT pid FROM leads WHERE organization_id = ${nw} AND name LIKE ${lit(MARK + '%')}`);
  other = one(`SELECT pid FROM leads WHERE organization_id = ${bd} AND name LIKE ${lit(MARK + '%')}`);
});

after(() => {
  sql(`DELETE e FROM contact_emails e JOIN contacts c ON c.id = e.contact_id JOIN leads l ON l.id = c.lead_id WHERE l.name LIKE ${lit(MARK + '%')}`);
  sql(`DELETE p FROM contact_phones p JOIN contacts c ON c.id = p.contact_id JOIN leads l ON l.id = c.lead_id WHERE l.name LIKE ${lit(MARK + '%')}`);
  sql(`DELETE c FROM contacts c JOIN leads l ON l.id = c.lead_id WHERE l.name LIKE ${lit(MARK + '%')}`);
  sql(`DELETE FROM leads WHERE name LIKE ${lit(MARK + '%')}`);
});

async function search(jar, q) {
  const res = await get(`/leads?q=${encodeURIComponent(q)}`, { jar });
  assert.equal(res.status, 200, `q=${q}: ${res.status}`);
  return { links: leadLinks(res.body), body: res.body };
}

test('each field finds the lead: name prefix, a word of the name, contact prefix and word, email, phone', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const q of [MARK, `${MARK.toLowerCase()} quasar`, 'Quasarwidg', 'holdings', 'Ada Xylolove', 'Xylolovelace',
    'xylolove', 'ada.xylo@quasar', 'ADA.XYLO@QUASARWIDGET.EXAMPLE', '(415) 555-0177', '14155550177',
    '415.555.0177', '1 415 555', '555 0177']) {
    const { links } = await search(jar, q);
    assert.ok(links.includes(lead), `q="${q}" finds the lead`);
  }
});

test('what does not match finds nothing; the page says so and keeps the query', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const q of ['Quasarwidgetz', 'lovelace', 'xylo@nowhere', '415 999', 'Holdings Quasarwidget Inc']) {
    const { links } = await search(jar, q);
    assert.ok(!links.includes(lead), `q="${q}" does not find it`);
  }
  const { body } = await search(jar, 'nothing-matches-this-zz');
  assert.match(body, /No lead matches/);
  assert.match(body, /value="nothing-matches-this-zz"/);
});

test('LIKE wildcards and full-text operators in q are plain characters', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const q of ['%', '_', '%%', '\\', '+*', '"', '-Quasar', 'Quasar*']) {
    const { links } = await search(jar, q);
    if (q === '-Quasar' || q === 'Quasar*') assert.ok(links.includes(lead), `q="${q}": the word Quasar`);
    else assert.equal(links.length, 0, `q="${q}" finds ${links.length} leads`);
  }
});

test('tenant isolation: cora (Bloom Dental) never finds Northwind\'s lead, and ada never Bloom Dental\'s', async () => {
  const cora = await session('cora@bloomdental.test');
  const ada = await session('ada@northwind.test');
  for (const q of [MARK, 'Quasarwidget', 'Xylolovelace', 'ada.xylo', '4155550177', '0177']) {
    const c = await search(cora.jar, q);
    assert.ok(!c.links.includes(lead), `cora finds Northwind's lead with "${q}"`);
    assert.ok(!c.body.includes('Holdings'), `cora sees Northwind's name with "${q}"`);
    const a = await search(ada.jar, q);
    assert.ok(!a.links.includes(other), `ada finds Bloom Dental's lead with "${q}"`);
  }
  assert.ok((await search(cora.jar, 'Quasarwidget')).links.includes(other), 'cora finds her own');
  const globexNames = sql(`SELECT name FROM leads WHERE organization_id = ${nw}`).map((r) => r[0]);
  const { body } = await search(cora.jar, 'a');
  for (const n of globexNames) assert.ok(!body.includes(`>${n}<`), `cora's search shows ${n}`);
});

test('prefixes first: when they fill the page the full-text part is skipped; when they do not, a word inside a name is still found', async () => {
  const { jar } = await session('ada@northwind.test');
  const st = one(`SELECT id FROM lead_statuses WHERE organization_id = ${nw} ORDER BY position LIMIT 1`);
  // 101 leads beginning with "<MARK> Plover": more than a search shows
  sql(`INSERT INTO leads (pid, organization_id, name, status_id) SELECT ll_id('lead_'), ${nw},
    CONCAT(${lit(MARK + ' Plover ')}, LPAD(seq, 3, '0')), ${st} FROM seq_1_to_101`);
  const full = await search(jar, `${MARK} Plover`);
  assert.equal(full.links.length, 100, 'a full page');
  assert.match(full.body, /More than 100 leads match/);
  // three leads found by a contact's name prefix, one by a word inside its own name
  for (const [name, contact] of [[`${MARK} Kestrel One`, 'Kestrelzq Ana'], [`${MARK} Kestrel Two`, 'Kestrelzq Bo'],
    [`${MARK} Kestrel Three`, 'Kestrelzq Cy'], [`${MARK} Inside Kestrelzq Works`, 'Nobody Else']]) {
    sql(`INSERT INTO leads (pid, organization_id, name, status_id) VALUES (ll_id('lead_'), ${nw}, ${lit(name)}, ${st})`);
    const l = one(`SELECT id FROM leads WHERE organization_id = ${nw} AND name = ${lit(name)}`);
    sql(`INSERT INTO contacts (pid, organization_id, lead_id, name) VALUES (ll_id('cont_'), ${nw}, ${l}, ${lit(contact)})`);
  }
  const inside = one(`SELECT pid FROM leads WHERE organization_id = ${nw} AND name = ${lit(MARK + ' Inside Kestrelzq Works')}`);
  const some = await search(jar, 'Kestrelzq');
  assert.equal(some.links.length, 4, 'three by the contact prefix and one by the word');
  assert.ok(some.links.includes(inside), 'the word inside the name');
  assert.doesNotMatch(some.body, /More than 100 leads match/);
});

test('a query over 200 bytes is refused (400), an empty one lists the leads', async () => {
  const { jar } = await session('ada@northwind.test');
  const long = await get(`/leads?q=${'a'.repeat(201)}`, { jar });
  assert.equal(long.status, 400);
  const empty = await get('/leads?q=', { jar });
  assert.equal(empty.status, 200);
  assert.match(empty.body, /Next page|<tbody>/);
});

// The statement text of a DB_SQL (or DB_SQL_COLS) in lib/search.c, macros expanded.
function statement(name) {
  const src = readFileSync(`${ROOT}/lib/search.c`, 'utf8');
  const macros = {};
  for (const m of src.matchAll(/#define (\w+) \\\n((?:.*\\\n)*.*\n)/g)) {
    macros[m[1]] = [...m[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]).join('');
  }
  const m = src.match(new RegExp(`static struct db_sql ${name} = DB_SQL(?:_COLS)?\\(([\\s\\S]*?)\\);`));
  assert.ok(m, `${name} is in lib/search.c`);
  return [...m[1].matchAll(/"((?:[^"\\]|\\.)*)"|\b([A-Z_][A-Z0-9_]{3,})\b/g)].map((x) => x[1] ?? macros[x[2]] ?? '').join('');
}

function explain(name, values) {
  let i = 0;
  const q = statement(name).replace(/\?/g, () => values[i++]);
  assert.equal(i, values.length, `${name} takes ${i} parameters`);
  return sql(`EXPLAIN ${q}`).map((r) => ({ id: r[0], type: r[1], table: r[2], access: r[3], key: r[5], rows: r[8], extra: r[9] }));
}

function assertIndexed(plan, what) {
  for (const p of plan) {
    if (p.table === 'NULL' || /^<(derived|union)/.test(p.table)) continue;   // a union's own few rows
    assert.ok(!['ALL', 'index'].includes(p.access), `${what}: ${p.table} is scanned (${p.access}): ${JSON.stringify(plan)}`);
    assert.ok(p.key && p.key !== 'NULL', `${what}: ${p.table} without an index: ${JSON.stringify(p)}`);
  }
}

test('EXPLAIN: the search reads every part through an index (prefix ranges, the words, reversed phone digits, the infix)', () => {
  const org = String(nw);
  const prefixes = ["'UTC'", org, "'quasar%'", org, "'quasar%'", org, "'quasar%'", org, "'415%'", org, "'514%'"];
  for (const [name, words] of [['q_search1', []], ['q_search2', ["'hol%'"]], ['q_search4', ["'hol%'", "'ab%'", "'c%'"]]]) {
    const plan = explain(name, [...prefixes, ...words, org, "'quasar%'", org, "'#415%'", org]);
    assertIndexed(plan, name);
    const w = plan.filter((p) => /^w\d$/.test(p.table));
    assert.equal(w.length, words.length + 1, `${name}: a range and a probe a word: ${JSON.stringify(plan)}`);
    assert.deepEqual(w.map((p) => p.key), ['PRIMARY', ...words.map(() => 'by_lead')], `${name}: ${JSON.stringify(w)}`);
    assert.ok(plan.some((p) => p.table === 'search_words' && p.key === 'PRIMARY' && p.access === 'range'), `${name}: the infix range`);
  }
  const plan = explain('q_search2', [...prefixes, "'hol%'", org, "'quasar%'", org, "'#415%'", org]);
  const byTable = (t) => plan.filter((p) => p.table === t).map((p) => p.key);
  assert.ok(byTable('p').includes('phone_digits_rev'), 'the reversed phone digits');
  assert.ok(plan.some((p) => p.table === 'e' && p.access === 'range'), 'an email prefix range');
  assert.ok(plan.filter((p) => p.table === 'leads' && p.access === 'range').length >= 1, 'a lead name prefix range');
});

test('EXPLAIN: the prefix search alone (tried first) reads every part through an index', () => {
  const org = String(nw);
  const plan = explain('q_search_prefix', ["'UTC'", org, "'quasar%'", org, "'quasar%'", org, "'quasar%'", org, "'415%'",
    org, "'514%'", org]);
  assertIndexed(plan, 'prefix search');
  assert.ok(!plan.some((p) => /search_words|^w\d$/.test(p.table)), 'no words read');
  assert.ok(plan.some((p) => p.table === 'p' && p.key === 'phone_digits_rev'), 'the reversed phone digits');
});

test('EXPLAIN: a page of the list is an index range, also after a lead', () => {
  const org = String(nw);
  assertIndexed(explain('q_list', ["'UTC'", org, "''", "''", '0']), 'first page');
  assertIndexed(explain('q_list', ["'UTC'", org, "'Globex Corporation'", "'Globex Corporation'", '5']), 'after Globex');
});
