// tests/lib/http-extra.mjs — helpers shared by the HTTP tests on top of
// client.mjs: logging in step by step, reading cookies, pages and the
// instance's configuration, and SQL values that need quoting.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { get, post, request, csrfOf, sql, VAR, PASSWORD } from './client.mjs';

export { PASSWORD };

// A string as a SQL string literal (quotes and backslashes escaped).
export function lit(s) {
  return `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\0')}'`;
}

// The first column of the first row, or undefined.
export function one(query) {
  const rows = sql(query);
  return rows.length ? rows[0][0] : undefined;
}

// Set-Cookie lines parsed: [{ name, value, attrs: Map(lowercase name -> value|true) }].
export function parseSetCookies(res) {
  return res.setCookies.map((line) => {
    const [pair, ...rest] = line.split(';');
    const i = pair.indexOf('=');
    const attrs = new Map();
    for (const a of rest) {
      const j = a.indexOf('=');
      if (j < 0) attrs.set(a.trim().toLowerCase(), true);
      else attrs.set(a.slice(0, j).trim().toLowerCase(), a.slice(j + 1).trim());
    }
    return { name: pair.slice(0, i).trim(), value: pair.slice(i + 1).trim(), attrs, line };
  });
}

// The Set-Cookie of that name in a response, or undefined.
export function cookieOf(res, name) {
  return parseSetCookies(res).find((c) => c.name === name);
}

// True when the response sets a non-empty cookie whose name ends with "ll_session".
export function setsSession(res) {
  return parseSetCookies(res).some((c) => /(^|-)ll_session$/.test(c.name) && c.value !== '' &&
    !/^0$/.test(String(c.attrs.get('max-age') ?? '')));
}

// GET /login into jar; returns the csrf value of the form.
export async function loginForm(jar, { tls = false, next } = {}) {
  const res = await get(next === undefined ? '/login' : `/login?next=${encodeURIComponent(next)}`, { jar, tls });
  assert.equal(res.status, 200, `GET /login: ${res.status}`);
  const csrf = csrfOf(res.body);
  assert.ok(csrf, 'the login form has a csrf field');
  return csrf;
}

// Posts the login form (fetching it first unless csrf is given). Returns the response.
export async function postLogin(jar, { email, password = PASSWORD, next, csrf, tls = false, extra = {} } = {}) {
  const token = csrf === undefined ? await loginForm(jar, { tls }) : csrf;
  const form = {};
  if (token !== null) form.csrf = token;
  form.email = email;
  form.password = password;
  if (next !== undefined) form.next = next;
  Object.assign(form, extra);
  return post('/login', form, { jar, tls });
}

// A fresh session for a user: { jar, token, csrf } where csrf is the session's
// token from the logout form of /leads.
export async function session(email, { tls = false } = {}) {
  const jar = new Map();
  const res = await postLogin(jar, { email, next: '/leads', tls });
  assert.equal(res.status, 303, `login ${email}: ${res.status}`);
  const name = tls ? '__Host-ll_session' : 'll_session';
  const token = jar.get(name);
  assert.ok(token, `login ${email} set ${name}`);
  const page = await get('/leads', { jar, tls });
  assert.equal(page.status, 200, `GET /leads after login: ${page.status}`);
  const csrf = csrfOf(page.body);
  assert.ok(csrf, 'the logged-in page has the logout form with its csrf');
  return { jar, token, csrf, name };
}

// A jar holding only this session cookie (for replaying an old token).
export function jarWith(name, token) {
  return new Map([[name, token]]);
}

// The session row (by its csrf token, which the pages show), or undefined.
export function sessionRow(csrf) {
  const rows = sql(`SELECT id, HEX(token_hash), LENGTH(token_hash) FROM sessions WHERE csrf_token = ${lit(csrf)}`);
  return rows[0];
}

export function sessionCount() {
  return Number(one('SELECT COUNT(*) FROM sessions'));
}

// A key of the instance's leadline.conf.
export function conf(key) {
  const text = readFileSync(process.env.LEADLINE_CONF || `${VAR}/leadline.conf`, 'utf8');
  let v;
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*([a-z_]+)\s*=\s*(.*?)\s*$/);
    if (m && m[1] === key) v = m[2];
  }
  return v;
}

// The worker pids of a page program: children of its multiwatch.
export function workerPids(program) {
  const parent = readFileSync(`${VAR}/run/${program}.pid`, 'utf8').trim();
  // multiwatch is the process spawn-fcgi recorded; its children are the workers
  let out = '';
  try {
    out = execFileSync('pgrep', ['-P', parent], { encoding: 'utf8' });
  } catch {
    out = '';
  }
  return out.split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// A well-formed id that (almost surely) names nothing.
export function randomId(prefix) {
  let s = prefix;
  for (let i = 0; i < 40; i++) s += B62[randomInt(62)];
  return s;
}

export function orgId(name) {
  const id = one(`SELECT id FROM organizations WHERE name = ${lit(name)}`);
  assert.ok(id, `organization ${name} exists`);
  return id;
}

export function leadPid(name) {
  const pid = one(`SELECT pid FROM leads WHERE name = ${lit(name)}`);
  assert.ok(pid, `lead ${name} exists`);
  return pid;
}

// Lead pids linked from a page, in order.
export function leadLinks(html) {
  return [...html.matchAll(/href="\/lead\/(lead_[0-9A-Za-z]{40})\/"/g)].map((m) => m[1]);
}

// The href of the "Next page" link (HTML entities undone), or null.
export function nextPageHref(html) {
  const m = html.match(/<a\b[^>]*\bhref="([^"]*)"[^>]*>\s*Next page\s*<\/a>/i);
  return m ? m[1].replace(/&amp;/g, '&').replace(/&#61;/g, '=') : null;
}

// Walks /leads and its "Next page" links; returns the pages' lead pids in order.
export async function allListedLeads(jar, { maxPages = 200 } = {}) {
  const seen = [];
  let href = '/leads';
  for (let i = 0; href && i < maxPages; i++) {
    const res = await get(href, { jar });
    assert.equal(res.status, 200, `GET ${href}: ${res.status}`);
    seen.push(...leadLinks(res.body));
    href = nextPageHref(res.body);
  }
  return seen;
}

// The text of the error message of an error page (the <p class="message">).
export function errorMessage(html) {
  const m = html.match(/<p class="message">([\s\S]*?)<\/p>/);
  return m ? m[1].trim() : null;
}

// Asserts an error page of the application: status, an HTML page naming the
// status and a message matching re.
export function assertErrorPage(res, status, re, what = '') {
  assert.equal(res.status, status, `${what} status (body: ${res.body.slice(0, 300)})`);
  assert.match(res.headers['content-type'] || '', /^text\/html/, `${what} is an HTML page`);
  const msg = errorMessage(res.body);
  assert.ok(msg, `${what} has a message`);
  if (re) assert.match(msg, re, `${what} message`);
  return msg;
}

export { get, post, request, csrfOf, sql };

// Forgets every counted login failure (lib/throttle.c): for tests of other
// things that refuse logins on purpose, more than the throttle lets through.
export function clearThrottle() {
  sql('DELETE FROM auth_throttle');
}
