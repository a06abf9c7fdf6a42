// S6 — freshness at 47 and 49 hours (timestamps moved in the
// database): after new activity the summary page says the summary may be
// outdated; within 48 hours of that activity it offers Regenerate and shows
// the summary expanded; after them it shows the summary collapsed and marked
// to regenerate itself when expanded (static/summary.js POSTs the form: the
// GET itself stores nothing). Offline backend.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, login, csrfOf, sql } from '../lib/client.mjs';
import { lit, one, randomId } from '../lib/http-extra.mjs';

const ORG = one(`SELECT id FROM organizations WHERE name = 'Northwind Traders'`);
const STATUS = one(`SELECT id FROM lead_statuses WHERE organization_id = ${ORG} ORDER BY position, id LIMIT 1`);
const PID = randomId('lead_');
sql(`INSERT INTO leads (pid, organization_id, name, status_id) VALUES (${lit(PID)}, ${ORG}, 'Zz Freshness', ${STATUS})`);
const ID = one(`SELECT id FROM leads WHERE pid = ${lit(PID)}`);
sql(`INSERT INTO activities (pid, organization_id, lead_id, type, activity_at, date_created, body_text)
  SELECT ll_id('acti_'), ${ORG}, ${ID}, 'note', UTC_TIMESTAMP(6) - INTERVAL seq DAY,
    UTC_TIMESTAMP(6) - INTERVAL 10 DAY, CONCAT('Note ', seq) FROM seq_1_to_3`);
after(() => {
  sql(`DELETE FROM summaries WHERE lead_id = ${ID}`);
  sql(`DELETE FROM summary_languages WHERE lead_id = ${ID}`);
  sql(`DELETE FROM activities WHERE lead_id = ${ID}`);
  sql(`DELETE FROM leads WHERE id = ${ID}`);
});

const BANNER = /<p class="summary-outdated" role="status">There is new activity on this lead since this summary was generated: it may be outdated\./;
const count = () => Number(one(`SELECT COUNT(*) FROM summaries WHERE lead_id = ${ID}`));

test('S6: no banner without new activity; at 47 h Regenerate is offered; at 49 h the summary is collapsed and regenerates when expanded', async () => {
  const jar = await login('ada@northwind.test');
  let page = await get(`/lead/${PID}/summary`, { jar });
  assert.equal(page.status, 200);
  const gen = await post(`/lead/${PID}/summary`, { csrf: csrfOf(page.body), back: 'page' }, { jar });
  assert.equal(gen.status, 303);
  assert.equal(gen.headers.location, `/lead/${PID}/summary`, 'back=page: to the summary page');
  sql(`UPDATE summaries SET date_created = UTC_TIMESTAMP(6) - INTERVAL 100 HOUR WHERE lead_id = ${ID}`);

  page = await get(`/lead/${PID}/summary`, { jar });
  assert.doesNotMatch(page.body, BANNER);
  assert.match(page.body, /<details class="summary-details" open>\n<summary>Summary of Zz Freshness<\/summary>/);

  const note = randomId('acti_');
  sql(`INSERT INTO activities (pid, organization_id, lead_id, type, activity_at, date_created, body_text)
    VALUES (${lit(note)}, ${ORG}, ${ID}, 'note', UTC_TIMESTAMP(6) - INTERVAL 47 HOUR, UTC_TIMESTAMP(6) - INTERVAL 47 HOUR, 'New note')`);
  page = await get(`/lead/${PID}/summary`, { jar });
  assert.match(page.body, BANNER);
  assert.match(page.body, /it may be outdated\. Regenerate it with the button below\.<\/p>/);
  assert.match(page.body, /<details class="summary-details" open>/);
  assert.doesNotMatch(page.body, /data-auto-regenerate/);
  assert.match(page.body, /<form class="summary-generate" method="post" action="\/lead\/[^"]+\/summary">[\s\S]*<button type="submit">Regenerate<\/button>/);
  let panel = await get(`/lead/${PID}/summary/panel`, { jar });
  assert.match(panel.body, /<body class="summary-panel-view">/, 'the panel does not regenerate by itself at 47 h');
  assert.match(panel.body, /Regenerate it with the button below\./);

  sql(`UPDATE activities SET date_created = UTC_TIMESTAMP(6) - INTERVAL 49 HOUR WHERE pid = ${lit(note)}`);
  const before = count();
  page = await get(`/lead/${PID}/summary`, { jar });
  assert.match(page.body, BANNER);
  assert.match(page.body, /The new activity is more than 48 hours old: expanding the summary regenerates it\.<\/p>/);
  assert.match(page.body, /<details class="summary-details" data-auto-regenerate="1">\n<summary>Summary of Zz Freshness<\/summary>/, 'collapsed and marked');
  assert.doesNotMatch(page.body, /it with the button below/);
  // without script the form is still there; the GET itself changed nothing
  assert.match(page.body, /<button type="submit">Regenerate<\/button>/);
  panel = await get(`/lead/${PID}/summary/panel`, { jar });
  assert.match(panel.body, /<body class="summary-panel-view" data-auto-regenerate="1">/, 'the panel, loaded as it is expanded, regenerates at 49 h');
  assert.match(panel.body, /the summary is regenerated as it opens\./);
  assert.equal(count(), before);

  // the newest new activity does not restart the clock: the first one counts
  sql(`INSERT INTO activities (pid, organization_id, lead_id, type, activity_at, date_created, body_text)
    VALUES (ll_id('acti_'), ${ORG}, ${ID}, 'note', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) - INTERVAL 1 HOUR, 'Newer note')`);
  page = await get(`/lead/${PID}/summary`, { jar });
  assert.match(page.body, /data-auto-regenerate="1"/);

  // regenerating: fresh again
  const re = await post(`/lead/${PID}/summary`, { csrf: csrfOf(page.body), back: 'page' }, { jar });
  assert.equal(re.status, 303);
  assert.equal(count(), before + 1);
  page = await get(`/lead/${PID}/summary`, { jar });
  assert.doesNotMatch(page.body, BANNER);
  assert.doesNotMatch(page.body, /data-auto-regenerate/);
});
