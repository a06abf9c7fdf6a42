// A valgrind run of one worker over thousands of requests shows no leak and
// flat memory. One `leads` worker is started by itself under spawn-fcgi -n
// (no nginx, no multiwatch) and driven over its socket with tests/lib/fcgi.mjs
// using ada's real session: the list, the list continued after a lead, and the
// error paths (404, 400, 302 without a session).
//   a. natively: VmRSS after 1,000 requests (warm-up) and after 6,000 more
//      grows by at most 512 KB;
//   b. under valgrind memcheck: 2,000 requests, then SIGTERM: the loop ends,
//      everything is freed, the process exits 0, and the log shows no
//      definite or indirect leak and no memory error.
// Needs spawn-fcgi and valgrind (scripts/stack deps installs them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { login } from '../lib/client.mjs';
import { fcgiRequest } from '../lib/fcgi.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = process.env.LL_ROOT || path.resolve(HERE, '..', '..');
const BUILD = process.env.LL_BUILD || path.join(ROOT, 'build');
const BIN = path.join(BUILD, 'cgi-bin', 'leads');
const CONF = process.env.LEADLINE_CONF;
const OUT = path.join(ROOT, 'tests', 'out');
const VALGRIND_LOG = path.join(OUT, 'valgrind-leads.log');
const SUPP = path.join(ROOT, 'tests', 'valgrind.supp');

const WARMUP = 1000;
const MEASURED = 6000;
const RSS_GROWTH_MAX_KB = 512;
const VALGRIND_REQUESTS = 2000;

let session;       // ada's ll_session cookie value
const workers = new Set();

before(async () => {
  assert.ok(CONF, 'LEADLINE_CONF names the instance configuration');
  assert.ok(existsSync(BIN), `${BIN} is built`);
  mkdirSync(OUT, { recursive: true });
  const jar = await login('ada@northwind.test');
  session = jar.get('ll_session');
  assert.ok(session, 'logging in over HTTP gave an ll_session cookie');
});

after(async () => {
  for (const w of workers) await stopWorker(w, 5000).catch(() => {});
});

// ---- one worker under spawn-fcgi -n ---------------------------------------

// spawn-fcgi -n binds the socket and execs argv with it on fd 0: the child's
// pid is the worker's (or valgrind's, which runs the worker in-process).
function startWorker(argv) {
  const dir = mkdtempSync(path.join(tmpdir(), 'll-mem-'));
  const sock = path.join(dir, 'leads.sock');
  const child = spawn('spawn-fcgi', ['-n', '-s', sock, '--', ...argv], {
    env: { ...process.env, LEADLINE_CONF: CONF },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const w = { child, sock, dir, output: () => output, exit: null };
  w.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => { w.exit = { code, signal }; resolve(w.exit); });
    child.on('error', (e) => { output += String(e); w.exit = { code: null, signal: null, error: e }; resolve(w.exit); });
  });
  workers.add(w);
  return w;
}

// Polls until the worker answers a first request (valgrind starts slowly).
async function waitReady(w, params, ms) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    if (w.exit) throw new Error(`the worker exited before answering: ${JSON.stringify(w.exit)}\n${w.output()}`);
    if (existsSync(w.sock)) {
      try {
        return await fcgiRequest(w.sock, params, '', { timeout: Math.max(1000, deadline - Date.now()) });
      } catch (e) {
        last = e;
      }
    }
    await sleep(100);
  }
  throw new Error(`the worker did not answer within ${ms} ms: ${last}\n${w.output()}`);
}

// SIGTERM, then waits for the exit; SIGKILL after ms. Resolves the exit.
async function stopWorker(w, ms) {
  if (!w.exit) {
    w.child.kill('SIGTERM');
    let timer;
    const timedOut = await Promise.race([
      w.exited.then(() => false),
      new Promise((resolve) => { timer = setTimeout(resolve, ms, true); }),
    ]);
    clearTimeout(timer);   // a pending timer would keep node running
    if (timedOut) {
      w.child.kill('SIGKILL');
      await w.exited;
      w.exit = { ...w.exit, timedOut: true };
    }
  }
  workers.delete(w);
  rmSync(w.dir, { recursive: true, force: true });
  return w.exit;
}

// The full path of a program on PATH (spawn-fcgi's exec does not search PATH).
function which(name) {
  for (const dir of (process.env.PATH || '/usr/bin:/bin').split(':')) {
    const p = path.join(dir || '.', name);
    if (existsSync(p)) return p;
  }
  assert.fail(`${name} is not installed (scripts/stack deps valgrind)`);
}

function rssKb(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  assert.ok(m, `VmRSS of ${pid}`);
  return Number(m[1]);
}

// ---- the request mix --------------------------------------------------------

function params(uri, query = '', { cookie = true } = {}) {
  return {
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_SOFTWARE: 'leadline-tests',
    SERVER_PROTOCOL: 'HTTP/1.1',
    REQUEST_METHOD: 'GET',
    DOCUMENT_URI: uri,
    SCRIPT_NAME: uri,
    REQUEST_URI: query ? `${uri}?${query}` : uri,
    QUERY_STRING: query,
    HTTP_HOST: '127.0.0.1',
    REMOTE_ADDR: '127.0.0.1',
    HTTP_COOKIE: cookie ? `ll_session=${session}` : undefined,
  };
}

const LEAD_LINK = /href="\/lead\/(lead_[0-9A-Za-z]{40})\/"/g;

// Twenty requests, repeated: mostly the list, and every path that ends early.
function mix(afterPid) {
  const list = {
    name: 'GET /leads', params: params('/leads'), status: 200,
    check: (r) => r.body.includes('Globex Corporation') && r.body.includes(`/lead/${afterPid}/`),
  };
  const after = {
    name: 'GET /leads?after=<first lead>', params: params('/leads', `after=${afterPid}`), status: 200,
    check: (r) => r.body.includes('<h1>Leads</h1>') && !r.body.includes(`/lead/${afterPid}/`),
  };
  const nope = {
    name: 'GET /nope', params: params('/nope'), status: 404,
    check: (r) => r.body.includes('There is no such page.'),
  };
  const bad = { name: 'GET /leads?after=%FF', params: params('/leads', 'after=%FF'), status: 400, check: () => true };
  const anon = {
    name: 'GET /leads without a session', params: params('/leads', '', { cookie: false }), status: 302,
    check: (r) => /^\/login\?next=(\/|%2F)leads$/.test(r.headers.location ?? ''),
  };
  return [...Array(14).fill(list), after, nope, list, bad, after, anon];
}

// Sends n requests one after another; throws at the first unexpected answer.
async function drive(sock, plan, n, offset = 0) {
  for (let i = 0; i < n; i++) {
    const q = plan[(offset + i) % plan.length];
    const r = await fcgiRequest(sock, q.params);
    if (r.status !== q.status || !q.check(r)) {
      assert.fail(`request ${offset + i + 1} (${q.name}): status ${r.status}, wanted ${q.status}` +
        `${r.status === q.status ? ' (the body or headers are not as expected)' : ''}\n` +
        `${JSON.stringify(r.headers)}\n${r.body.slice(0, 600)}`);
    }
  }
}

// The first lead on ada's list, read from the worker's own answer.
function firstLeadOf(res) {
  assert.equal(res.status, 200, `the first GET /leads answers 200:\n${res.body.slice(0, 600)}`);
  const m = [...res.body.matchAll(LEAD_LINK)];
  assert.ok(m.length >= 2, 'ada sees at least two leads (one to continue after)');
  return m[0][1];
}

// ---- a. flat memory ---------------------------------------------------------

// make test SANITIZE=1: ASan's quarantine and shadow memory say
// nothing of the plain build's RSS, and valgrind cannot run an ASan binary;
// the plain make test runs both, and ASan's LeakSanitizer covers leaks here.
const SAN_SKIP = process.env.LL_SANITIZE ? 'an ASan build (make test SANITIZE=1): the plain make test runs it' : false;

test(`one worker's RSS grows by at most ${RSS_GROWTH_MAX_KB} KB over ${MEASURED} requests after ${WARMUP} of warm-up`,
  { timeout: 90_000, skip: SAN_SKIP }, async (t) => {
    const w = startWorker([BIN]);
    try {
      const pid = w.child.pid;
      const plan = mix(firstLeadOf(await waitReady(w, params('/leads'), 10_000)));
      assert.equal(readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), 'leads', 'the measured process is the worker');
      const t0 = Date.now();
      await drive(w.sock, plan, WARMUP - 1, 1);
      const warm = rssKb(pid);
      const samples = [warm];
      for (let done = 0; done < MEASURED; done += 1000) {
        await drive(w.sock, plan, 1000, WARMUP + done);
        samples.push(rssKb(pid));
      }
      const end = samples[samples.length - 1];
      const ms = Date.now() - t0;
      t.diagnostic(`VmRSS after ${WARMUP} requests: ${warm} kB; every 1,000 after: ${samples.slice(1).join(', ')} kB; ` +
        `growth ${end - warm} kB; ${WARMUP + MEASURED} requests in ${ms} ms (${(ms / (WARMUP + MEASURED)).toFixed(2)} ms each)`);
      assert.equal(w.exit, null, 'the worker is still running');
      assert.ok(end - warm <= RSS_GROWTH_MAX_KB,
        `VmRSS grew by ${end - warm} kB (from ${warm} to ${end} kB; samples ${samples.join(', ')}), at most ${RSS_GROWTH_MAX_KB} allowed`);
    } finally {
      const exit = await stopWorker(w, 10_000);
      t.diagnostic(`worker exit after SIGTERM: ${JSON.stringify(exit)}`);
    }
  });

// ---- b. valgrind --------------------------------------------------------------

function leakLine(log, kind) {
  const m = log.match(new RegExp(`${kind} lost: ([\\d,]+) bytes in ([\\d,]+) blocks`));
  return m ? `${m[1]} bytes in ${m[2]} blocks` : 'n/a';
}

test(`under valgrind, ${VALGRIND_REQUESTS} requests and a SIGTERM leave no leak and no memory error`,
  { timeout: 170_000, skip: SAN_SKIP }, async (t) => {
    rmSync(VALGRIND_LOG, { force: true });
    // spawn-fcgi execs with execv (no PATH search): the full path
    const vg = [which('valgrind'), '--leak-check=full', '--show-leak-kinds=definite,indirect',
      '--errors-for-leak-kinds=definite,indirect', '--error-exitcode=99', `--log-file=${VALGRIND_LOG}`];
    if (existsSync(SUPP) && statSync(SUPP).size > 0) vg.push(`--suppressions=${SUPP}`);
    const w = startWorker([...vg, BIN]);
    let exit;
    try {
      const t0 = Date.now();
      const plan = mix(firstLeadOf(await waitReady(w, params('/leads'), 60_000)));
      const t1 = Date.now();
      await drive(w.sock, plan, VALGRIND_REQUESTS - 1, 1);
      const t2 = Date.now();
      exit = await stopWorker(w, 60_000);
      t.diagnostic(`valgrind: ready after ${t1 - t0} ms; ${VALGRIND_REQUESTS} requests in ${t2 - t1} ms; ` +
        `exit after SIGTERM in ${Date.now() - t2} ms: ${JSON.stringify(exit)}`);
    } finally {
      if (!exit) await stopWorker(w, 5000);
    }
    const log = existsSync(VALGRIND_LOG) ? readFileSync(VALGRIND_LOG, 'utf8') : '';
    const summary = (log.match(/ERROR SUMMARY: .*/) || ['no ERROR SUMMARY'])[0].replace(/^==\d+== /, '');
    t.diagnostic(`definitely lost: ${leakLine(log, 'definitely')}; indirectly lost: ${leakLine(log, 'indirectly')}; ` +
      `possibly lost: ${leakLine(log, 'possibly')}; still reachable: ${(log.match(/still reachable: ([\d,]+ bytes in [\d,]+ blocks)/) || [, 'n/a'])[1]}; ` +
      `${log.includes('All heap blocks were freed -- no leaks are possible') ? 'all heap blocks were freed; ' : ''}${summary}`);
    assert.ok(!exit.timedOut, `the worker ended within 60 s of SIGTERM (see ${VALGRIND_LOG})`);
    assert.ok(log.length > 0, `valgrind wrote ${VALGRIND_LOG}`);
    assert.equal(exit.signal, null, `the worker exited by itself, not by signal ${exit.signal}`);
    assert.notEqual(exit.code, 99, `valgrind found errors or leaks (exit 99); see ${VALGRIND_LOG}`);
    assert.equal(exit.code, 0, `the worker exits 0 after SIGTERM; see ${VALGRIND_LOG}`);
    assert.ok(/definitely lost: 0 bytes in 0 blocks/.test(log) || /no leaks are possible/.test(log),
      `no memory definitely lost; see ${VALGRIND_LOG}`);
    assert.ok(!/indirectly lost: [1-9]/.test(log), `no memory indirectly lost; see ${VALGRIND_LOG}`);
    assert.match(log, /ERROR SUMMARY: 0 errors from 0 contexts/, `no memory error; see ${VALGRIND_LOG}`);
  });
