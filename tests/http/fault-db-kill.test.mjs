// Faults: MariaDB killed (kill -9) under a write load of notes (L5),
// then started again. Nothing acknowledged is lost ("Quality every page
// shares"): every note whose POST was answered 303 is in the database, once.
// While the database was down the pages answered 503 (the database message),
// none hung past the configured timeouts; the lead workers recovered on their
// own (the same pids before and after, no restart).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { post, sql, ROOT } from '../lib/client.mjs';
import { one, lit, session, workerPids, conf, errorMessage } from '../lib/http-extra.mjs';
import { freshRequest, runLoad, waitFor, alive, pidFile, sleep } from '../lib/load.mjs';

const run = promisify(execFile);
const CLIENTS = 6;
const PER_CLIENT = 50;          // notes per client once the database is back: 300 at least
const MAX_PER_CLIENT = 400;     // the bound of the load, whatever the restart takes
const KILL_AFTER = 60;          // acknowledged notes before the kill
const DOWN_ANSWERS = 12;        // answers sent and received while the database is down

let leadId;
after(async () => {
  // the database may have been left down by a failure above: start it again
  await run(`${ROOT}/scripts/stack`, ['db-start'], { env: process.env }).catch(() => {});
  if (!leadId) return;
  sql(`DELETE FROM activities WHERE lead_id = ${leadId}; DELETE FROM lead_activity_counts WHERE lead_id = ${leadId};
    DELETE FROM leads WHERE id = ${leadId};`);
});

// The longest a request may take while the database is away: every configured
// database timeout in turn (connect, read, write), in ms.
function hangLimitMs() {
  const t = ['db_connect_timeout', 'db_read_timeout', 'db_write_timeout'].map((k) => Number(conf(k)));
  assert.ok(t.every((n) => Number.isFinite(n) && n > 0), 'leadline.conf has the database timeouts');
  return t.reduce((a, b) => a + b, 0) * 1000;
}

test('kill -9 mariadbd under a load of notes: every 303 kept, 503 while down, the same workers after', { timeout: 300000 }, async (t) => {
  const s = await session('ada@northwind.test');
  const tag = randomBytes(6).toString('hex');
  const name = `Fault DB kill ${tag}`;
  const made = await post('/leads', { csrf: s.csrf, name, url: '', description: '' }, { jar: s.jar });
  assert.equal(made.status, 303, 'the lead for the load is created');
  const pid = one(`SELECT pid FROM leads WHERE name = ${lit(name)}`);
  leadId = one(`SELECT id FROM leads WHERE pid = ${lit(pid)}`);
  // every lead worker holds a database connection before the kill
  for (let i = 0; i < 9; i++) assert.equal((await freshRequest('GET', `/lead/${pid}/`, { jar: s.jar })).status, 200);
  const workers = workerPids('lead');
  assert.ok(workers.length >= 2, `the lead program has workers: ${workers}`);
  const limit = hangLimitMs();

  let phase = 'up';   // up → down (killed, confirmed dead) → restarting → up
  let acked = 0;
  let downAnswers = 0;
  let restarted = false;
  const step = async (c, i) => {
    if ((i >= PER_CLIENT && phase === 'up' && restarted) || i >= MAX_PER_CLIENT) return false;
    const text = `fault-db ${tag} c${c} n${i}`;
    const sentIn = phase;
    const res = await freshRequest('POST', `/lead/${pid}/note`, { jar: s.jar, body: { csrf: s.csrf, text }, timeout: limit });
    const rec = { text, sentIn, answeredIn: phase, status: res.status, error: res.error, message: res.body ? errorMessage(res.body) : null };
    if (res.status === 303) acked++;
    if (sentIn === 'down' && rec.answeredIn === 'down') downAnswers++;
    if (phase !== 'up') await sleep(20);   // while down, no tight loop
    return rec;
  };
  const controller = (async () => {
    await waitFor(() => acked >= KILL_AFTER, `${KILL_AFTER} notes acknowledged`, { tries: 6000 });
    const dbPid = pidFile('mariadbd');
    process.kill(dbPid, 'SIGKILL');
    await waitFor(() => !alive(dbPid), 'mariadbd gone');
    phase = 'down';
    await waitFor(() => downAnswers >= DOWN_ANSWERS, `${DOWN_ANSWERS} answers while the database is down`, { tries: 6000 });
    phase = 'restarting';
    await run(`${ROOT}/scripts/stack`, ['db-start'], { env: process.env });
    phase = 'up';
    restarted = true;
  })();
  const [records] = await Promise.all([runLoad(CLIENTS, step), controller]);

  assert.ok(restarted, 'the database was killed and started again under the load');
  // no request failed at the HTTP level and none hung past the limit
  const errors = records.filter((r) => r.error);
  assert.deepEqual(errors, [], 'every request was answered');
  // while the database was down: 503 with the database message, nothing else
  const down = records.filter((r) => r.sentIn === 'down' && r.answeredIn === 'down');
  assert.ok(down.length >= DOWN_ANSWERS, `answers while down: ${down.length}`);
  for (const r of down) {
    assert.equal(r.status, 503, `sent and answered while the database was down: ${JSON.stringify(r)}`);
    assert.match(r.message ?? '', /database/i, 'the 503 names the database');
  }
  // around the kill and the restart: either acknowledged or 503, never a 500
  for (const r of records) assert.ok(r.status === 303 || r.status === 503, `status ${r.status}: ${JSON.stringify(r)}`);
  // after the restart the load goes on: the last note of every client is acknowledged
  for (let c = 0; c < CLIENTS; c++) {
    const mine = records.filter((r) => r.text.includes(` c${c} `));
    assert.ok(mine.length < MAX_PER_CLIENT, `client ${c} finished after the restart`);
    assert.equal(mine.at(-1).status, 303, `client ${c}: its last note, after the restart, acknowledged`);
  }

  // nothing acknowledged was lost: each 303 note is in the database exactly once
  const stored = new Map();
  for (const [body] of sql(`SELECT body_text FROM activities WHERE lead_id = ${leadId} AND type = 'note'`)) {
    stored.set(body, (stored.get(body) ?? 0) + 1);
  }
  const ok = records.filter((r) => r.status === 303);
  const lost = ok.filter((r) => stored.get(r.text) !== 1);
  assert.deepEqual(lost.map((r) => r.text), [], `acknowledged notes missing or doubled (of ${ok.length})`);
  // and no note appears that no request sent
  const sent = new Set(records.map((r) => r.text));
  for (const body of stored.keys()) assert.ok(sent.has(body), `an unexpected note: ${body}`);
  const refusedButStored = records.filter((r) => r.status === 503 && stored.has(r.text));
  // a commit whose answer was lost with the connection can be stored although the
  // worker could only answer 503; report it, it is not a lost acknowledgement
  if (refusedButStored.length) t.diagnostic(`503 answered for ${refusedButStored.length} note(s) the database did commit`);

  // the workers recovered by themselves: the same pids
  assert.deepEqual(workerPids('lead'), workers, 'the lead workers are the same processes');
  t.diagnostic(`${ok.length} acknowledged, ${records.length - ok.length} answered 503, ${down.length} while down`);
});
