// tests/lib/load.mjs — a bounded load on loopback for the fault tests: a few
// concurrent clients, each sending its requests one after another, every
// answer (or error) recorded. No timing is asserted: the fault tests count
// outcomes, not speed.
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BASE, VAR } from './client.mjs';

const base = new URL(BASE);

// One request on its own connection (agent: false, Connection: close), so a
// closed keep-alive connection of a previous request cannot be what fails.
// Resolves { status, headers, body } or { error }.
export function freshRequest(method, path, { body, jar, headers = {}, timeout = 30000 } = {}) {
  return new Promise((resolve) => {
    const h = { connection: 'close', ...headers };
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : new URLSearchParams(body).toString();
      h['content-type'] ??= 'application/x-www-form-urlencoded';
      h['content-length'] = Buffer.byteLength(payload);
    }
    if (jar && jar.size) h.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const req = http.request({ host: base.hostname, port: base.port, method, path, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.setTimeout(timeout, () => req.destroy(new Error(`no answer within ${timeout} ms: ${method} ${path}`)));
    req.on('error', (e) => resolve({ error: e.message }));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// Runs `clients` loops concurrently; loop c calls step(c, i) for i = 0, 1, ...
// until step returns false or until(…) is true. Resolves the records the steps
// returned (flattened, in no particular order).
export async function runLoad(clients, step) {
  const out = [];
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; ; i++) {
      const rec = await step(c, i);
      if (rec === false) break;
      out.push(rec);
    }
  }));
  return out;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Waits until cond() is true, polling (a fault test's step, not a timing assertion).
export async function waitFor(cond, what, { tries = 600, every = 50 } = {}) {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await sleep(every);
  }
  throw new Error(`gave up waiting for: ${what}`);
}

// True while the process runs (a zombie, killed and not yet reaped, is not running).
export function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export function pidFile(name) {
  return Number(readFileSync(`${VAR}/run/${name}.pid`, 'utf8').trim());
}

// The nginx command line of the test instance (scripts/stack nginx_start).
export function nginxSignal(signal) {
  execFileSync('nginx', ['-p', `${VAR}/nginx`, '-c', `${VAR}/nginx.conf`, '-e', `${VAR}/log/nginx.err`, '-s', signal],
    { stdio: 'ignore' });
}
