// tests/lib/client.mjs — a plain HTTP client for the suite: no redirects
// followed, raw bytes allowed, a cookie jar per session.
import http from 'node:http';
import https from 'node:https';
import { execFileSync } from 'node:child_process';

export const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
export const TLS_BASE = process.env.TLS_URL || null;
const base = new URL(BASE);
export const ROOT = process.env.LL_ROOT;
export const VAR = process.env.LL_VAR;
export const PASSWORD = 'leadline-demo';

// One request. body: string | Buffer | object (urlencoded); rawPath sends the
// path bytes as given; tls: true goes to the instance's TLS port (self-signed).
// Resolves { status, headers, body, setCookies }.
export function request(method, path, { headers = {}, body, jar, rawPath = false, timeout = 15000, tls = false } = {}) {
  return new Promise((resolve, reject) => {
    let payload = body;
    const h = { ...headers };
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
      payload = new URLSearchParams(body).toString();
      h['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    if (payload !== undefined) h['content-length'] ??= Buffer.byteLength(payload);
    if (jar && jar.size) h.cookie ??= [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const target = tls ? new URL(TLS_BASE) : base;
    const req = (tls ? https : http).request({
      host: target.hostname, port: target.port, method, path, headers: h,
      insecureHTTPParser: rawPath, rejectUnauthorized: false,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const setCookies = res.headers['set-cookie'] || [];
        if (jar) {
          for (const c of setCookies) {
            const [pair, ...attrs] = c.split(';');
            const i = pair.indexOf('=');
            const name = pair.slice(0, i).trim();
            const value = pair.slice(i + 1).trim();
            if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') jar.delete(name);
            else jar.set(name, value);
          }
        }
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), setCookies });
      });
    });
    req.setTimeout(timeout, () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export const get = (path, opts) => request('GET', path, opts);
export const post = (path, body, opts = {}) => request('POST', path, { ...opts, body });

// The value of a hidden csrf field in a page.
export function csrfOf(html) {
  const m = html.match(/name="csrf" value="([^"]+)"/);
  return m ? m[1] : null;
}

// Logs in; returns the cookie jar holding the session (throws on failure).
export async function login(email, password = PASSWORD) {
  const jar = new Map();
  const form = await get('/login', { jar });
  const res = await post('/login', { csrf: csrfOf(form.body), email, password, next: '/leads' }, { jar });
  if (res.status !== 303) throw new Error(`login ${email}: ${res.status}`);
  return jar;
}

// Runs SQL on the test instance's database as root; returns rows of tab-separated text.
export function sql(query) {
  const out = execFileSync('mariadb', ['--no-defaults', '-S', `${VAR}/run/mysqld.sock`, '-u', 'root',
    '-N', '-B', 'leadline', '-e', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}

// Runs a scripts/stack command against the test instance.
export function stack(cmd) {
  execFileSync(`${ROOT}/scripts/stack`, [cmd], { stdio: 'ignore', env: process.env });
}
