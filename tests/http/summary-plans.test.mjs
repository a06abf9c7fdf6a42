// S1 — lead summaries for the growth, scale, professional and enterprise plans
// only: Bloom Dental's plan is set to each of the seven plans in turn and
// every summary route is asked by its admin (cora). On the four plans each
// route does its work (200 for a page, 303 for a POST, the CSV); on free,
// essentials and basic each answers 403 with the plan's explanation and
// nothing is stored. The plan is put back afterwards.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, login, csrfOf, sql } from '../lib/client.mjs';
import { lit, one, randomId, assertErrorPage } from '../lib/http-extra.mjs';

const PLANS = ['free', 'essentials', 'growth', 'scale', 'basic', 'professional', 'enterprise'];
const WITH = new Set(['growth', 'scale', 'professional', 'enterprise']);
const LACKS = /Lead summaries are available on the Growth and Scale plans.*does not include them/;

const ORG = one(`SELECT id FROM organizations WHERE name = 'Bloom Dental'`);
const PLAN = one(`SELECT plan FROM organizations WHERE id = ${ORG}`);
const LEAD = sql(`SELECT pid, id FROM leads WHERE organization_id = ${ORG}
  AND EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = leads.id AND a.deleted_at IS NULL) ORDER BY id LIMIT 1`)[0];
const startId = Number(one('SELECT COALESCE(MAX(id), 0) FROM summaries'));
const stored = () => Number(one(`SELECT COUNT(*) FROM summaries WHERE organization_id = ${ORG} AND id > ${startId}`));

after(() => {
  sql(`UPDATE organizations SET plan = ${lit(PLAN)} WHERE id = ${ORG}`);
  sql(`DELETE r FROM summary_ratings r JOIN summaries s ON s.id = r.summary_id WHERE s.organization_id = ${ORG} AND s.id > ${startId}`);
  sql(`DELETE FROM summaries WHERE organization_id = ${ORG} AND id > ${startId}`);
});

test('S1: the fixture — the table holds exactly the seven plans, Bloom Dental has a lead with activities', () => {
  const type = one(`SELECT COLUMN_TYPE FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'organizations' AND COLUMN_NAME = 'plan'`);
  assert.equal(type, `enum(${PLANS.map((p) => `'${p}'`).join(',')})`);
  assert.ok(LEAD, 'a Bloom Dental lead with activities');
  assert.equal(one(`SELECT role FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE u.email = 'cora@bloomdental.test' AND m.organization_id = ${ORG}`), 'admin');
});

for (const plan of PLANS) {
  test(`S1: plan ${plan}: every summary route ${WITH.has(plan) ? 'works' : 'answers 403 with the explanation'}`, async () => {
    sql(`UPDATE organizations SET plan = ${lit(plan)} WHERE id = ${ORG}`);
    const jar = await login('cora@bloomdental.test');
    const [pid, id] = LEAD;
    const csrf = csrfOf((await get(`/lead/${pid}/`, { jar })).body);
    assert.ok(csrf, 'the lead page has a CSRF token');
    const before = stored();
    if (WITH.has(plan)) {
      assert.equal((await get(`/lead/${pid}/summary`, { jar })).status, 200, 'GET summary');
      assert.equal((await get(`/lead/${pid}/summary/panel`, { jar })).status, 200, 'GET panel');
      const gen = await post(`/lead/${pid}/summary`, { csrf }, { jar });
      assert.equal(gen.status, 303, `POST summary: ${gen.body}`);
      assert.equal(stored(), before + 1);
      const summ = one(`SELECT pid FROM summaries WHERE lead_id = ${id} AND id > ${startId} ORDER BY id DESC LIMIT 1`);
      const rate = await post(`/lead/${pid}/summary/rate`, { csrf, summary: summ, rating: 'down', feedback: plan }, { jar });
      assert.equal(rate.status, 303, `POST rate: ${rate.body}`);
      const page = await get('/summaries/ratings', { jar });
      assert.equal(page.status, 200, 'GET ratings');
      assert.ok(page.body.includes(summ));
      const csv = await get('/summaries/ratings.csv', { jar });
      assert.equal(csv.status, 200, 'GET ratings.csv');
      assert.ok(csv.body.includes(summ));
      const del = await post(`/lead/${pid}/summary/delete`, { csrf, summary: summ }, { jar });
      assert.equal(del.status, 303, `POST delete: ${del.body}`);
      assert.equal(one(`SELECT deleted_at IS NOT NULL FROM summaries WHERE pid = ${lit(summ)}`), '1');
    } else {
      const page = await get(`/lead/${pid}/summary`, { jar });
      assert.equal(page.status, 403, 'GET summary');
      assert.match(page.body, LACKS);
      assert.equal((await get(`/lead/${pid}/summary/panel`, { jar })).status, 403, 'GET panel');
      assertErrorPage(await post(`/lead/${pid}/summary`, { csrf }, { jar }), 403, LACKS, 'POST summary');
      const any = one(`SELECT pid FROM summaries WHERE organization_id = ${ORG} ORDER BY id DESC LIMIT 1`) ?? randomId('summ_');
      assertErrorPage(await post(`/lead/${pid}/summary/rate`, { csrf, summary: any, rating: 'up' }, { jar }), 403, LACKS, 'POST rate');
      assertErrorPage(await post(`/lead/${pid}/summary/delete`, { csrf, summary: any }, { jar }), 403, LACKS, 'POST delete');
      assertErrorPage(await get('/summaries/ratings', { jar }), 403, LACKS, 'GET ratings');
      assertErrorPage(await get('/summaries/ratings.csv', { jar }), 403, LACKS, 'GET ratings.csv');
      assert.equal(stored(), before, 'nothing stored');
    }
  });
}
