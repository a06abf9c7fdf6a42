// Tests/lib/fake-openai.mjs — a fake OpenAI-compatible chat completions server
// for the summary tests (S4): real HTTP on loopback, a random port.
// It records every request and plays the scripted answers in order (then a
// default success).
//
//   const fake = await startFake();      fake.url: 'http://127.0.0.1:<port>/v1'
//   fake.script({ content: 'text' })     200, a chat completion with that text
//   fake.script({ status: 401 })         an error status (JSON error body)
//   fake.script({ status: 429, retryAfter: '1' })
//   fake.script({ hang: true })          never answers (closed by fake.close())
//   fake.script({ raw: 'not json' })     200 with that body
//   fake.script({ bytes: 300000 })       200, a chat completion of that many bytes
//   fake.requests                        [{ method, path, headers, body, json }]
//
// restartSummary(env) restarts the instance's summary program with these
// LEADLINE_* variables added (the workers read their configuration at start);
// restartSummary({}) puts it back as scripts/stack started it.
import http from 'node:http';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { VAR } from './client.mjs';

export async function startFake() {
  const queue = [];
  const requests = [];
  const hanging = new Set();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json = null;
      try { json = JSON.parse(body); } catch { /* recorded as is */ }
      requests.push({ method: req.method, path: req.url, headers: req.headers, body, json });
      const a = queue.shift() || { content: 'Fake summary.' };
      if (a.hang) { hanging.add(res); return; }
      if (a.raw !== undefined) {
        res.writeHead(a.status || 200, { 'content-type': 'application/json' });
        res.end(a.raw);
        return;
      }
      if (a.status && a.status !== 200) {
        const h = { 'content-type': 'application/json' };
        if (a.retryAfter !== undefined) h['retry-after'] = a.retryAfter;
        res.writeHead(a.status, h);
        res.end(JSON.stringify({ error: { message: `scripted ${a.status}`, type: 'fake' } }));
        return;
      }
      const content = a.bytes ? 'x'.repeat(a.bytes) : a.content;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: 'chatcmpl-fake', object: 'chat.completion', created: 0, model: json?.model ?? 'fake',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    script: (...answers) => { queue.push(...answers); },
    reset: () => { queue.length = 0; requests.length = 0; },
    close: () => new Promise((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

// Restarts the summary program (spawn-fcgi + multiwatch, as scripts/stack does) with env added.
export async function restartSummary(env) {
  const run = `${VAR}/run`;
  const pidFile = `${run}/summary.pid`;
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    try { process.kill(pid); } catch { /* gone already */ }
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(50);
    fs.rmSync(pidFile, { force: true });
  }
  fs.rmSync(`${run}/summary.sock`, { force: true });
  const build = process.env.LL_BUILD || `${process.env.LL_ROOT}/build`;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LEADLINE_SUMMARY_')));
  execFileSync('spawn-fcgi', ['-s', `${run}/summary.sock`, '-M', '0600', '-P', pidFile, '--',
    '/usr/bin/multiwatch', '-f', '2', '--', `${build}/cgi-bin/summary`],
  { env: { ...clean, LEADLINE_CONF: `${VAR}/leadline.conf`, ...env }, stdio: 'ignore' });
}
