// L9 — importing the CSV corpus of tests/csv/ through /import as ada
// (Northwind, b2b) and cora (Bloom Dental, b2c): quoting, doubled quotes,
// embedded newlines, a BOM, CRLF, blank lines, a semicolon file; b2b rows of
// one company become one lead and an existing company receives the contacts
// (merged); every skip reason with its line number; a re-import merges
// instead of duplicating; b2c makes one lead per row.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { session, orgId, lit, one } from '../lib/http-extra.mjs';
import { importFile, cleanupZz, dropUnfinishedImports, sql, CSV } from '../lib/import.mjs';

const nw = () => orgId('Northwind Traders');
after(() => { cleanupZz(); dropUnfinishedImports(); });

const leadOf = (name, org = nw()) => sql(`SELECT id, name, COALESCE(url, ''), COALESCE(description, '') FROM leads
  WHERE organization_id = ${org} AND name = ${lit(name)}`).filter((r) => r[1] === name);
const contactsOf = (leadId) => sql(`SELECT c.name, COALESCE(c.title, ''),
  COALESCE((SELECT GROUP_CONCAT(e.email ORDER BY e.position) FROM contact_emails e WHERE e.contact_id = c.id), ''),
  COALESCE((SELECT GROUP_CONCAT(p.phone_digits ORDER BY p.position) FROM contact_phones p WHERE p.contact_id = c.id), '')
  FROM contacts c WHERE c.lead_id = ${leadId} ORDER BY c.id`);

test('quoting, doubled quotes, an embedded newline, a BOM, LF and blank lines', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const { report } = await importFile(jar, csrf, 'quoting-bom-lf.csv');
  assert.ok(report.finished, 'the import finished');
  assert.equal(report.rowsDone, '3 of 3', 'blank lines are not rows');
  assert.equal(report.leadsCreated, 3);
  assert.equal(report.contactsCreated, 3);
  assert.equal(report.rowsSkipped, 0, JSON.stringify(report.skips));
  const q = leadOf('Zz Quote "Best" Corp');
  assert.equal(q.length, 1, 'doubled quotes become one quote, and the BOM is not part of the first header');
  assert.equal(q[0][3], 'First line\\nsecond line, with a comma', 'the description keeps its newline and comma');
  assert.deepEqual(contactsOf(q[0][0]), [['Zz Ann Quote', '', 'ann@quote.example', '']]);
  assert.equal(leadOf('Zz Comma, Inc.').length, 1, 'a quoted comma stays in the field');
  assert.equal(leadOf('Zz Trailing Corp').length, 1, 'surrounding spaces are trimmed');
  assert.deepEqual(contactsOf(leadOf('Zz Trailing Corp')[0][0])[0][0], 'Zz Cy Space');
});

test('CRLF line ends; a contact name with a newline is refused with its line number', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const { report } = await importFile(jar, csrf, 'crlf.csv');
  assert.equal(report.leadsCreated, 2);
  assert.deepEqual(report.skips.map((s) => s.line), [3], 'the record of lines 3-4 is skipped');
  assert.match(report.skips[0].reason, /one line/);
  assert.deepEqual(contactsOf(leadOf('Zz Crlf One')[0][0]), [['Zz Dee Crlf', '', '', '15552010001']]);
  assert.deepEqual(contactsOf(leadOf('Zz Crlf Three')[0][0]), [['Zz Fay Crlf', '', '', '5552010003']],
    'line 6 is read after the blank line 5');
});

test('b2b: rows of one company (any case, any spaces) are one lead; an existing company receives the contacts', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const globex = one(`SELECT id FROM leads WHERE organization_id = ${nw()} AND name = 'Globex Corporation'`);
  const before = Number(one(`SELECT COUNT(*) FROM contacts WHERE lead_id = ${globex}`));
  const { report } = await importFile(jar, csrf, 'b2b-group.csv');
  assert.equal(report.rowsSkipped, 0, JSON.stringify(report.skips));
  assert.equal(report.leadsCreated, 2, 'Zz Group Co and Zz Solo Co');
  assert.equal(report.leadsMerged, 1, 'Globex Corporation');
  assert.equal(report.contactsCreated, 4, 'Gil, Hal, Ivy and Jan; the repeated Gil is the same contact');
  const group = sql(`SELECT id, name, status_id FROM leads WHERE organization_id = ${nw()} AND name = 'Zz Group Co'`);
  assert.equal(group.length, 1, 'one lead for the three spellings');
  assert.deepEqual(contactsOf(group[0][0]).map((c) => c[0]), ['Zz Gil One', 'Zz Hal Two', 'Zz Ivy Three']);
  assert.equal(one(`SELECT label FROM lead_statuses WHERE id = ${group[0][2]}`), 'Qualified', 'the status of its first row');
  assert.deepEqual(contactsOf(group[0][0])[0], ['Zz Gil One', 'CEO', 'gil@group.example', '5553010001']);
  assert.equal(Number(one(`SELECT COUNT(*) FROM contacts WHERE lead_id = ${globex}`)), before + 1);
  const solo = leadOf('Zz Solo Co');
  assert.equal(contactsOf(solo[0][0]).length, 0, 'a row with a company only makes a lead without contacts');
  assert.equal(one(`SELECT label FROM lead_statuses s JOIN leads l ON l.status_id = s.id WHERE l.id = ${solo[0][0]}`),
    one(`SELECT label FROM lead_statuses WHERE organization_id = ${nw()} ORDER BY position, id LIMIT 1`),
    'without a status the organization\'s first');

  // the same file again: everything merges, nothing is duplicated
  const again = await importFile(jar, csrf, 'b2b-group.csv');
  assert.equal(again.report.leadsCreated, 0);
  assert.equal(again.report.contactsCreated, 0);
  assert.equal(again.report.leadsMerged, 3, 'Zz Group Co, Globex, Zz Solo Co');
  assert.equal(sql(`SELECT id FROM leads WHERE organization_id = ${nw()} AND name = 'Zz Group Co'`).length, 1);
  assert.equal(contactsOf(group[0][0]).length, 3);
  assert.equal(Number(one(`SELECT COUNT(*) FROM contacts WHERE lead_id = ${globex}`)), before + 1);
});

test('every skip reason with its line number; the good rows around them are imported', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const { report } = await importFile(jar, csrf, 'skips.csv');
  assert.equal(report.leadsCreated, 2, 'the two good rows');
  assert.equal(report.rowsSkipped, 7);
  const byLine = Object.fromEntries(report.skips.map((s) => [s.line, s.reason]));
  assert.deepEqual(Object.keys(byLine).map(Number), [3, 4, 6, 7, 8, 10, 11]);
  assert.match(byLine[3], /No company/);
  assert.match(byLine[4], /email.*must be an email address/i);
  assert.match(byLine[6], /no lead status "No Such Status"/i);
  assert.match(byLine[7], /not valid UTF-8/);
  assert.match(byLine[8], /one line/);
  assert.match(byLine[10], /255/);
  assert.match(byLine[11], /URL/);
  const good = leadOf('Zz Skip Good Two');
  assert.equal(good[0][2], 'https://zzgood.example');
  assert.equal(one(`SELECT s.label FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE l.id = ${good[0][0]}`), 'Customer');
  assert.equal(sql(`SELECT id FROM leads WHERE name LIKE 'Zz Skip%' AND name NOT LIKE 'Zz Skip Good%'`).length, 0,
    'no skipped row left a lead');
});

test('a semicolon-separated file is read by its delimiter', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const { report } = await importFile(jar, csrf, 'semicolon.csv', { targets: ['lead_name', 'contact_name', 'email'] });
  assert.equal(report.leadsCreated, 1);
  assert.deepEqual(contactsOf(leadOf('Zz Semi GmbH')[0][0]), [['Zz Uwe Semi', '', 'uwe@semi.example', '']]);
});

test('b2c (Bloom Dental): each row a lead with its one contact; the same person again merges', async () => {
  const { jar, csrf } = await session('cora@bloomdental.test');
  const bd = orgId('Bloom Dental');
  const { report, html } = await importFile(jar, csrf, 'b2c.csv');
  assert.match(html, /Import finished/);
  assert.equal(report.rowsSkipped, 0, JSON.stringify(report.skips));
  assert.equal(report.leadsCreated, 3, 'Alpha, Beta, and the other Alpha (another email)');
  assert.equal(report.contactsCreated, 3);
  const alphas = sql(`SELECT id FROM leads WHERE organization_id = ${bd} AND name = 'Zz Patient Alpha' ORDER BY id`);
  assert.equal(alphas.length, 2);
  for (const [id] of alphas) {
    const cs = contactsOf(id);
    assert.equal(cs.length, 1, 'one contact per lead');
    assert.equal(cs[0][0], 'Zz Patient Alpha', 'of the same name');
  }
  assert.equal(one(`SELECT v.value FROM lead_custom_values v JOIN custom_fields f ON f.id = v.field_id
    WHERE v.lead_id = ${alphas[0][0]} AND f.name = 'Insurance Provider'`), 'Cigna', 'a custom field by its name');
  const again = await importFile(jar, csrf, 'b2c.csv');
  assert.equal(again.report.leadsCreated, 0);
  assert.equal(again.report.leadsMerged, 3);
  assert.equal(sql(`SELECT id FROM leads WHERE organization_id = ${bd} AND name LIKE 'Zz Patient%'`).length, 3);
  assert.equal(sql(`SELECT id FROM leads WHERE organization_id = ${nw()} AND name LIKE 'Zz Patient%'`).length, 0,
    'nothing landed in Northwind');
});

test('the corpus holds what the cases need', () => {
  assert.ok(CSV('quoting-bom-lf.csv').subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'a BOM');
  assert.ok(CSV('crlf.csv').includes('\r\n'), 'CRLF');
  assert.ok(!CSV('quoting-bom-lf.csv').includes('\r'), 'LF only');
  assert.ok(CSV('skips.csv').includes(Buffer.from([0xff])), 'an invalid UTF-8 byte');
});
