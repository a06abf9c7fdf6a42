// FastCGI answers pass through nginx unbuffered (scripts/nginx.conf.in
// says why: nginx 1.22's buffered reader loses answers on reload). The cost
// that choice could have: a client that reads slowly holding a page worker
// for as long as it takes. This proves it does not, for the lead page:
// more clients than there are lead workers ask for the Globex page and read
// nothing; every other reader is still answered, and each stalled client, once
// it reads, gets its whole page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { session, leadPid, workerPids } from '../lib/http-extra.mjs';
import { execFileSync } from 'node:child_process';
import { freshRequest, waitFor } from '../lib/load.mjs';
import { BASE } from '../lib/client.mjs';

// A raw connection that sends one GET and does not read until told to.
function stalledGet(path, cookie) {
  const url = new URL(BASE);
  const s = net.connect({ host: url.hostname, port: Number(url.port) });
  s.pause();
  s.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
  return {
    // reads to the end: the header block and the body's length in bytes
    readAll() {
      return new Promise((resolve) => {
        const chunks = [];
        s.on('data', (c) => chunks.push(c));
        s.on('end', () => {
          const all = Buffer.concat(chunks);
          const cut = all.indexOf('\r\n\r\n');
          resolve({ head: all.subarray(0, cut).toString('latin1'), bodyBytes: all.length - cut - 4 });
        });
        s.on('error', (e) => resolve({ error: e.message }));
        s.resume();
      });
    },
    destroy: () => s.destroy(),
    localPort: () => s.localPort,
  };
}

// The local ports of this machine's TCP connections to the instance whose
// receive queue holds bytes not yet read (ss, iproute2): an answer that has
// started to arrive for a client that reads nothing.
function portsWithUnreadBytes() {
  const out = execFileSync('ss', ['-tnH', 'state', 'established', `dport = :${new URL(BASE).port}`], { encoding: 'utf8' });
  const ports = new Set();
  for (const line of out.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 4 && Number(f[0]) > 0) ports.add(Number(f[2].slice(f[2].lastIndexOf(':') + 1)));
  }
  return ports;
}

test('clients that never read the lead page do not hold its workers', { timeout: 120000 }, async () => {
  const { jar } = await session('ada@northwind.test');
  const path = `/lead/${leadPid('Globex Corporation')}/`;
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const workers = workerPids('lead').length;
  assert.ok(workers >= 1, 'lead workers are running');
  const full = await freshRequest('GET', path, { jar });
  assert.equal(full.status, 200);
  const size = Number(full.headers['content-length']);
  assert.ok(size > 100000, `the Globex page is a big answer (${size} bytes)`);

  const stalled = Array.from({ length: workers * 4 }, () => stalledGet(path, cookie));
  try {
    // every stalled request has reached a worker: its answer is arriving
    await waitFor(() => {
      const ports = portsWithUnreadBytes();
      return stalled.every((s) => ports.has(s.localPort()));
    }, 'every stalled client has the start of its answer');
    // the workers are free: each of these is answered (well before the 60 s
    // nginx would wait on a stalled client)
    for (let i = 0; i < workers * 2; i++) {
      const res = await freshRequest('GET', path, { jar, timeout: 30000 });
      assert.equal(res.error, undefined, `request ${i} while ${stalled.length} clients read nothing`);
      assert.equal(res.status, 200);
      assert.equal(Buffer.byteLength(res.body), size);
    }
    // and nothing was lost for the slow ones
    for (const [i, s] of stalled.entries()) {
      const got = await s.readAll();
      assert.equal(got.error, undefined, `stalled client ${i}`);
      assert.match(got.head, /^HTTP\/1\.1 200 /, `stalled client ${i}`);
      assert.equal(got.bodyBytes, size, `stalled client ${i} got the whole page`);
    }
  } finally {
    for (const s of stalled) s.destroy();
  }
});
