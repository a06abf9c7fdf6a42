// L3 speed — a lead with 100,000 activities opens as fast as one with 10: the
// page, rendered afresh, issues a fixed number of SQL statements (at most 10 counting the
// session lookup and its once-a-minute touch: the X-SQL-Statements header of
// LEADLINE_TEST_SQLCOUNT), the
// same for Globex (334 activities), Initech (100,000) and a page deep in
// Initech's history, filtered or not (Globex with its pinned section: P3); every statement reads index ranges that
// stop at the page (ANALYZE of the statements the page really ran, taken from
// the general query log), and the rows the server reads for a page of Initech
// are about those of a page of Globex (Handler_read counters).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql } from '../lib/client.mjs';
import { one, session, sessionRow, leadPid } from '../lib/http-extra.mjs';
import { acts, historyPidAt, historyPids, leadId, restartWorkers, sqlRaw, sqlStatements, withSqlCount } from '../lib/lead-page.mjs';

let jar;
let sessionId;
let restore = async () => {};
let initech;
let globex;
let deep;        // an activity 60,000 deep in Initech's history

before(async () => {
  let csrf;
  ({ jar, csrf } = await session('ada@northwind.test'));
  sessionId = Number(sessionRow(csrf)[0]);
  globex = leadPid('Globex Corporation');
  initech = leadPid('Initech (archive)');
  deep = historyPidAt(leadId(initech), 60000);
  restore = await withSqlCount(jar, `/lead/${globex}/`);
});

after(async () => {
  await restore();
});

// A page rendered afresh: each page worker keeps pages it rendered and sends
// one again while the lead's and the organization's versions are unchanged
// (lib/pagecache.c); raising the lead's version, as any write to it does,
// makes the next GET read everything again.
function fresh(path) {
  const pid = path.match(/\/lead\/([^/]+)\//)[1];
  sql(`UPDATE lead_versions v JOIN leads l ON l.id = v.lead_id SET v.version = v.version + 1 WHERE l.pid = '${pid}'`);
}

// The statements of one GET of a page rendered afresh. The request before it
// keeps the session fresh, so the measured one never includes the session's
// once-a-minute touch.
async function statements(path) {
  await get('/leads', { jar });
  fresh(path);
  const res = await get(path, { jar });
  assert.equal(res.headers['x-page-cache'], undefined, `${path}: rendered afresh`);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return { n: sqlStatements(res), res };
}

test('the page costs the same number of statements, at most 10, for Globex, Initech and deep into Initech, filtered or not', async () => {
  const pages = {
    globex: `/lead/${globex}/`,
    initech: `/lead/${initech}/`,
    initechDeep: `/lead/${initech}/?before=${deep}`,
    initechDeepFiltered: `/lead/${initech}/?before=${deep}&type=note&type=call&type=meeting`,
    globexFiltered: `/lead/${globex}/?type=note&type=${one("SELECT pid FROM custom_activity_types WHERE name = 'Site Visit'")}`,
    globexImages: `/lead/${globex}/?images=${historyPidAt(leadId(globex), 3)}`,
  };
  // What each Globex page's history must hold: the first 50 of its history,
  // each filter's own; the pinned section on top is not part of it.
  const siteVisit = `(SELECT id FROM custom_activity_types WHERE name = 'Site Visit')`;
  const globexWant = {
    globex: historyPids(leadId(globex)).slice(0, 50),
    globexImages: historyPids(leadId(globex)).slice(0, 50),
    globexFiltered: historyPids(leadId(globex), `AND (a.type = 'note' OR a.custom_type_id = ${siteVisit})`).slice(0, 50),
  };
  assert.equal(globexWant.globex.length, 50, 'the fixture: Globex has more than a page of history');
  assert.ok(globexWant.globexFiltered.length > 0, 'the fixture: Globex has notes and site visits');
  const historyOf = (html) => {
    const i = html.indexOf('<section class="pinned-section"');
    return acts(i < 0 ? html : html.slice(0, i) + html.slice(html.indexOf('</section>', i))).map((a) => a.pid);
  };
  const counts = {};
  for (const [name, path] of Object.entries(pages)) {
    const { n, res } = await statements(path);
    counts[name] = n;
    if (name.startsWith('initech')) assert.equal(acts(res.body).length, 50, `${name}: a page of 50`);
    else assert.deepEqual(historyOf(res.body), globexWant[name], `${name}: the history's first page`);
    // P3: Globex's pinned notes stand on top of every page of it, in the page's statements
    if (name.startsWith('globex')) assert.match(res.body, /<section class="pinned-section"/, `${name}: the pinned section`);
  }
  assert.ok(counts.globex <= 9, `the pinned section adds no statement: ${counts.globex} (9 before it)`);
  for (const [name, n] of Object.entries(counts)) assert.ok(n <= 10, `${name}: ${n} statements (at most 10)`);
  assert.equal(new Set(Object.values(counts)).size, 1, `the same count everywhere: ${JSON.stringify(counts)}`);
  // a fragment (lead.js switching the filter or loading more) costs less
  const frag = [];
  for (const path of [pages.globex, pages.initech, pages.initechDeep, pages.initechDeepFiltered]) {
    frag.push((await statements(`${path}${path.includes('?') ? '&' : '?'}fragment=history`)).n);
  }
  assert.equal(new Set(frag).size, 1, `fragments: ${frag}`);
  assert.ok(frag[0] < counts.globex, `a fragment (${frag[0]}) costs less than the page (${counts.globex})`);
});

// The statements of one GET whose session was last seen 120 s ago: the
// session's touch (an UPDATE of last_seen_at) is part of this request.
async function touchedStatements(path) {
  sql(`UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 120 SECOND WHERE id = ${sessionId}`);
  fresh(path);
  const res = await get(path, { jar });
  assert.equal(res.headers['x-page-cache'], undefined, `${path}: rendered afresh`);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  const seen = Number(one(`SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP(6)) FROM sessions WHERE id = ${sessionId}`));
  assert.ok(seen < 60, `the request touched the session (last seen ${seen} s ago)`);
  return sqlStatements(res);
}

test('with the session\'s once-a-minute touch the page still costs at most 10 statements, one more than without, the same for Globex and Initech', async (t) => {
  const counts = {};
  for (const [name, pid] of [['globex', globex], ['initech', initech]]) {
    counts[name] = await touchedStatements(`/lead/${pid}/`);
    counts[`${name}Fresh`] = (await statements(`/lead/${pid}/`)).n;
  }
  assert.ok(counts.globex <= 10, `Globex with the touch: ${counts.globex} statements (at most 10)`);
  assert.equal(counts.initech, counts.globex, `Initech with the touch: ${JSON.stringify(counts)}`);
  assert.equal(counts.globexFresh, counts.initechFresh, JSON.stringify(counts));
  assert.equal(counts.globex, counts.globexFresh + 1, `the touch is one statement: ${JSON.stringify(counts)}`);
  t.diagnostic(`statements: ${JSON.stringify(counts)}`);
});

// a page its worker kept costs one statement — the session's, which
// on the lead page's GET also reads the lead's head and the versions the kept
// page is checked against — for every lead, and is the same page byte for byte.
test('a page kept by its worker costs 1 statement, the same for Globex and Initech, and is the page rendered afresh', async () => {
  for (const path of [`/lead/${globex}/`, `/lead/${initech}/`, `/lead/${initech}/?before=${deep}&type=note`]) {
    const { res: first } = await statements(path);
    let hit;
    // three workers keep a page each: within a few requests one answers from its own
    for (let i = 0; i < 30 && !hit; i++) {
      const res = await get(path, { jar });
      assert.equal(res.status, 200);
      if (res.headers['x-page-cache'] === 'hit') hit = res;
    }
    assert.ok(hit, `${path}: a worker sent the page it kept`);
    assert.equal(sqlStatements(hit), 1, `${path}: the session's statement, with the lead's head`);
    assert.equal(hit.body, first.body, `${path}: the kept page is the page`);
  }
});

// Every table access of an ANALYZE FORMAT=JSON plan.
function tablesOf(plan, out = []) {
  if (Array.isArray(plan)) plan.forEach((p) => tablesOf(p, out));
  else if (plan && typeof plan === 'object') {
    if (typeof plan.table_name === 'string') out.push(plan);
    Object.values(plan).forEach((v) => tablesOf(v, out));
  }
  return out;
}

test('EXPLAIN (ANALYZE) of every statement of a deep Initech page: the history is read through its indexes, 51 rows a range', async () => {
  const was = sql("SELECT @@GLOBAL.general_log, @@GLOBAL.log_output")[0];
  sql("SET GLOBAL log_output = 'TABLE'");
  sql('TRUNCATE mysql.general_log');
  sql('SET GLOBAL general_log = 1');
  restartWorkers();
  try {
    await get(`/lead/${initech}/?before=${deep}`, { jar });
    await get(`/lead/${initech}/?before=${deep}&type=note&type=sms&type=lead_status_change`, { jar });
  } finally {
    sql('SET GLOBAL general_log = 0');
  }
  // the statements as the server ran them, parameters in place (hex: they hold newlines)
  const ran = sqlRaw("SELECT HEX(argument) FROM mysql.general_log WHERE command_type = 'Execute' AND argument LIKE 'SELECT%'")
    .split('\n').filter(Boolean).map((h) => Buffer.from(h, 'hex').toString('utf8'))
    .filter((s) => !/FROM sessions s/.test(s));   // the session lookup binds a blob the log cannot show
  sql(`SET GLOBAL log_output = '${was[1]}'`);
  sql(`SET GLOBAL general_log = ${was[0]}`);
  assert.ok(ran.length >= 14, `the two pages' statements were logged (${ran.length})`);
  const historyKeys = new Set();
  for (const stmt of ran) {
    const plan = JSON.parse(sqlRaw(`ANALYZE FORMAT=JSON ${stmt}`));
    for (const t of tablesOf(plan)) {
      const read = t.r_rows ?? 0;
      assert.ok(read <= 200, `${t.table_name} read ${read} rows (${t.access_type} ${t.key}) in: ${stmt.slice(0, 120)}`);
      if (/^(a|k)$/.test(t.table_name) && /^(lead_history|lead_type_history|lead_custom_type_history)$/.test(t.key)) {
        historyKeys.add(t.key);
        assert.equal(t.access_type === 'range' || t.access_type === 'ref', true, `${t.key} is an index range`);
        assert.ok(read <= 51, `a history range stops at the page: ${read}`);
      }
      if (t.table_name === 'a' && t.access_type === 'ALL') assert.fail(`activities scanned in: ${stmt.slice(0, 120)}`);
    }
  }
  assert.deepEqual([...historyKeys].sort(), ['lead_history', 'lead_type_history'], 'both history indexes were walked');
});

// Rows the server read (Handler_read_*) for one GET.
async function rowsRead(path) {
  const h = () => Number(one("SELECT SUM(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME LIKE 'HANDLER\\_READ\\_%'"));
  await get('/leads', { jar });
  const a = h();
  const res = await get(path, { jar });
  const b = h();
  assert.equal(res.status, 200);
  return b - a;
}

test('opening Initech reads about what opening Globex reads, however deep the page', async () => {
  const g = await rowsRead(`/lead/${globex}/`);
  const reads = {
    initech: await rowsRead(`/lead/${initech}/`),
    deep: await rowsRead(`/lead/${initech}/?before=${deep}`),
    deepFiltered: await rowsRead(`/lead/${initech}/?before=${deep}&type=note&type=call`),
    oldest: await rowsRead(`/lead/${initech}/?before=${historyPidAt(leadId(initech), 99940)}`),
  };
  for (const [name, n] of Object.entries(reads)) {
    assert.ok(n <= 2 * g + 500, `${name}: ${n} rows read, Globex ${g}`);
  }
  assert.ok(g < 5000, `Globex reads ${g} rows`);
});
