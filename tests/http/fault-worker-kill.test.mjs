// Faults: kill -9 one worker of the lead program under a load of
// lead pages. multiwatch starts another in its place, and only the request
// that worker held can fail: a FastCGI worker of leadline serves one request
// at a time (nginx opens one connection per request), so at most one failed
// request in the whole load; every other one is a 200.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { session, workerPids, leadPid } from '../lib/http-extra.mjs';
import { freshRequest, runLoad, waitFor } from '../lib/load.mjs';

const CLIENTS = 6;
const PER_CLIENT = 40;
const KILL_AFTER = 40;   // answers before the kill

test('kill -9 a lead worker under load: multiwatch replaces it, at most the one request it held fails', { timeout: 240000 }, async (t) => {
  const { jar } = await session('ada@northwind.test');
  const globex = leadPid('Globex Corporation');
  const before = workerPids('lead');
  assert.ok(before.length >= 2, `the lead program has workers: ${before}`);
  let answered = 0;
  let killed = null;
  let replaced = false;
  const step = async (c, i) => {
    // the load goes on until the killed worker has been replaced
    if (i >= PER_CLIENT && (replaced || i >= 10 * PER_CLIENT)) return false;
    const res = await freshRequest('GET', `/lead/${globex}/`, { jar });
    answered++;
    return { c, i, status: res.status, error: res.error, afterKill: killed !== null };
  };
  const controller = (async () => {
    await waitFor(() => answered >= KILL_AFTER, `${KILL_AFTER} answers`, { tries: 6000 });
    killed = before[0];
    process.kill(killed, 'SIGKILL');
    await waitFor(() => {
      const now = workerPids('lead');
      return !now.includes(killed) && now.length === before.length;
    }, 'multiwatch starts a new lead worker');
    replaced = true;
  })();
  const [records] = await Promise.all([runLoad(CLIENTS, step), controller]);
  assert.ok(replaced, 'the worker was killed and replaced under the load');
  const now = workerPids('lead');
  assert.equal(now.length, before.length, 'as many lead workers as before');
  assert.ok(!now.includes(killed), 'the killed worker is gone');
  assert.equal(now.filter((p) => !before.includes(p)).length, 1, 'exactly one new worker');
  const failed = records.filter((r) => r.status !== 200);
  t.diagnostic(`${records.length} requests, ${failed.length} failed: ${JSON.stringify(failed)}`);
  assert.ok(failed.length <= 1, `at most the one request the killed worker held fails: ${JSON.stringify(failed)}`);
  for (const f of failed) {
    assert.ok(f.afterKill, 'a failure only after the kill');
    assert.ok(f.error || f.status === 502, `a failed request is nginx's 502 or a dropped connection: ${JSON.stringify(f)}`);
  }
  // and the replacement serves pages
  for (let i = 0; i < 2 * now.length; i++) assert.equal((await freshRequest('GET', `/lead/${globex}/`, { jar })).status, 200);
});
