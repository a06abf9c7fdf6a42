// L9 — custom fields of type "user" and "datetime" in a CSV import
// (tests/csv/user-datetime.csv, as ada of Northwind, America/New_York): a
// user column names an active member of the organization by email address or
// full name, any case; a datetime is taken in the importing user's time zone
// and stored in UTC ('YYYY-MM-DD HH:MM:SS'), as the lead page reads it. Every
// other value skips its row with the reason and line number; another
// organization's user (cora) and a deactivated member (dan) are no users here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { session, orgId, lit, one } from '../lib/http-extra.mjs';
import { importFile, upload, importPid, mappingOf, cleanupZz, dropUnfinishedImports, sql, get, CSV } from '../lib/import.mjs';
import { request } from '../lib/client.mjs';

const nw = () => orgId('Northwind Traders');
after(() => { cleanupZz(); dropUnfinishedImports(); });

const leadId = (name) => one(`SELECT id FROM leads WHERE organization_id = ${nw()} AND name = ${lit(name)}`);
const valueOf = (lead, field) => sql(`SELECT COALESCE(v.value, 'NULL'), COALESCE(v.value_user, 'NULL')
  FROM lead_custom_values v JOIN custom_fields f ON f.id = v.field_id
  WHERE v.lead_id = ${lead} AND f.organization_id = ${nw()} AND f.name = ${lit(field)}`);
const userId = (email) => one(`SELECT id FROM users WHERE email = ${lit(email)}`);

test('the mapping offers user and datetime fields and matches them by header', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const up = await upload(jar, csrf, 'user-datetime.csv', CSV('user-datetime.csv'));
  assert.equal(up.status, 303);
  const page = await get(`/import/${importPid(up)}/`, { jar });
  assert.equal(page.status, 200);
  const map = mappingOf(page.body);
  const cfPid = (name) => one(`SELECT pid FROM custom_fields WHERE organization_id = ${nw()} AND name = ${lit(name)}`);
  assert.equal(map[2].target, cfPid('Account Manager'), 'the user field by its name');
  assert.equal(map[3].target, cfPid('Next Business Review'), 'the datetime field by its name');
  assert.ok(map[0].options.includes(cfPid('Account Manager')) && map[0].options.includes(cfPid('Next Business Review')),
    'both are choices of any column');
  const stop = await request('POST', `/import/${importPid(up)}/stop`, { jar, body: { csrf } });
  assert.equal(stop.status, 303, 'the import is not run');
});

test('a user by email or full name, a datetime in the importer\'s zone stored in UTC; the rest skipped with line and reason', async () => {
  const { jar, csrf } = await session('ada@northwind.test');
  const { report } = await importFile(jar, csrf, 'user-datetime.csv');
  assert.ok(report.finished, 'the import finished');
  assert.equal(report.leadsCreated, 4, 'Email, Name, Empty, Winter');
  assert.equal(report.rowsSkipped, 5, JSON.stringify(report.skips));
  const byLine = Object.fromEntries(report.skips.map((s) => [s.line, s.reason]));
  assert.deepEqual(Object.keys(byLine).map(Number), [5, 6, 7, 8, 9]);
  assert.equal(byLine[5], 'There is no active user "Nobody Atall" in this organization (column "Account Manager").');
  assert.equal(byLine[6], 'There is no active user "cora@bloomdental.test" in this organization (column "Account Manager").',
    'a user of another organization is not accepted');
  assert.equal(byLine[7], 'There is no active user "dan@northwind.test" in this organization (column "Account Manager").',
    'a deactivated member is not accepted');
  assert.equal(byLine[8], 'The value in column "Next Business Review" must be a date and time like 2026-12-31 14:30.',
    'February 30th');
  assert.equal(byLine[9], 'The value in column "Next Business Review" must be a date and time like 2026-12-31 14:30.',
    'hour 25');

  // users: value_user holds the user's internal id, value stays NULL
  assert.deepEqual(valueOf(leadId('Zz Field Email Co'), 'Account Manager'), [['NULL', userId('ben@northwind.test')]],
    'by email, any case');
  assert.deepEqual(valueOf(leadId('Zz Field Name Co'), 'Account Manager'), [['NULL', userId('ada@northwind.test')]],
    'by full name, any case, spaces trimmed');
  assert.deepEqual(valueOf(leadId('Zz Field Winter Co'), 'Account Manager'), [['NULL', userId('ben@northwind.test')]]);
  // datetimes: ada is America/New_York, EDT (UTC-4) from March 8, 2026, EST (UTC-5) before
  assert.deepEqual(valueOf(leadId('Zz Field Email Co'), 'Next Business Review'), [['2026-03-10 13:30:00', 'NULL']], 'EDT');
  assert.deepEqual(valueOf(leadId('Zz Field Name Co'), 'Next Business Review'), [['2026-07-01 18:00:05', 'NULL']],
    'seconds kept, a T separator accepted');
  assert.deepEqual(valueOf(leadId('Zz Field Winter Co'), 'Next Business Review'), [['2026-01-15 13:00:00', 'NULL']], 'EST');
  // empty cells make no value
  assert.deepEqual(valueOf(leadId('Zz Field Empty Co'), 'Account Manager'), []);
  assert.deepEqual(valueOf(leadId('Zz Field Empty Co'), 'Next Business Review'), []);
  assert.equal(sql(`SELECT id FROM leads WHERE name IN ('Zz Field Nobody Co', 'Zz Field Cora Co', 'Zz Field Dan Co',
    'Zz Field Bad Date Co', 'Zz Field Bad Hour Co')`).length, 0, 'no skipped row left a lead');

  // the lead page reads them back in ada's zone
  const lp = one(`SELECT pid FROM leads WHERE id = ${leadId('Zz Field Email Co')}`);
  const page = await get(`/lead/${lp}/`, { jar });
  assert.equal(page.status, 200);
  assert.match(page.body, /Mar 10, 2026 +9:30 AM/, 'the local time again');
  assert.match(page.body, /Ben Okafor/);
});

test('Bloom Dental: a Northwind user is no user there', async () => {
  // Bloom Dental has no user field: make one for this test, and remove it after
  const bd = orgId('Bloom Dental');
  sql(`INSERT INTO custom_fields (pid, organization_id, name, type, position)
    VALUES (CONCAT('cf_zz', REPLACE(UUID(), '-', '')), ${bd}, 'Zz Hygienist', 'user', 99)`);
  try {
    const { jar, csrf } = await session('cora@bloomdental.test');
    const data = Buffer.from('Name,Email,Zz Hygienist\nZz Patient Ua,ua@patient.example,ada@northwind.test\n'
      + 'Zz Patient Ub,ub@patient.example,Cora Lindqvist\n');
    const { report } = await importFile(jar, csrf, 'hygienist.csv', { data });
    assert.equal(report.leadsCreated, 1);
    assert.deepEqual(report.skips, [{ line: 2,
      reason: 'There is no active user "ada@northwind.test" in this organization (column "Zz Hygienist").' }]);
    const lead = one(`SELECT id FROM leads WHERE organization_id = ${bd} AND name = 'Zz Patient Ub'`);
    assert.equal(one(`SELECT value_user FROM lead_custom_values WHERE lead_id = ${lead}`), userId('cora@bloomdental.test'));
  } finally {
    sql(`DELETE v FROM lead_custom_values v JOIN custom_fields f ON f.id = v.field_id WHERE f.name = 'Zz Hygienist'`);
    sql(`UPDATE import_columns c JOIN custom_fields f ON f.id = c.field_id SET c.field_id = NULL
      WHERE f.name = 'Zz Hygienist'`);
    sql(`DELETE FROM custom_fields WHERE name = 'Zz Hygienist'`);
  }
});
