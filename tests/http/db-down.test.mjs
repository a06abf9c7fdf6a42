// While MariaDB is down every page that needs it is a
// clean 503 with Retry-After, fast, and nothing changes; once it is back the
// same workers answer 200 again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, stack, sql, PASSWORD } from '../lib/client.mjs';
import {
  session, sessionRow, workerPids, conf, cookieOf, setsSession, loginForm, assertErrorPage, leadPid,
} from '../lib/http-extra.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The smallest of the configured database timeouts, in ms.
function smallestTimeoutMs() {
  const t = ['db_connect_timeout', 'db_read_timeout', 'db_write_timeout']
    .map((k) => Number(conf(k))).filter((n) => Number.isFinite(n) && n > 0);
  assert.ok(t.length > 0, 'leadline.conf has database timeouts');
  return Math.min(...t) * 1000;
}

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const res = await fn();
  return { res, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

test('MariaDB stopped: 503 with Retry-After, fast, nothing changed; started again: 200 from the same workers', { timeout: 120000 }, async () => {
  const s = await session('ada@northwind.test');
  const globex = leadPid('Globex Corporation');
  const row = sessionRow(s.csrf);
  // every worker has a connection before the database goes away
  for (let i = 0; i < 12; i++) assert.equal((await get('/leads', { jar: s.jar })).status, 200);
  const workers = { leads: workerPids('leads'), lead: workerPids('lead'), login: workerPids('login') };
  for (const [p, w] of Object.entries(workers)) assert.ok(w.length >= 1, `${p} has workers`);
  const loginJar = new Map();
  const loginCsrf = await loginForm(loginJar);
  const limit = smallestTimeoutMs() / 2;   // well under the configured timeouts
  try {
    stack('db-stop');
    // several requests, so that every worker meets the lost connection
    for (let i = 0; i < 9; i++) {
      const { res, ms } = await timed(() => get('/leads', { jar: s.jar, timeout: 30000 }));
      assertErrorPage(res, 503, /database|try again/i, `GET /leads #${i} while the database is down`);
      assert.match(String(res.headers['retry-after'] ?? ''), /^\d+$/, 'Retry-After in seconds');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.ok(ms < limit, `GET /leads #${i} answered in ${ms.toFixed(0)} ms (limit ${limit} ms)`);
    }
    for (let i = 0; i < 6; i++) {
      const { res, ms } = await timed(() => get(`/lead/${globex}/`, { jar: s.jar, timeout: 30000 }));
      assertErrorPage(res, 503, /database|try again/i, `GET /lead/<globex>/ #${i}`);
      assert.ok(res.headers['retry-after'], 'Retry-After');
      assert.ok(ms < limit, `GET /lead/ #${i} answered in ${ms.toFixed(0)} ms`);
    }
    for (let i = 0; i < 6; i++) {
      const { res, ms } = await timed(() => post('/logout', { csrf: s.csrf }, { jar: s.jar, timeout: 30000 }));
      assertErrorPage(res, 503, /database|try again/i, `POST /logout #${i} while the database is down`);
      assert.ok(res.headers['retry-after'], 'Retry-After');
      assert.ok(!cookieOf(res, 'll_session'), 'the session cookie is not cleared by a failed logout');
      assert.ok(ms < limit, `POST /logout #${i} answered in ${ms.toFixed(0)} ms`);
    }
    // a login cannot make a session either, and says so
    const { res, ms } = await timed(() => post('/login', { csrf: loginCsrf, email: 'ada@northwind.test', password: PASSWORD, next: '/leads' },
      { jar: loginJar, timeout: 30000 }));
    assertErrorPage(res, 503, /database|try again/i, 'POST /login while the database is down');
    assert.ok(!setsSession(res), 'no session cookie');
    assert.ok(ms < limit, `POST /login answered in ${ms.toFixed(0)} ms`);
  } finally {
    stack('db-start');
  }
  // nothing changed: the session is still there and still works
  assert.deepEqual(sessionRow(s.csrf), row, 'the session row is unchanged');
  let last;
  for (let i = 0; i < 12; i++) {
    last = await get('/leads', { jar: s.jar });
    assert.equal(last.status, 200, `GET /leads #${i} after the restart: ${last.status}`);
  }
  assert.match(last.body, /Globex Corporation|Next page/);
  for (let i = 0; i < 6; i++) assert.equal((await get(`/lead/${globex}/`, { jar: s.jar })).status, 200);
  // the same workers: recovered, not restarted
  await sleep(100);
  assert.deepEqual(workerPids('leads'), workers.leads, 'the leads workers were not restarted');
  assert.deepEqual(workerPids('lead'), workers.lead, 'the lead workers were not restarted');
  assert.deepEqual(workerPids('login'), workers.login, 'the login workers were not restarted');
  // and logging out works again
  const out = await post('/logout', { csrf: s.csrf }, { jar: s.jar });
  assert.equal(out.status, 303);
  assert.equal(sessionRow(s.csrf), undefined);
  assert.deepEqual(workerPids('login'), workers.login, 'the login workers were not restarted');
});

test('after the outage a new login works', async () => {
  // runs after the restart above: a fresh connection for the login program too
  const s = await session('cora@bloomdental.test');
  assert.ok(sql('SELECT 1').length === 1);
  assert.equal((await get('/leads', { jar: s.jar })).status, 200);
});
