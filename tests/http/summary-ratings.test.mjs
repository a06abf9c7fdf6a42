// S7, S1 — ratings of a summary: one thumbs up or down per user and
// summary, changeable; written feedback only with a thumbs down; a user who
// rated a summary down can delete it (nobody else); admins list the ratings and
// feedback and export them as CSV (RFC 4180, every cell quoted, formula-safe), other users
// get 403; every POST is CSRF-checked; Bloom Dental (essentials) gets 403 on
// every summary endpoint. Offline backend.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, login, csrfOf, sql } from '../lib/client.mjs';
import { lit, one, randomId, assertErrorPage } from '../lib/http-extra.mjs';

const ORG = one(`SELECT id FROM organizations WHERE name = 'Northwind Traders'`);
const STATUS = one(`SELECT id FROM lead_statuses WHERE organization_id = ${ORG} ORDER BY position, id LIMIT 1`);
const LEAD = randomId('lead_');
sql(`INSERT INTO leads (pid, organization_id, name, status_id) VALUES (${lit(LEAD)}, ${ORG}, 'Zz Ratings', ${STATUS})`);
const LEAD_ID = one(`SELECT id FROM leads WHERE pid = ${lit(LEAD)}`);
const OTHER = randomId('lead_');
sql(`INSERT INTO leads (pid, organization_id, name, status_id) VALUES (${lit(OTHER)}, ${ORG}, 'Zz Ratings other', ${STATUS})`);
const OTHER_ID = one(`SELECT id FROM leads WHERE pid = ${lit(OTHER)}`);
sql(`INSERT INTO activities (pid, organization_id, lead_id, type, activity_at, body_text)
  SELECT ll_id('acti_'), ${ORG}, ${LEAD_ID}, 'note', UTC_TIMESTAMP(6) - INTERVAL seq DAY, CONCAT('Note ', seq) FROM seq_1_to_3`);
const BLOOM = sql(`SELECT l.pid FROM leads l JOIN organizations o ON o.id = l.organization_id
  WHERE o.name = 'Bloom Dental' ORDER BY l.id LIMIT 1`)[0][0];

after(() => {
  for (const id of [LEAD_ID, OTHER_ID]) {
    sql(`DELETE r FROM summary_ratings r JOIN summaries s ON s.id = r.summary_id WHERE s.lead_id = ${id}`);
    sql(`DELETE FROM summaries WHERE lead_id = ${id}`);
    sql(`DELETE FROM activities WHERE lead_id = ${id}`);
    sql(`DELETE FROM leads WHERE id = ${id}`);
  }
});

const FEEDBACK = '=HYPERLINK("http://evil.test"), it misses the budget\nand the "deadline"';
let SUMM;        // the summary rated here
let ada;
let ben;

const ratings = () => sql(`SELECT u.email, r.rating, COALESCE(r.feedback, 'NULL') FROM summary_ratings r
  JOIN users u ON u.id = r.user_id WHERE r.summary_id = (SELECT id FROM summaries WHERE pid = ${lit(SUMM)}) ORDER BY u.email`);

async function csrf(jar, pid = LEAD) {
  const res = await get(`/lead/${pid}/summary`, { jar });
  return csrfOf(res.body);
}

test('S7: a user rates up, changes to down with feedback: one rating, the page shows it and offers Delete', async () => {
  ada = await login('ada@northwind.test');
  ben = await login('ben@northwind.test');
  assert.equal((await post(`/lead/${LEAD}/summary`, { csrf: await csrf(ada) }, { jar: ada })).status, 303);
  SUMM = one(`SELECT pid FROM summaries WHERE lead_id = ${LEAD_ID}`);

  let res = await post(`/lead/${LEAD}/summary/rate`, { csrf: await csrf(ada), summary: SUMM, rating: 'up' }, { jar: ada });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/lead/${LEAD}/summary`);
  assert.deepEqual(ratings(), [['ada@northwind.test', '1', 'NULL']]);
  let b = (await get(`/lead/${LEAD}/summary`, { jar: ada })).body;
  assert.match(b, /Rated helpful <span class="summary-ups">1<\/span>, not helpful <span class="summary-downs">0<\/span>; you rated it helpful\./);
  assert.match(b, /<button type="submit" aria-pressed="true">Thumbs up<\/button>/);
  assert.doesNotMatch(b, /class="summary-delete"/);
  assert.match(b, /<a href="\/summaries\/ratings">Ratings and feedback of all summaries<\/a>/, 'admins find the list');
  assert.doesNotMatch((await get(`/lead/${LEAD}/summary`, { jar: ben })).body, /href="\/summaries\/ratings"/);

  res = await post(`/lead/${LEAD}/summary/rate`, { csrf: await csrf(ada), summary: SUMM, rating: 'down', feedback: FEEDBACK }, { jar: ada });
  assert.equal(res.status, 303);
  assert.deepEqual(ratings(), [['ada@northwind.test', '-1', FEEDBACK.replace(/\n/g, '\\n')]]);
  b = (await get(`/lead/${LEAD}/summary`, { jar: ada })).body;
  assert.match(b, /not helpful <span class="summary-downs">1<\/span>; you rated it not helpful\./);
  assert.match(b, /<button type="submit" aria-pressed="true">Thumbs down<\/button>/);
  assert.ok(b.includes('it misses the budget\nand the &quot;deadline&quot;</textarea>') || b.includes('it misses the budget\nand the &#34;deadline&#34;</textarea>'),
    'the feedback, escaped, in its field');
  assert.match(b, new RegExp(`<form class="summary-delete" method="post" action="/lead/${LEAD}/summary/delete">`));
});

test('S7: bad ratings, feedback with a thumbs up, no CSRF token, another lead\'s or an unknown summary: refused, nothing changed', async () => {
  const before = ratings();
  const c = await csrf(ben);
  assertErrorPage(await post(`/lead/${LEAD}/summary/rate`, { csrf: c, summary: SUMM, rating: 'sideways' }, { jar: ben }), 400, /The rating must be up or down\./);
  assertErrorPage(await post(`/lead/${LEAD}/summary/rate`, { csrf: c, summary: SUMM, rating: 'up', feedback: 'great' }, { jar: ben }), 400, /Written feedback goes with a thumbs down only\./);
  assertErrorPage(await post(`/lead/${LEAD}/summary/rate`, { summary: SUMM, rating: 'up' }, { jar: ben }), 403, /did not come from leadline/);
  assertErrorPage(await post(`/lead/${LEAD}/summary/delete`, { summary: SUMM }, { jar: ada }), 403, /did not come from leadline/);
  assertErrorPage(await post(`/lead/${OTHER}/summary/rate`, { csrf: c, summary: SUMM, rating: 'up' }, { jar: ben }), 404, /There is no such summary of this lead\./);
  assertErrorPage(await post(`/lead/${LEAD}/summary/rate`, { csrf: c, summary: randomId('summ_'), rating: 'up' }, { jar: ben }), 404, /There is no such summary of this lead\./);
  assertErrorPage(await post(`/lead/${LEAD}/summary/rate`, { csrf: c, rating: 'up' }, { jar: ben }), 404, /There is no such summary of this lead\./);
  assert.deepEqual(ratings(), before);
  assert.equal(one(`SELECT deleted_at IS NULL FROM summaries WHERE pid = ${lit(SUMM)}`), '1');
});

test('S7: a user who did not rate the summary down cannot delete it: 403, kept', async () => {
  assert.equal((await post(`/lead/${LEAD}/summary/rate`, { csrf: await csrf(ben), summary: SUMM, rating: 'up' }, { jar: ben })).status, 303);
  assert.deepEqual(ratings(), [['ada@northwind.test', '-1', FEEDBACK.replace(/\n/g, '\\n')], ['ben@northwind.test', '1', 'NULL']]);
  assert.doesNotMatch((await get(`/lead/${LEAD}/summary`, { jar: ben })).body, /class="summary-delete"/);
  assertErrorPage(await post(`/lead/${LEAD}/summary/delete`, { csrf: await csrf(ben), summary: SUMM }, { jar: ben }), 403,
    /Only a user who rated this summary down can delete it\./);
  assert.equal(one(`SELECT deleted_at IS NULL FROM summaries WHERE pid = ${lit(SUMM)}`), '1');
});

test('S7: admins list the ratings with feedback and export them as CSV; other users 403', async () => {
  const page = await get('/summaries/ratings', { jar: ada });
  assert.equal(page.status, 200);
  const row = (u) => new RegExp(`<tr class="rating-(up|down)"><td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d</td><td><a href="/lead/${LEAD}/">Zz Ratings</a></td><td><code>${SUMM}</code> \\(offline \\)</td><td>${u}</td>`);
  assert.match(page.body, row('Ada Lovelace'));
  assert.match(page.body, /<td>down<\/td><td class="feedback">(&#61;|=)HYPERLINK\((&quot;|&#34;)http:\/\/evil\.test/);
  assert.match(page.body, /<a class="summary-ratings-csv" href="\/summaries\/ratings\.csv">Export as CSV<\/a>/);

  const csv = await get('/summaries/ratings.csv', { jar: ada });
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/);
  assert.match(csv.headers['content-disposition'], /^attachment; filename="summary-ratings\.csv"$/);
  assert.ok(csv.body.startsWith('"rated_at_utc","lead","lead_id","summary_id","user","email","rating","feedback","backend","model","summary_deleted"\r\n'));
  assert.ok(csv.body.endsWith('\r\n'));
  // ada's line: every cell quoted; the formula-looking feedback's quotes doubled, a leading ', the newline kept inside
  const adaLine = `,"Zz Ratings","${LEAD}","${SUMM}","Ada Lovelace","ada@northwind.test","down",`
    + `"'=HYPERLINK(""http://evil.test""), it misses the budget\nand the ""deadline""","offline","","no"\r\n`;
  assert.ok(csv.body.includes(adaLine), csv.body.slice(0, 600));
  assert.ok(new RegExp(`,"Zz Ratings","${LEAD}","${SUMM}","[^"]+","ben@northwind\\.test","up","","offline","","no"\\r\\n`).test(csv.body), 'ben\'s line');

  for (const path of ['/summaries/ratings', '/summaries/ratings.csv']) {
    assertErrorPage(await get(path, { jar: ben }), 403, /Only the administrators of the organization can see the ratings of summaries\./, `ben ${path}`);
  }
});

test('S7: the user who rated it down deletes the summary; its ratings stay for the admins', async () => {
  const res = await post(`/lead/${LEAD}/summary/delete`, { csrf: await csrf(ada), summary: SUMM }, { jar: ada });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/lead/${LEAD}/summary`);
  assert.equal(one(`SELECT deleted_at IS NOT NULL FROM summaries WHERE pid = ${lit(SUMM)}`), '1');
  const b = (await get(`/lead/${LEAD}/summary`, { jar: ada })).body;
  assert.match(b, /There is no summary of this lead yet\./);
  assert.ok(!b.includes(SUMM));
  // a deleted summary cannot be rated or deleted again
  assertErrorPage(await post(`/lead/${LEAD}/summary/rate`, { csrf: await csrf(ben), summary: SUMM, rating: 'down' }, { jar: ben }), 404, /no such summary/);
  assert.equal(ratings().length, 2);
  assert.match((await get('/summaries/ratings', { jar: ada })).body, new RegExp(`<code>${SUMM}</code> \\(offline \\) deleted`));
  assert.match((await get('/summaries/ratings.csv', { jar: ada })).body, new RegExp(`"${SUMM}","Ada Lovelace","ada@northwind\\.test","down",[\\s\\S]*?,"offline","","yes"\\r\\n`));
});

test('S1: Bloom Dental (essentials) gets 403 on every summary endpoint', async () => {
  const cora = await login('cora@bloomdental.test');
  const page = await get(`/lead/${BLOOM}/summary`, { jar: cora });
  assert.equal(page.status, 403);
  const c = csrfOf((await get(`/lead/${BLOOM}/`, { jar: cora })).body);
  assert.ok(c);
  const plan = /Lead summaries are available on the Growth and Scale plans/;
  assert.equal((await get(`/lead/${BLOOM}/summary/panel`, { jar: cora })).status, 403);
  assertErrorPage(await post(`/lead/${BLOOM}/summary`, { csrf: c }, { jar: cora }), 403, plan);
  assertErrorPage(await post(`/lead/${BLOOM}/summary/rate`, { csrf: c, summary: randomId('summ_'), rating: 'up' }, { jar: cora }), 403, plan);
  assertErrorPage(await post(`/lead/${BLOOM}/summary/delete`, { csrf: c, summary: randomId('summ_') }, { jar: cora }), 403, plan);
  assertErrorPage(await get('/summaries/ratings', { jar: cora }), 403, plan);
  assertErrorPage(await get('/summaries/ratings.csv', { jar: cora }), 403, plan);
  assert.equal(one(`SELECT COUNT(*) FROM summaries s JOIN organizations o ON o.id = s.organization_id WHERE o.name = 'Bloom Dental'`), '0');
});
