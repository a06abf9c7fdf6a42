// S1, S2, S8 — the summary program with the offline backend:
// POST /lead/<lead_id>/summary stores a summary of exactly the selected input
// and 303s back to the lead page; GET shows it with what it was built from and
// its citations as links to the lead's activities (only ids of the input);
// the plan gate (Bloom Dental, essentials: 403 with the explanation); another
// organization's lead 404; no CSRF token 403 and nothing stored.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, login, csrfOf, sql } from '../lib/client.mjs';
import { lit, one, randomId, assertErrorPage } from '../lib/http-extra.mjs';

const startId = Number(one('SELECT COALESCE(MAX(id), 0) FROM summaries'));
after(() => {
  sql(`DELETE FROM summaries WHERE id > ${startId}`);
  sql(`DELETE FROM summary_languages WHERE lead_id = ${GLOBEX.id}`);   // the language picked here (S3)
});

const leadOf = (org, name) => {
  const rows = sql(`SELECT l.pid, l.id FROM leads l JOIN organizations o ON o.id = l.organization_id
    WHERE o.name = ${lit(org)} AND l.name LIKE ${lit(name)} ORDER BY l.id LIMIT 1`);
  assert.ok(rows.length, `${org} has a lead like ${name}`);
  return { pid: rows[0][0], id: rows[0][1] };
};
const GLOBEX = leadOf('Northwind Traders', 'Globex%');
const OTHER_NW = sql(`SELECT l.pid, l.id FROM leads l JOIN organizations o ON o.id = l.organization_id
  WHERE o.name = 'Northwind Traders' AND l.id <> ${GLOBEX.id}
    AND EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = l.id AND a.deleted_at IS NULL)
  ORDER BY l.id LIMIT 1`)[0];
const BLOOM = leadOf('Bloom Dental', '%');

// The selection rule in SQL: the activity pids a summary of the lead rests on.
function selected(leadId) {
  const recent = Number(one(`SELECT COUNT(*) FROM activities WHERE lead_id = ${leadId}
    AND deleted_at IS NULL AND activity_at >= UTC_TIMESTAMP(6) - INTERVAL 90 DAY`));
  const rows = recent >= 100
    ? sql(`SELECT pid, id FROM activities WHERE lead_id = ${leadId} AND deleted_at IS NULL
        AND activity_at >= UTC_TIMESTAMP(6) - INTERVAL 90 DAY`)
    : sql(`SELECT pid, id FROM activities WHERE lead_id = ${leadId} AND deleted_at IS NULL
        ORDER BY activity_at DESC, id DESC LIMIT 100`);
  return { pids: new Set(rows.map((r) => r[0])), maxId: Math.max(...rows.map((r) => Number(r[1]))) };
}

const summariesOf = (leadId) => Number(one(`SELECT COUNT(*) FROM summaries WHERE lead_id = ${leadId} AND id > ${startId}`));
const citesOf = (html) => [...html.matchAll(/<a class="cite" href="\/lead\/(lead_[0-9A-Za-z]{40})\/#activityId=(acti_[0-9A-Za-z]{40})">/g)]
  .map((m) => ({ lead: m[1], acti: m[2] }));

async function csrfFor(jar, leadPid) {
  const page = await get(`/lead/${leadPid}/`, { jar });
  assert.equal(page.status, 200);
  return csrfOf(page.body);
}

test('ada generates a summary of Globex: a stored offline row of the selected input, shown with its facts', async () => {
  const jar = await login('ada@northwind.test');
  const page = await get(`/lead/${GLOBEX.pid}/`, { jar });
  // the lead page's collapsible panel frames the panel view (no script on the lead page)
  assert.match(page.body, new RegExp(`<details class="summary-fold"><summary>The summary</summary>\n<iframe class="summary-frame" src="/lead/${GLOBEX.pid}/summary/panel" loading="lazy" title="Summary of the lead"`));
  const panel = await get(`/lead/${GLOBEX.pid}/summary/panel`, { jar });
  assert.equal(panel.status, 200);
  assert.match(panel.headers['content-security-policy'], /frame-ancestors 'self'/);
  assert.match((await get(`/lead/${GLOBEX.pid}/summary`, { jar })).headers['content-security-policy'], /frame-ancestors 'none'/,
    'only the panel view may be framed');
  assert.match(panel.body, new RegExp(`<form class="summary-generate" method="post" action="/lead/${GLOBEX.pid}/summary">`));
  assert.match(panel.body, /<input type="hidden" name="back" value="panel">/);
  const before = summariesOf(GLOBEX.id);
  const res = await post(`/lead/${GLOBEX.pid}/summary`, { csrf: csrfOf(page.body) }, { jar });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/lead/${GLOBEX.pid}/#summary`);
  assert.equal(summariesOf(GLOBEX.id), before + 1);

  const sel = selected(GLOBEX.id);
  const [row] = sql(`SELECT s.pid, s.backend, COALESCE(s.model, 'NULL'), s.language, s.activity_count,
      s.last_activity_id, s.user_id = u.id, s.organization_id = l.organization_id, s.body
    FROM summaries s JOIN users u ON u.email = 'ada@northwind.test' JOIN leads l ON l.id = s.lead_id
    WHERE s.lead_id = ${GLOBEX.id} ORDER BY s.id DESC LIMIT 1`);
  const [pid, backend, model, language, count, lastId, byAda, sameOrg] = row;
  assert.match(pid, /^summ_[0-9A-Za-z]{40}$/);
  assert.equal(backend, 'offline');
  assert.equal(model, 'NULL');
  assert.equal(language, 'en');
  assert.equal(Number(count), sel.pids.size);
  assert.equal(Number(lastId), sel.maxId);
  assert.equal(byAda, '1');
  assert.equal(sameOrg, '1');

  const shown = await get(`/lead/${GLOBEX.pid}/summary`, { jar });
  assert.equal(shown.status, 200);
  const b = shown.body;
  assert.match(b, new RegExp(`data-summary-id="${pid}"`));
  assert.match(b, new RegExp(`<span class="summary-count">${sel.pids.size}</span>`));
  assert.match(b, /<span class="summary-backend">offline<\/span>/);
  assert.match(b, /<span class="summary-window">\d{4}-\d\d-\d\d \d\d:\d\d to \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)<\/span>/);
  assert.match(b, /by Ada Lovelace/);
  assert.match(b, /<p>Offline summary \(generated without a language model\)<\/p>/);
  // the facts: status, next open task, open opportunities, the newest email cited
  const status = one(`SELECT s.label FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE l.id = ${GLOBEX.id}`);
  assert.ok(b.includes(`<p>Status: ${status}.</p>`), 'the status');
  const task = one(`SELECT text FROM tasks WHERE lead_id = ${GLOBEX.id} AND is_complete = 0
    ORDER BY due_date IS NULL, due_date, id LIMIT 1`);
  if (task) assert.ok(b.includes(`Next task: ${task}`), 'the next task');
  const nopen = one(`SELECT COUNT(*) FROM opportunities o JOIN opportunity_statuses s ON s.id = o.status_id
    WHERE o.lead_id = ${GLOBEX.id} AND s.type = 'active'`);
  assert.match(b, Number(nopen) ? new RegExp(`Open opportunities: ${nopen}, total `) : /No open opportunities\./);
  const email = one(`SELECT pid FROM activities WHERE lead_id = ${GLOBEX.id} AND deleted_at IS NULL
    AND type = 'email' ORDER BY activity_at DESC, id DESC LIMIT 1`);
  assert.ok(citesOf(b).some((c) => c.acti === email), 'the newest email is cited');
});

test('citations link to /lead/<lead>/#activityId=<acti> only for ids of the input', async () => {
  const jar = await login('ada@northwind.test');
  const res = await post(`/lead/${GLOBEX.pid}/summary`, { csrf: await csrfFor(jar, GLOBEX.pid), language: 'fr' }, { jar });
  assert.equal(res.status, 303);
  const sel = selected(GLOBEX.id);
  let b = (await get(`/lead/${GLOBEX.pid}/summary`, { jar })).body;
  assert.match(b, /<p>Résumé hors ligne/);
  const cites = citesOf(b);
  assert.ok(cites.length >= 5, `cites: ${cites.length}`);
  for (const c of cites) {
    assert.equal(c.lead, GLOBEX.pid);
    assert.ok(sel.pids.has(c.acti), `${c.acti} is in the input`);
  }
  // a stored body citing another lead's activity and an unknown id: neither is a link
  const foreign = one(`SELECT pid FROM activities WHERE lead_id = ${OTHER_NW[1]} AND deleted_at IS NULL LIMIT 1`);
  const unknown = randomId('acti_');
  const real = cites[0].acti;
  const forged = randomId('summ_');
  after(() => sql(`DELETE FROM summaries WHERE pid = ${lit(forged)}`));
  sql(`INSERT INTO summaries (pid, organization_id, lead_id, language, backend, body, activity_count, date_created)
    SELECT ${lit(forged)}, organization_id, id, 'en', 'offline',
      ${lit(`Real [${real}]. Foreign [${foreign}]. Unknown [${unknown}].`)}, 1, UTC_TIMESTAMP(6) + INTERVAL 1 SECOND
    FROM leads WHERE id = ${GLOBEX.id}`);
  b = (await get(`/lead/${GLOBEX.pid}/summary`, { jar })).body;
  assert.deepEqual(citesOf(b).map((c) => c.acti), [real]);
  assert.ok(b.includes(`Foreign [${foreign}].`), 'a foreign id stays plain text');
  assert.ok(b.includes(`Unknown [${unknown}].`), 'an unknown id stays plain text');
  sql(`DELETE FROM summaries WHERE pid = ${lit(forged)}`);
});

test('Bloom Dental (essentials) sees what the feature is and that its plan lacks it; POST 403, nothing stored', async () => {
  assert.equal(one(`SELECT plan FROM organizations WHERE name = 'Bloom Dental'`), 'essentials');
  const jar = await login('cora@bloomdental.test');
  const res = await get(`/lead/${BLOOM.pid}/summary`, { jar });
  assert.equal(res.status, 403);
  assert.match(res.body, /A short summary of the lead/);
  assert.match(res.body, /<p class="summary-plan" role="alert">Lead summaries are available on the Growth and Scale plans[^<]*does not include them\.<\/p>/);
  assert.doesNotMatch(res.body, /<form class="summary-generate"/);
  const gen = await post(`/lead/${BLOOM.pid}/summary`, { csrf: await csrfFor(jar, BLOOM.pid) }, { jar });
  assertErrorPage(gen, 403, /Lead summaries are available on the Growth and Scale plans.*does not include them/, 'POST');
  assert.equal(summariesOf(BLOOM.id), 0);
});

test('another organization\'s lead, an unknown or malformed id: the same 404', async () => {
  const cora = await login('cora@bloomdental.test');
  const csrf = await csrfFor(cora, BLOOM.pid);
  const globexBefore = summariesOf(GLOBEX.id);
  for (const path of [`/lead/${GLOBEX.pid}/summary`, `/lead/${randomId('lead_')}/summary`, '/lead/lead_x/summary']) {
    assertErrorPage(await get(path, { jar: cora }), 404, /^There is no such lead\.$/, `GET ${path}`);
    assertErrorPage(await post(path, { csrf }, { jar: cora }), 404, /^There is no such lead\.$/, `POST ${path}`);
  }
  const ada = await login('ada@northwind.test');
  assertErrorPage(await get(`/lead/${BLOOM.pid}/summary`, { jar: ada }), 404, /^There is no such lead\.$/);
  assert.equal(summariesOf(GLOBEX.id), globexBefore, 'nothing stored for the lead asked by another organization');
  assert.equal(summariesOf(BLOOM.id), 0);
});

test('without the CSRF token (or with a wrong one): 403 and nothing stored', async () => {
  const jar = await login('ada@northwind.test');
  const before = summariesOf(GLOBEX.id);
  assertErrorPage(await post(`/lead/${GLOBEX.pid}/summary`, {}, { jar }), 403, /did not come from leadline/);
  assertErrorPage(await post(`/lead/${GLOBEX.pid}/summary`, { csrf: 'x'.repeat(43) }, { jar }), 403, /did not come from leadline/);
  assert.equal(summariesOf(GLOBEX.id), before);
  // and without a session, no summary either
  const anon = await post(`/lead/${GLOBEX.pid}/summary`, { csrf: 'x' });
  assert.ok(anon.status !== 303 || /^\/login/.test(anon.headers.location), `anonymous: ${anon.status} ${anon.headers.location}`);
  assert.equal(summariesOf(GLOBEX.id), before);
});

test('S6: after new activity on the lead the summary says it may be outdated; a deleted one does not count', async () => {
  const jar = await login('ada@northwind.test');
  const gen = async () => {
    const res = await post(`/lead/${GLOBEX.pid}/summary`, { csrf: await csrfFor(jar, GLOBEX.pid) }, { jar });
    assert.equal(res.status, 303);
  };
  const banner = /<p class="summary-outdated" role="status">There is new activity on this lead/;
  await gen();
  let b = (await get(`/lead/${GLOBEX.pid}/summary`, { jar })).body;
  assert.doesNotMatch(b, banner);
  const note = randomId('acti_');
  try {
    sql(`INSERT INTO activities (pid, organization_id, lead_id, type, activity_at, date_created, body_text)
      SELECT ${lit(note)}, organization_id, id, 'note', UTC_TIMESTAMP(6) - INTERVAL 200 DAY,
        UTC_TIMESTAMP(6) + INTERVAL 2 SECOND, 'zz summary freshness' FROM leads WHERE id = ${GLOBEX.id}`);
    b = (await get(`/lead/${GLOBEX.pid}/summary`, { jar })).body;
    assert.match(b, banner);
    // a deleted one does not count
    sql(`UPDATE activities SET deleted_at = UTC_TIMESTAMP(6) WHERE pid = ${lit(note)}`);
    b = (await get(`/lead/${GLOBEX.pid}/summary`, { jar })).body;
    assert.doesNotMatch(b, banner);
  } finally {
    sql(`DELETE FROM activities WHERE pid = ${lit(note)}`);
  }
});
