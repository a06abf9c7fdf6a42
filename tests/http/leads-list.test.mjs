// L8, A4 — /leads, the landing page: the leads of the session's organization
// only, in keyset pages ("Next page", ?after=lead_...); a bad ?after is a 400.
import { test, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql } from '../lib/client.mjs';
import {
  one, lit, session, orgId, leadPid, leadLinks, nextPageHref, allListedLeads, assertErrorPage, randomId,
} from '../lib/http-extra.mjs';

const orgLeads = (org) => sql(`SELECT pid FROM leads WHERE organization_id = ${orgId(org)}`).map((r) => r[0]);
const orgLeadNames = (org) => sql(`SELECT name FROM leads WHERE organization_id = ${orgId(org)}`).map((r) => r[0]);

const MARK = `zz-paging-${process.pid}-`;
afterAll(() => {
  sql(`DELETE FROM leads WHERE name LIKE ${lit(MARK + '%')}`);
});

test('ada lands on /leads and sees Northwind\'s leads, Globex among them, none of Bloom Dental\'s', async () => {
  const { jar } = await session('ada@northwind.test');
  const res = await get('/leads', { jar });
  assert.equal(res.status, 200);
  assert.match(res.body, /<title>[^<]*Leads/);
  assert.match(res.body, /Northwind Traders/, 'the organization is named');
  const listed = await allListedLeads(jar);
  const globex = leadPid('Globex Corporation');
  assert.ok(listed.includes(globex), 'Globex is listed');
  const mine = new Set(orgLeads('Northwind Traders'));
  for (const pid of listed) assert.ok(mine.has(pid), `${pid} is not Northwind's`);
  for (const pid of orgLeads('Bloom Dental')) assert.ok(!listed.includes(pid), `Bloom Dental's ${pid} is listed to ada`);
  assert.equal(new Set(listed).size, mine.size, 'every Northwind lead is listed');
});

test('the Globex row links to its lead page and shows its status', async () => {
  const { jar } = await session('ada@northwind.test');
  const globex = leadPid('Globex Corporation');
  const status = one(`SELECT s.label FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE l.pid = ${lit(globex)}`);
  let href = '/leads';
  let row = null;
  while (href && !row) {
    const res = await get(href, { jar });
    const m = res.body.match(new RegExp(`<tr>(?:(?!</tr>)[\\s\\S])*href="/lead/${globex}/"(?:(?!</tr>)[\\s\\S])*</tr>`));
    row = m && m[0];
    href = nextPageHref(res.body);
  }
  assert.ok(row, 'a row for Globex');
  assert.match(row, />Globex Corporation</);
  assert.ok(row.includes(`>${status}<`), `the status ${status} in the row`);
});

test('no Bloom Dental lead name appears anywhere in ada\'s list pages', async () => {
  const { jar } = await session('ada@northwind.test');
  const names = orgLeadNames('Bloom Dental');
  assert.ok(names.length > 0);
  let href = '/leads';
  while (href) {
    const res = await get(href, { jar });
    for (const n of names) assert.ok(!res.body.includes(`>${n}<`), `Bloom Dental's ${n} on ${href}`);
    href = nextPageHref(res.body);
  }
});

test('cora sees Bloom Dental\'s leads and none of Northwind\'s', async () => {
  const { jar } = await session('cora@bloomdental.test');
  const res = await get('/leads', { jar });
  assert.equal(res.status, 200);
  assert.match(res.body, /Bloom Dental/);
  assert.ok(!res.body.includes('Globex Corporation'), 'Globex is not listed to cora');
  const listed = await allListedLeads(jar);
  const mine = new Set(orgLeads('Bloom Dental'));
  assert.equal(new Set(listed).size, mine.size, 'every Bloom Dental lead is listed');
  for (const pid of listed) assert.ok(mine.has(pid), `${pid} is not Bloom Dental's`);
  for (const pid of orgLeads('Northwind Traders')) assert.ok(!listed.includes(pid), `Northwind's ${pid} listed to cora`);
});

test('keyset paging: "Next page" (?after=lead_...) shows the following leads, none repeated, none skipped', async () => {
  // enough leads for several pages, whatever the demo data holds
  const nw = orgId('Northwind Traders');
  const status = one(`SELECT id FROM lead_statuses WHERE organization_id = ${nw} ORDER BY position, id LIMIT 1`);
  sql(`INSERT INTO leads (pid, organization_id, name, status_id)
       SELECT ll_id('lead_'), ${nw}, CONCAT(${lit(MARK)}, LPAD(seq, 3, '0')), ${status} FROM seq_1_to_120`);
  // two with the same name: paging must not lose one of a tie
  sql(`INSERT INTO leads (pid, organization_id, name, status_id)
       SELECT ll_id('lead_'), ${nw}, ${lit(MARK + 'tie')}, ${status} FROM seq_1_to_3`);
  const { jar } = await session('ada@northwind.test');
  const first = await get('/leads', { jar });
  assert.equal(first.status, 200);
  const page1 = leadLinks(first.body);
  const href = nextPageHref(first.body);
  assert.ok(href, 'a "Next page" link');
  assert.match(href, /^\/leads\?after=lead_[0-9A-Za-z]{40}$/);
  assert.ok(page1.length > 0 && page1.length <= 100, `a page of a bounded size (${page1.length})`);
  const second = await get(href, { jar });
  assert.equal(second.status, 200);
  const page2 = leadLinks(second.body);
  assert.ok(page2.length > 0, 'the next page has leads');
  for (const pid of page2) assert.ok(!page1.includes(pid), `${pid} repeated on page 2`);
  const all = await allListedLeads(jar);
  assert.equal(all.length, new Set(all).size, 'no lead listed twice across pages');
  const expected = orgLeads('Northwind Traders');
  assert.equal(all.length, expected.length, 'every lead listed once');
  assert.deepEqual([...all].sort(), [...expected].sort());
  // the last page has no "Next page"
  let last = '/leads';
  let body = '';
  for (let i = 0; last && i < 100; i++) {
    body = (await get(last, { jar })).body;
    last = nextPageHref(body);
  }
  assert.equal(nextPageHref(body), null, 'the last page has no Next page link');
});

test('?after=garbage is a 400 with a clear message', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const after of ['garbage', 'lead_', 'lead_x', `${randomId('lead_')}x`, randomId('cont_'), '']) {
    const res = await get(`/leads?after=${encodeURIComponent(after)}`, { jar });
    if (after === '') {
      // an empty value is no id either
      assert.equal(res.status, 400, `after="" → ${res.status}`);
      continue;
    }
    assertErrorPage(res, 400, /after/i, `after=${after}`);
  }
});

test('?after= a lead of another organization does not reveal it (no Bloom Dental lead listed)', async () => {
  const { jar } = await session('ada@northwind.test');
  const bloom = one(`SELECT pid FROM leads WHERE organization_id = ${orgId('Bloom Dental')} ORDER BY name LIMIT 1`);
  const res = await get(`/leads?after=${bloom}`, { jar });
  // the same refusal as an unknown id: nothing tells that the lead exists
  const unknown = await get(`/leads?after=${randomId('lead_')}`, { jar });
  const msg = assertErrorPage(res, 400, /^The list cannot continue &quot;after&quot; that lead: it is not a lead of this organization\.$/);
  assert.equal(assertErrorPage(unknown, 400), msg);
  const bloomPids = orgLeads('Bloom Dental');
  for (const pid of leadLinks(res.body)) assert.ok(!bloomPids.includes(pid));
});
