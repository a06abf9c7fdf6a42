// L1, A3, A4 — /lead/<id>/: the lead of one's organization is shown; an
// unknown id, a malformed id and another organization's lead are the same 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, request } from '../lib/client.mjs';
import { one, lit, session, orgId, leadPid, randomId, assertErrorPage } from '../lib/http-extra.mjs';

const statusOf = (pid) => one(`SELECT s.label FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE l.pid = ${lit(pid)}`);
const firstLeadOf = (org) => one(`SELECT pid FROM leads WHERE organization_id = ${orgId(org)} ORDER BY id LIMIT 1`);

test('Globex is 200 for ada and shows its name and status', async () => {
  const { jar } = await session('ada@northwind.test');
  const globex = leadPid('Globex Corporation');
  const res = await get(`/lead/${globex}/`, { jar });
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^text\/html; charset=utf-8/i);
  assert.match(res.body, /<h1>Globex Corporation<\/h1>/);
  assert.match(res.body, /<title>Globex Corporation/);
  const status = statusOf(globex);
  assert.ok(status);
  assert.match(res.body, new RegExp(`class="status">${status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`), `status ${status}`);
});

test('the lead page is also served to HEAD, without a body', async () => {
  const { jar } = await session('ada@northwind.test');
  const globex = leadPid('Globex Corporation');
  const res = await request('HEAD', `/lead/${globex}/`, { jar });
  assert.equal(res.status, 200);
  assert.equal(res.body, '');
});

// The 404 answers of one session for several ids, compared whole.
async function notFoundBodies(jar, ids) {
  const bodies = [];
  for (const id of ids) {
    const res = await get(`/lead/${id}/`, { jar });
    assertErrorPage(res, 404, /no such/i, `/lead/${id}/`);
    assert.ok(!res.body.includes(id), `the 404 for ${id} does not echo the id`);
    bodies.push(res.body);
  }
  for (let i = 1; i < bodies.length; i++) assert.equal(bodies[i], bodies[0], `the 404 for ${ids[i]} differs from ${ids[0]}'s`);
  return bodies[0];
}

test('for ada: an unknown id, a malformed id and a Bloom Dental lead are the same 404', async () => {
  const { jar } = await session('ada@northwind.test');
  const bloom = firstLeadOf('Bloom Dental');
  const body = await notFoundBodies(jar, [randomId('lead_'), 'lead_abc', 'nope', randomId('cont_'), bloom]);
  const name = one(`SELECT name FROM leads WHERE pid = ${lit(bloom)}`);
  assert.ok(!body.includes(name), 'the other organization\'s lead name does not leak');
});

test('for cora: Globex (Northwind\'s) is the same 404 as an unknown id; her own lead is 200', async () => {
  const { jar } = await session('cora@bloomdental.test');
  await notFoundBodies(jar, [randomId('lead_'), 'lead_' + 'x'.repeat(39), leadPid('Globex Corporation')]);
  const own = firstLeadOf('Bloom Dental');
  const res = await get(`/lead/${own}/`, { jar });
  assert.equal(res.status, 200);
  const name = one(`SELECT name FROM leads WHERE pid = ${lit(own)}`);
  assert.ok(res.body.includes(name.replace(/&/g, '&amp;')), `her lead ${name} is shown`);
});

test('ben, a plain user of Northwind, opens Globex too', async () => {
  const { jar } = await session('ben@northwind.test');
  const res = await get(`/lead/${leadPid('Globex Corporation')}/`, { jar });
  assert.equal(res.status, 200);
  assert.match(res.body, /Globex Corporation/);
});

test('an id with different case or padding is not the lead (ids are exact)', async () => {
  const { jar } = await session('ada@northwind.test');
  const globex = leadPid('Globex Corporation');
  const flipped = globex.slice(0, 5) + [...globex.slice(5)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  const variants = [`${globex}%20`, `%20${globex}`, `${globex}%00`];
  if (flipped !== globex) variants.push(flipped);
  for (const v of variants) {
    const res = await get(`/lead/${v}/`, { jar });
    assert.ok([400, 404].includes(res.status), `/lead/${v}/ → ${res.status}`);
  }
});

test('paths around the lead page: no trailing slash, an extra segment → 404 (or a redirect to the lead), never 5xx', async () => {
  const { jar } = await session('ada@northwind.test');
  const globex = leadPid('Globex Corporation');
  for (const p of [`/lead/${globex}/nope`, '/lead/', '/lead//']) {
    const res = await get(p, { jar });
    assert.equal(res.status, 404, `${p} → ${res.status}`);
  }
  const bare = await get(`/lead/${globex}`, { jar });
  assert.ok(bare.status === 404 || (bare.status >= 301 && bare.status <= 308 && bare.headers.location === `/lead/${globex}/`),
    `/lead/<id> → ${bare.status} ${bare.headers.location}`);
});
