// A3, U1, U3, U4 — the permalink's redirect reads the session and
// where the activity is in ONE statement (ROUTE_OWN_SESSION, req_session):
// counted exactly by MariaDB's Com_stmt_execute (the server's count of
// prepared statements run; the tests' own mariadb client runs none, and files
// run one at a time). And the request layer's rules hold on this route as on
// any other: idle and absolute timeouts, the once-a-minute touch, a forged
// cookie, the login redirect with next= (its query kept), a bad parameter
// only after the session.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql, BASE } from '../lib/client.mjs';
import { postLogin, lit, one, randomId, jarWith } from '../lib/http-extra.mjs';

function activityOf(org, extra = '') {
  const rows = sql(`SELECT a.pid, l.pid, a.id FROM activities a
    JOIN leads l ON l.id = a.lead_id JOIN organizations o ON o.id = a.organization_id
    WHERE o.name = ${lit(org)} AND a.deleted_at IS NULL AND a.type = 'note' ${extra}
    ORDER BY a.id LIMIT 1`);
  assert.ok(rows.length, `${org} has a note`);
  const [pid, lead, id] = rows[0];
  return { pid, lead, id };
}

const NW = activityOf('Northwind Traders');
const BD = activityOf('Bloom Dental');
const anchor = (a) => `/lead/${a.lead}/#activityId=${a.pid}`;

// The prepared statements the server has run, all connections together.
const executed = () => Number(sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")[0][1]);

// The statements the server runs for fn() (nothing else talks to this instance).
async function statementsOf(fn) {
  const before = executed();
  await fn();
  return executed() - before;
}

async function logIn(email) {
  const jar = new Map();
  const res = await postLogin(jar, { email, next: '/leads' });
  assert.equal(res.status, 303, `login ${email}: ${res.status}`);
  return jar;
}

const sessionId = (jar) => Number(one(`SELECT id FROM sessions
  WHERE token_hash = UNHEX(SHA2(${lit(jar.get('ll_session'))}, 256))`));
const idleOf = (id) => Number(one(`SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP(6)) FROM sessions WHERE id = ${id}`));
const exists = (id) => one(`SELECT COUNT(*) FROM sessions WHERE id = ${id}`) === '1';

const restore = [];
after(() => {
  for (const q of restore.reverse()) {
    try { sql(q); } catch (e) { console.error(`restore failed: ${q}: ${e.message}`); }
  }
});

test('a permalink redirect costs exactly one SQL statement: the session and the activity together', async () => {
  const jar = await logIn('ada@northwind.test');
  const n = 12;
  const count = await statementsOf(async () => {
    for (let i = 0; i < n; i++) {
      const res = await get(`/activity/${NW.pid}`, { jar });
      assert.equal(res.status, 302);
      assert.equal(res.headers.location, anchor(NW));
    }
  });
  assert.equal(count, n, `${n} redirects ran ${count} statements`);
});

test('every 404 costs that one statement too: another organization, unknown, malformed, deleted', async () => {
  const jar = await logIn('ada@northwind.test');
  const deleted = activityOf('Northwind Traders', `AND a.id <> ${NW.id}`);
  restore.push(`UPDATE activities SET deleted_at = NULL WHERE id = ${deleted.id}`);
  sql(`UPDATE activities SET deleted_at = UTC_TIMESTAMP(6) WHERE id = ${deleted.id}`);
  const paths = [`/activity/${BD.pid}`, `/activity/${randomId('acti_')}`, '/activity/acti_123',
    `/activity/${NW.lead}`, `/activity/${deleted.pid}`];
  let body;
  for (const path of paths) {
    let res;
    const count = await statementsOf(async () => { res = await get(path, { jar }); });
    assert.equal(res.status, 404, `${path}: ${res.status}`);
    body ??= res.body;
    assert.equal(res.body, body, `${path}: the same 404`);
    assert.equal(count, 1, `${path}: ${count} statements`);
  }
  sql(`UPDATE activities SET deleted_at = NULL WHERE id = ${deleted.id}`);
});

test('the fragment keeps its full read: the session\'s statement and the activity\'s, two', async () => {
  const jar = await logIn('ada@northwind.test');
  let res;
  const count = await statementsOf(async () => { res = await get(`/activity/${NW.pid}?fragment=1`, { jar }); });
  assert.equal(res.status, 200);
  assert.match(res.body, /linked-activity/);
  assert.equal(count, 2);
});

test('the once-a-minute touch: one statement more, and last_seen_at moves', async () => {
  const jar = await logIn('ada@northwind.test');
  const id = sessionId(jar);
  sql(`UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 120 SECOND WHERE id = ${id}`);
  let res;
  const touched = await statementsOf(async () => { res = await get(`/activity/${NW.pid}`, { jar }); });
  assert.equal(res.status, 302);
  assert.equal(res.headers.location, anchor(NW));
  assert.ok(idleOf(id) < 60, 'the session was touched');
  assert.equal(touched, 2, `with the touch: ${touched} statements`);
  const fresh = await statementsOf(async () => { await get(`/activity/${NW.pid}`, { jar }); });
  assert.equal(fresh, 1, `right after: ${fresh}`);
});

test('a session idle longer than session_idle_timeout ends here too: login with next=, the row gone (U1)', async () => {
  const jar = await logIn('ada@northwind.test');
  const id = sessionId(jar);
  // 43200 s is the configured idle timeout: one second more
  sql(`UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 43201 SECOND WHERE id = ${id}`);
  const res = await get(`/activity/${NW.pid}`, { jar });
  assert.equal(res.status, 302);
  assert.equal(new URL(res.headers.location, BASE).searchParams.get('next'), `/activity/${NW.pid}`);
  assert.ok(!exists(id), 'the session ended');
});

test('a session older than session_absolute_timeout ends here too, even when active (U1)', async () => {
  const jar = await logIn('ada@northwind.test');
  const id = sessionId(jar);
  sql(`UPDATE sessions SET date_created = UTC_TIMESTAMP(6) - INTERVAL 1209601 SECOND WHERE id = ${id}`);
  const res = await get(`/activity/${NW.pid}`, { jar });
  assert.equal(res.status, 302);
  assert.match(res.headers.location, /^\/login\?next=/);
  assert.ok(!exists(id), 'the session ended');
});

test('no cookie, or a forged one: the login redirect keeps the query in next, and no activity is read', async () => {
  const path = `/activity/${NW.pid}?fragment=1`;
  for (const jar of [undefined, jarWith('ll_session', 'x'.repeat(43)), jarWith('ll_session', 'short')]) {
    let res;
    const count = await statementsOf(async () => { res = await get(path, { jar }); });
    assert.equal(res.status, 302);
    assert.equal(new URL(res.headers.location, BASE).searchParams.get('next'), path);
    // a cookie of the token's length is looked up (one statement); none or a short one is not
    assert.equal(count, jar && jar.get('ll_session').length === 43 ? 1 : 0);
  }
});

test('a bad parameter: the login first without a session (as on every page), 400 with one', async () => {
  const path = `/activity/${NW.pid}?fragment=x`;
  const anon = await get(path);
  assert.equal(anon.status, 302);
  assert.match(anon.headers.location, /^\/login\?next=/);
  const jar = await logIn('ada@northwind.test');
  const res = await get(path, { jar });
  assert.equal(res.status, 400);
  assert.match(res.body, /fragment/);
});
