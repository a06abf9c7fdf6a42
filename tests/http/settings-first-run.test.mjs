// O1, O3 — a real install's first run: llctl create-org makes the
// organization, its default statuses and its admin and prints a one-time
// link (24 hours) where the admin sets a password; llctl reset-link and the
// login page's "forgot password"; every bad link is a clear page that
// changes nothing.
import { test, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { get, post, sql } from '../lib/client.mjs';
import { lit, one, clearThrottle } from '../lib/http-extra.mjs';
import { llctl, linkIn, tokenOf, createOrg, openLink, setPassword, dropOrgs, uniq } from '../lib/settings.mjs';

const made = [];
after(() => dropOrgs(made));
beforeEach(() => clearThrottle());

const PW = 'first-run-password';

test('llctl create-org: the organization, 4 lead and 3 opportunity statuses, the admin membership and a 24-hour link stored only as a hash', () => {
  const org = createOrg({ mode: 'b2c', plan: 'essentials' });
  made.push(org.orgId);
  assert.ok(org.orgId, 'the organization exists');
  assert.deepEqual(sql(`SELECT plan, lead_mode FROM organizations WHERE id = ${org.orgId}`), [['essentials', 'b2c']]);
  assert.deepEqual(sql(`SELECT label FROM lead_statuses WHERE organization_id = ${org.orgId} ORDER BY position`).map((r) => r[0]),
    ['Potential', 'Bad Fit', 'Qualified', 'Customer']);
  assert.deepEqual(sql(`SELECT label, type FROM opportunity_statuses WHERE organization_id = ${org.orgId} ORDER BY position`),
    [['Active', 'active'], ['Won', 'won'], ['Lost', 'lost']]);
  assert.deepEqual(sql(`SELECT m.role, m.active, u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = ${org.orgId}`),
    [['admin', '1', org.email]]);
  const token = tokenOf(org.link);
  assert.equal(token.length, 43);
  const hash = createHash('sha256').update(token).digest('hex').toUpperCase();
  const rows = sql(`SELECT kind, TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), expires_at) FROM auth_links WHERE HEX(token_hash) = '${hash}'`);
  assert.equal(rows.length, 1, 'the link is stored by its SHA-256');
  assert.equal(rows[0][0], 'password');
  assert.ok(Number(rows[0][1]) >= 24 * 60 - 2 && Number(rows[0][1]) <= 24 * 60, `expires in 24 h: ${rows[0][1]} min`);
  assert.equal(one(`SELECT COUNT(*) FROM auth_links WHERE HEX(token_hash) LIKE '%${token}%' OR pid = ${lit(token)}`), '0');
  // the organization appears in list-orgs
  const list = llctl('list-orgs');
  assert.equal(list.status, 0);
  assert.match(list.stdout, new RegExp(`${org.name}`));
  assert.match(list.stdout.split('\n').find((l) => l.includes(org.name)), new RegExp(`essentials\\s+b2c\\s+1\\s+${org.email.replace('.', '\\.')}`));
});

test('llctl create-org refuses a bad mode, a bad plan, a bad email and a missing argument: exit 2, nothing made', () => {
  const before = one('SELECT COUNT(*) FROM organizations');
  const name = `Refused ${uniq()}`;
  for (const args of [
    ['create-org', name, '--mode', 'b2x', '--plan', 'growth', '--admin', 'a@settings.test'],
    ['create-org', name, '--mode', 'b2b', '--plan', 'gold', '--admin', 'a@settings.test'],
    ['create-org', name, '--mode', 'b2b', '--plan', 'growth', '--admin', 'not an email'],
    ['create-org', name, '--mode', 'b2b', '--plan', 'growth'],
  ]) {
    const r = llctl(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.status} ${r.stderr}`);
    assert.match(r.stderr, /llctl|usage/);
    assert.equal(r.stdout, '', 'no link printed');
  }
  assert.equal(one('SELECT COUNT(*) FROM organizations'), before);
});

test('the set-password link: a form; mismatched or short passwords 422 and nothing changed; then set, logged in, and the link used up', async () => {
  const org = createOrg();
  made.push(org.orgId);
  const jar = new Map();
  const { res, csrf } = await openLink(org.link, jar);
  assert.equal(res.status, 200);
  assert.match(res.body, /Set your password/);
  assert.ok(res.body.includes(org.email));
  const token = tokenOf(org.link);
  const hashBefore = one(`SELECT password_hash FROM users WHERE email = ${lit(org.email)}`);
  assert.equal(hashBefore, '!', 'no password before');
  for (const [pw, pw2, msg] of [[PW, `${PW}x`, /not the same/], ['short', 'short', /at least 10/]]) {
    const r = await post('/password', { csrf, token, password: pw, password2: pw2 }, { jar });
    assert.equal(r.status, 422);
    assert.match(r.body, msg);
  }
  assert.equal(one(`SELECT password_hash FROM users WHERE email = ${lit(org.email)}`), '!', 'nothing changed');
  const done = await post('/password', { csrf, token, password: PW, password2: PW }, { jar });
  assert.equal(done.status, 303);
  assert.equal(done.headers.location, '/leads');
  const leads = await get('/leads', { jar });
  assert.equal(leads.status, 200, 'logged in');
  assert.ok(leads.body.includes(org.name), 'in the new organization');
  assert.match(one(`SELECT password_hash FROM users WHERE email = ${lit(org.email)}`), /^\$argon2id\$/);
  // the link again: used
  const again = await get(org.link);
  assert.equal(again.status, 410);
  assert.match(again.body, /already used/);
  const repost = await post('/password', { csrf, token, password: 'another-password', password2: 'another-password' }, { jar });
  assert.equal(repost.status, 410);
  // the password from the link logs in on /login
  const login = await openLink('/login', new Map());
  assert.equal(login.res.status, 200);
});

test('a tampered, an unknown and an expired link: 404, 404, 410, each a clear page, nothing changed', async () => {
  const org = createOrg();
  made.push(org.orgId);
  const token = tokenOf(org.link);
  const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  const t = await get(`/password?token=${tampered}`);
  assert.equal(t.status, 404);
  assert.match(t.body, /not valid/);
  assert.equal((await get('/password')).status, 404, 'no token');
  assert.equal((await get('/password?token=short')).status, 404);
  sql(`UPDATE auth_links l JOIN users u ON u.id = l.user_id SET l.expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE u.email = ${lit(org.email)}`);
  const jar = new Map();
  const e = await get(org.link, { jar });
  assert.equal(e.status, 410);
  assert.match(e.body, /expired/);
  // posting the expired link with a valid pre-session csrf: refused, nothing set
  const form = await openLink('/password/forgot', jar);
  const p = await post('/password', { csrf: form.csrf, token, password: PW, password2: PW }, { jar });
  assert.equal(p.status, 410);
  assert.equal(one(`SELECT password_hash FROM users WHERE email = ${lit(org.email)}`), '!');
});

test('llctl reset-link: a 30-minute link; using it ends every other session of the user; a deactivated user gets none, and an old link of one is refused', async () => {
  const org = createOrg();
  made.push(org.orgId);
  const first = await setPassword(org.link, PW);
  assert.equal((await get('/leads', { jar: first })).status, 200);
  const r = llctl('reset-link', org.email.toUpperCase());
  assert.equal(r.status, 0, r.stderr);
  const link = linkIn(r.stdout);
  const mins = one(`SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires_at) FROM auth_links l JOIN users u ON u.id = l.user_id WHERE u.email = ${lit(org.email)} ORDER BY l.id DESC LIMIT 1`);
  assert.ok(Number(mins) > 29 * 60 && Number(mins) <= 30 * 60, `30 minutes: ${mins} s`);
  const second = await setPassword(link, 'a-new-password-1');
  assert.equal((await get('/leads', { jar: second })).status, 200, 'the new session works');
  const old = await get('/leads', { jar: first });
  assert.equal(old.status, 302, 'the earlier session ended');
  // unknown address: exit 1, no link
  const none = llctl('reset-link', `nobody-${uniq()}@settings.test`);
  assert.equal(none.status, 1);
  assert.equal(none.stdout, '');
  // a link made, then the user deactivated: 403, nothing changed
  const again = linkIn(llctl('reset-link', org.email).stdout);
  sql(`UPDATE users SET active = 0 WHERE email = ${lit(org.email)}`);
  const hash = one(`SELECT password_hash FROM users WHERE email = ${lit(org.email)}`);
  const jar = new Map();
  const res = await get(again, { jar });
  assert.equal(res.status, 403);
  assert.match(res.body, /deactivated/);
  const form = await openLink('/password/forgot', jar);
  const p = await post('/password', { csrf: form.csrf, token: tokenOf(again), password: PW, password2: PW }, { jar });
  assert.equal(p.status, 403);
  assert.equal(one(`SELECT password_hash FROM users WHERE email = ${lit(org.email)}`), hash);
  assert.equal(llctl('reset-link', org.email).status, 1, 'no link for a deactivated user');
  sql(`UPDATE users SET active = 1 WHERE email = ${lit(org.email)}`);
});

test('forgot password (O3): the login page links to it; the same answer for a known and an unknown address; no link made; too many asks 429', async () => {
  const login = await get('/login');
  assert.match(login.body, /href="\/password\/forgot"/);
  const jar = new Map();
  const form = await openLink('/password/forgot', jar);
  assert.equal(form.res.status, 200);
  const links = one('SELECT COUNT(*) FROM auth_links');
  const known = await post('/password/forgot', { csrf: form.csrf, email: 'ada@northwind.test' }, { jar });
  const unknown = await post('/password/forgot', { csrf: form.csrf, email: 'nobody@northwind.test' }, { jar });
  assert.equal(known.status, 200);
  assert.equal(unknown.status, known.status);
  assert.equal(unknown.body.replace('nobody@northwind.test', 'X'), known.body.replace('ada@northwind.test', 'X'), 'the same page');
  assert.equal(one('SELECT COUNT(*) FROM auth_links'), links, 'no link made');
  const bad = await post('/password/forgot', { csrf: form.csrf, email: 'not an email' }, { jar });
  assert.equal(bad.status, 422);
  // the throttle: the 5th ask for one address pauses it
  let last;
  for (let i = 0; i < 6; i++) last = await post('/password/forgot', { csrf: form.csrf, email: 'ben@northwind.test' }, { jar });
  assert.equal(last.status, 429);
  assert.ok(Number(last.headers['retry-after']) >= 1);
  // no csrf: 403
  assert.equal((await post('/password/forgot', { email: 'ada@northwind.test' }, { jar })).status, 403);
});
