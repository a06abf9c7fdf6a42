// Tenants (U3, A4: the same rule guards every page, fragment and
// file of a lead): a matrix generated from the programs' route tables
// (--routes, tests/lib/routes.mjs). Every route with an id in its path and
// every method it answers is requested by cora (Bloom Dental, admin) with ids
// of Northwind's leads, contacts, opportunities, tasks, activities, files,
// summaries and imports — and, where a route has two ids, with her own lead
// and Northwind's second id. Always a 404, the very page the same route
// answers for ids that name nothing (so another tenant's id cannot be told
// from an unknown one), and nothing changed: CHECKSUM TABLE of every data table and the file
// store are the same after the whole matrix. A route whose placeholder is of a
// kind this file does not know fails the test, so a new kind of id is added here
// when its route is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request, get, post, sql } from '../lib/client.mjs';
import { one, lit, session, randomId, orgId, leadPid } from '../lib/http-extra.mjs';
import { routes, fill, KINDS } from '../lib/routes.mjs';
import { apiKey, basic } from '../lib/api.mjs';
import { snapshot, dropImport } from '../lib/tables.mjs';
import { upload as importUpload, importPid, CSV } from '../lib/import.mjs';


let cora;
let nw;            // Northwind: { org, lead, ids: { kind: pid } }
let coraLead;
let coraStatus;
let madeImport;
let madeSummary;

// A Northwind row of the kind, of the chosen lead when the table has lead_id.
function northwindId(kind, org, leadId) {
  const { table, type } = KINDS[kind];
  const typed = type ? ` AND type = ${lit(type)}` : '';
  if (kind === 'lead') return one(`SELECT pid FROM leads WHERE id = ${leadId}`);
  const byLead = table === 'imports' ? undefined
    : one(`SELECT pid FROM ${table} WHERE organization_id = ${org} AND lead_id = ${leadId}${typed} ORDER BY id LIMIT 1`);
  return byLead ?? one(`SELECT pid FROM ${table} WHERE organization_id = ${org}${typed} ORDER BY id LIMIT 1`);
}

before(async () => {
  cora = await session('cora@bloomdental.test');
  const org = orgId('Northwind Traders');
  // the Northwind lead with a file (the demo's files hang on few leads)
  const leadId = one(`SELECT lead_id FROM files WHERE organization_id = ${org} ORDER BY id LIMIT 1`)
    ?? one(`SELECT id FROM leads WHERE pid = ${lit(leadPid('Globex Corporation'))}`);
  // an import and a summary of Northwind, made by ada as a user would
  const ada = await session('ada@northwind.test');
  const up = await importUpload(ada.jar, ada.csrf, 'tenant-matrix.csv', CSV('b2b-group.csv'));
  assert.equal(up.status, 303, `ada's import upload: ${up.status}`);
  madeImport = importPid(up);
  const lead = one(`SELECT pid FROM leads WHERE id = ${leadId}`);
  const before0 = one(`SELECT MAX(id) FROM summaries`);
  const sum = await post(`/lead/${lead}/summary`, { csrf: ada.csrf }, { jar: ada.jar });
  if (sum.status === 303) madeSummary = one(`SELECT pid FROM summaries WHERE id > ${before0 ?? 0} ORDER BY id LIMIT 1`);
  nw = { org, leadId, ids: {} };
  for (const kind of Object.keys(KINDS)) nw.ids[kind] = northwindId(kind, org, leadId);
  coraLead = one(`SELECT pid FROM leads WHERE organization_id = ${orgId('Bloom Dental')} ORDER BY id LIMIT 1`);
  assert.ok(coraLead, 'cora has a lead');
  coraStatus = one(`SELECT pid FROM lead_statuses WHERE organization_id = ${orgId('Bloom Dental')} ORDER BY id LIMIT 1`);
});

after(() => {
  if (madeImport) dropImport(madeImport);
  if (madeSummary) sql(`DELETE FROM summary_ratings WHERE summary_id IN (SELECT id FROM summaries WHERE pid = ${lit(madeSummary)});
    DELETE FROM summaries WHERE pid = ${lit(madeSummary)};`);
});

// A form a real client of the route would send: cora's own valid csrf token
// (so a refusal is not the CSRF check's 403) and fields the forms use, each
// well-formed (an id-typed one, status, is her own organization's).
function formBody() {
  return {
    csrf: cora.csrf, text: 'tenant matrix', name: 'Tenant Matrix', note: 'x', title: 'x', subject: 'x',
    body_text: 'x', direction: 'outgoing', description: 'x', url: '', email: 'x@example.test', phone: '+15551234567',
    value: '1', value_currency: 'USD', confidence: '50', rating: 'up', status: coraStatus,
  };
}

function multipartBody() {
  const b = `----llmatrix${randomBytes(6).toString('hex')}`;
  const body = `--${b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${cora.csrf}\r\n` +
    `--${b}\r\nContent-Disposition: form-data; name="file"; filename="m.txt"\r\nContent-Type: text/plain\r\n\r\nmatrix\r\n--${b}--\r\n`;
  return { body: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

// The API's routes with cora's API key (the API reads no cookie), a JSON
// body of fields its resources take.
let coraKey;
function send(route, method, path) {
  if (route.flags.has('api')) {
    coraKey ??= apiKey('cora@bloomdental.test').trim();
    const headers = { authorization: basic(coraKey) };
    if (method !== 'POST' && method !== 'PUT') return request(method, path, { headers });
    return request(method, path, {
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Tenant Matrix', note: 'x', text: 'x', status_id: coraStatus }),
    });
  }
  if (method !== 'POST') return request(method, path, { jar: cora.jar });
  if (route.flags.has('upload')) return request('POST', path, { jar: cora.jar, ...multipartBody() });
  return post(path, formBody(), { jar: cora.jar });
}

test('every placeholder of every route is of a kind this matrix knows', () => {
  const unknown = routes().filter((r) => r.holes.some((k) => !(k in KINDS)));
  assert.deepEqual(unknown.map((r) => `${r.program}: ${r.pattern} (${r.holes.join(', ')})`), [],
    'add the kind of id to KINDS in tests/lib/routes.mjs');
});

test('every route and method, cora with Northwind ids: the same 404 page, nothing changed', { timeout: 300000 }, async (t) => {
  const all = routes().filter((r) => r.holes.length > 0 && r.holes.every((k) => k in KINDS));
  assert.ok(all.length >= 20, `routes with ids: ${all.length}`);
  for (const kind of new Set(all.flatMap((r) => r.holes))) {
    assert.ok(nw.ids[kind], `a Northwind ${kind} to ask for (${KINDS[kind].table})`);
    assert.ok(nw.ids[kind].startsWith(KINDS[kind].prefix), `${kind} id ${nw.ids[kind]}`);
  }
  const before0 = snapshot();
  let n = 0;
  const seen = new Set();
  for (const route of all) {
    // [Northwind's ids, the same with ids that name nothing]
    const variants = [[route.holes.map((k) => nw.ids[k]), route.holes.map((k) => randomId(KINDS[k].prefix))]];
    // her own lead, then Northwind's id below it
    if (route.holes.length > 1 && route.holes[0] === 'lead') {
      const rest = route.holes.slice(1);
      variants.push([[coraLead, ...rest.map((k) => nw.ids[k])], [coraLead, ...rest.map((k) => randomId(KINDS[k].prefix))]]);
    }
    for (const [ids, unknownIds] of variants) {
      const path = fill(route.pattern, ids);
      for (const method of route.methods) {
        const ref = await send(route, method, fill(route.pattern, unknownIds));
        assert.equal(ref.status, 404, `${method} ${route.pattern} with unknown ids: ${ref.status}`);
        const res = await send(route, method, path);
        n++;
        seen.add(route.pattern);
        const what = `${method} ${path} (${route.program}: ${route.pattern})`;
        assert.equal(res.status, 404, `${what}: ${res.status} ${res.body.slice(0, 200)}`);
        if (method === 'HEAD') continue;
        assert.equal(res.body, ref.body, `${what}: the same 404 page as for unknown ids`);
        assert.equal(res.headers['content-type'], ref.headers['content-type'], `${what}: content type`);
        assert.equal(res.headers.location, undefined, `${what}: no redirect`);
      }
    }
  }
  assert.deepEqual(snapshot(), before0, 'no data table and no stored file changed');
  t.diagnostic(`${n} requests over ${seen.size} routes of ${new Set(all.map((r) => r.program)).size} programs`);
});

test('the matrix is not vacuous: ada, in Northwind, gets the same lead, task and file pages', async () => {
  const ada = await session('ada@northwind.test');
  assert.equal((await get(`/lead/${nw.ids.lead}/`, { jar: ada.jar })).status, 200);
  assert.equal((await get(`/lead/${nw.ids.lead}/files`, { jar: ada.jar })).status, 200);
  assert.match(String((await get(`/activity/${nw.ids.activity}`, { jar: ada.jar })).status), /^30[23]$/);
  assert.equal((await request('HEAD', `/file/${nw.ids.file}`, { jar: ada.jar })).status, 200);
  assert.equal((await get(`/import/${nw.ids.import}/`, { jar: ada.jar })).status, 200);
});
