// The instance as a whole: multiwatch respawns a worker that dies, and data
// (a session, here) survives a full stop and start. Runs last: it restarts
// the instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get, login, stack, VAR } from '../lib/client.mjs';

const workersOf = (prog) => {
  const pid = readFileSync(`${VAR}/run/${prog}.pid`, 'utf8').trim();
  try {
    return execFileSync('pgrep', ['-P', pid], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch { return []; }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('each page program runs several workers, and a killed one is respawned', async () => {
  const jar = await login('ada@northwind.test');
  const before = workersOf('leads');
  assert.ok(before.length >= 2, `several workers: ${before}`);
  process.kill(before[0], 'SIGKILL');
  let after = [];
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    after = workersOf('leads');
    if (after.length === before.length && !after.includes(before[0])) break;
  }
  assert.equal(after.length, before.length, 'as many workers as before');
  assert.ok(!after.includes(before[0]), 'the killed worker is gone');
  for (let i = 0; i < 10; i++) assert.equal((await get('/leads', { jar })).status, 200);
});

test('data survives a stop and a start of the whole instance', async () => {
  const jar = await login('ada@northwind.test');
  assert.equal((await get('/leads', { jar })).status, 200);
  stack('stop');
  await assert.rejects(get('/leads', { jar, timeout: 2000 }), 'nothing answers while stopped');
  stack('start');
  const res = await get('/leads', { jar });
  assert.equal(res.status, 200, 'the session made before the restart still works');
  assert.match(res.body, /Globex Corporation/);
});
