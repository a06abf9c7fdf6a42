// O2, O5, U4 and the Account page — members and invitations (a link of 7
// days, shown to copy), roles, deactivation (sessions end at once), removal,
// the last-admin rule, the organization switch, and the admin pages refused
// to a user (403) and another organization's ids answered as unknown (404).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, csrfOf, sql } from '../lib/client.mjs';
import { lit, one, clearThrottle, session, randomId } from '../lib/http-extra.mjs';
import { createOrg, setPassword, csrfFor, openLink, tokenOf, dropOrgs, uniq } from '../lib/settings.mjs';

const made = [];
let a;       // { org, jar, csrf }: an organization and its admin
let b;       // another organization and its admin
after(() => dropOrgs(made));
beforeEach(() => clearThrottle());

const PW = 'members-password-1';

async function adminOf(org) {
  made.push(org.orgId);
  const jar = await setPassword(org.link, PW);
  return { org, jar, csrf: await csrfFor(jar) };
}

before(async () => {
  a = await adminOf(createOrg());
  b = await adminOf(createOrg());
});

async function invite(admin, email, role = 'user') {
  const res = await post('/settings/members/invite', { csrf: admin.csrf, email, role }, { jar: admin.jar });
  assert.equal(res.status, 200, `invite ${email}: ${res.status} ${res.body.slice(0, 300)}`);
  const m = res.body.match(/value="https?:\/\/[^"/]+(\/invite\?token=[A-Za-z0-9_-]+)"/);
  assert.ok(m, 'the link to copy is shown');
  return m[1];
}

async function accept(link, fields) {
  const jar = new Map();
  const { res, csrf } = await openLink(link, jar);
  if (res.status !== 200) return { res, jar };
  const done = await post('/invite', { csrf, token: tokenOf(link), ...fields }, { jar });
  return { res: done, jar, page: res };
}

const userPid = (email) => one(`SELECT pid FROM users WHERE email = ${lit(email)}`);
const membership = (orgId, email) => sql(`SELECT m.role, m.active FROM memberships m JOIN users u ON u.id = m.user_id
  WHERE m.organization_id = ${orgId} AND u.email = ${lit(email)}`)[0];

test('invite a new person: a 7-day link to copy; they set name and password, join with the role and are logged in; the link is then used', async () => {
  const email = `new-${uniq()}@settings.test`;
  const link = await invite(a, email, 'user');
  const days = one(`SELECT TIMESTAMPDIFF(HOUR, UTC_TIMESTAMP(), expires_at) FROM auth_links WHERE email = ${lit(email)} ORDER BY id DESC LIMIT 1`);
  assert.ok(Number(days) >= 7 * 24 - 1 && Number(days) <= 7 * 24, `7 days: ${days} h`);
  const members = await get('/settings/members', { jar: a.jar });
  assert.ok(members.body.includes(email), 'a pending invitation is listed');
  // an empty name: 422, nothing made
  const bad = await accept(link, { name: ' ', password: PW, password2: PW });
  assert.equal(bad.res.status, 422);
  assert.equal(one(`SELECT COUNT(*) FROM users WHERE email = ${lit(email)}`), '0');
  assert.match(bad.page.body, new RegExp(`Join ${a.org.name}`));
  const ok = await accept(link, { name: 'Nia New', password: PW, password2: PW });
  assert.equal(ok.res.status, 303);
  assert.deepEqual(membership(a.org.orgId, email), ['user', '1']);
  assert.equal(one(`SELECT name FROM users WHERE email = ${lit(email)}`), 'Nia New');
  const leads = await get('/leads', { jar: ok.jar });
  assert.equal(leads.status, 200);
  assert.ok(leads.body.includes(a.org.name));
  const again = await get(link);
  assert.equal(again.status, 410);
  // the audit has it
  assert.equal(one(`SELECT COUNT(*) FROM settings_audit WHERE organization_id = ${a.org.orgId} AND subject = ${lit(email)}`), '2');
});

test('a user of another organization accepts with their own password: a second membership; a wrong password 403 and nothing changed; then O5 switch', async () => {
  const link = await invite(a, b.org.email, 'admin');
  const wrong = await accept(link, { password: 'not-the-password' });
  assert.equal(wrong.res.status, 403);
  assert.equal(membership(a.org.orgId, b.org.email), undefined, 'no membership');
  assert.match(wrong.page.body, /confirm with its password/);
  const ok = await accept(link, { password: PW });
  assert.equal(ok.res.status, 303);
  assert.deepEqual(membership(a.org.orgId, b.org.email), ['admin', '1']);
  // the organizations page lists both; switching moves the session
  const csrf = await csrfFor(ok.jar);
  const orgs = await get('/settings/organizations', { jar: ok.jar });
  assert.ok(orgs.body.includes(a.org.name) && orgs.body.includes(b.org.name));
  const here = one(`SELECT organization_id FROM sessions WHERE csrf_token = ${lit(csrf)}`);
  const target = here === a.org.orgId ? b.org : a.org;
  const pid = one(`SELECT pid FROM organizations WHERE id = ${target.orgId}`);
  const sw = await post('/settings/switch', { csrf, org: pid }, { jar: ok.jar });
  assert.equal(sw.status, 303);
  assert.equal(sw.headers.location, '/leads');
  assert.equal(one(`SELECT organization_id FROM sessions WHERE csrf_token = ${lit(csrf)}`), target.orgId);
  assert.ok((await get('/leads', { jar: ok.jar })).body.includes(target.name));
  // an organization without a membership (Northwind), and an unknown one: 404, no move
  for (const org of [one("SELECT pid FROM organizations WHERE name = 'Northwind Traders'"), randomId('orga_')]) {
    const no = await post('/settings/switch', { csrf, org }, { jar: ok.jar });
    assert.equal(no.status, 404);
    assert.equal(one(`SELECT organization_id FROM sessions WHERE csrf_token = ${lit(csrf)}`), target.orgId);
  }
  // no csrf: 403
  assert.equal((await post('/settings/switch', { org: pid }, { jar: ok.jar })).status, 403);
  sql(`DELETE FROM memberships WHERE organization_id = ${a.org.orgId} AND user_id = (SELECT id FROM users WHERE email = ${lit(b.org.email)})`);
});

test('resend makes a new link and ends the old; revoke ends it; each a clear page', async () => {
  const email = `resend-${uniq()}@settings.test`;
  const first = await invite(a, email);
  const pid = one(`SELECT pid FROM auth_links WHERE email = ${lit(email)} ORDER BY id DESC LIMIT 1`);
  const res = await post('/settings/invites/resend', { csrf: a.csrf, invite: pid }, { jar: a.jar });
  assert.equal(res.status, 200);
  const second = res.body.match(/value="https?:\/\/[^"/]+(\/invite\?token=[A-Za-z0-9_-]+)"/)[1];
  assert.notEqual(second, first);
  const old = await get(first);
  assert.equal(old.status, 410);
  assert.match(old.body, /withdrawn/);
  assert.equal((await get(second)).status, 200);
  const pid2 = one(`SELECT pid FROM auth_links WHERE email = ${lit(email)} ORDER BY id DESC LIMIT 1`);
  // b's admin cannot revoke a's invitation: 404, still good
  const other = await post('/settings/invites/revoke', { csrf: b.csrf, invite: pid2 }, { jar: b.jar });
  assert.equal(other.status, 404);
  assert.equal((await get(second)).status, 200);
  const rev = await post('/settings/invites/revoke', { csrf: a.csrf, invite: pid2 }, { jar: a.jar });
  assert.equal(rev.status, 303);
  assert.equal((await get(second)).status, 410);
  // an existing member cannot be invited again: 409
  const dup = await post('/settings/members/invite', { csrf: a.csrf, email: a.org.email, role: 'user' }, { jar: a.jar });
  assert.equal(dup.status, 409);
  const badRole = await post('/settings/members/invite', { csrf: a.csrf, email: `x-${uniq()}@settings.test`, role: 'owner' }, { jar: a.jar });
  assert.equal(badRole.status, 422);
  const badEmail = await post('/settings/members/invite', { csrf: a.csrf, email: 'nope', role: 'user' }, { jar: a.jar });
  assert.equal(badEmail.status, 422);
});

test('roles, deactivation (their session ends at once), reactivation, removal; the last active admin is never demoted, deactivated or removed', async () => {
  const email = `member-${uniq()}@settings.test`;
  const joined = await accept(await invite(a, email), { name: 'Mo Member', password: PW, password2: PW });
  assert.equal(joined.res.status, 303);
  const their = joined.jar;
  const mpid = userPid(email);
  const apid = userPid(a.org.email);
  // the last admin: refused with the reason, nothing changed
  for (const [path, body] of [['role', { role: 'user' }], ['deactivate', {}], ['remove', {}]]) {
    const r = await post(`/settings/members/${path}`, { csrf: a.csrf, user: apid, ...body }, { jar: a.jar });
    assert.equal(r.status, 409, `${path}: ${r.status}`);
    assert.match(r.body, /last active admin/);
    assert.deepEqual(membership(a.org.orgId, a.org.email), ['admin', '1']);
  }
  // a user: promoted, then the first admin may step down
  assert.equal((await post('/settings/members/role', { csrf: a.csrf, user: mpid, role: 'admin' }, { jar: a.jar })).status, 303);
  assert.deepEqual(membership(a.org.orgId, email), ['admin', '1']);
  assert.equal((await post('/settings/members/role', { csrf: a.csrf, user: mpid, role: 'user' }, { jar: a.jar })).status, 303);
  // deactivate: their session ends at once
  assert.equal((await get('/leads', { jar: their })).status, 200);
  const d = await post('/settings/members/deactivate', { csrf: a.csrf, user: mpid }, { jar: a.jar });
  assert.equal(d.status, 303);
  assert.deepEqual(membership(a.org.orgId, email), ['user', '0']);
  assert.equal((await get('/leads', { jar: their })).status, 302, 'logged out');
  assert.equal(one(`SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ${lit(email)}`), '0');
  assert.equal((await post('/settings/members/reactivate', { csrf: a.csrf, user: mpid }, { jar: a.jar })).status, 303);
  assert.deepEqual(membership(a.org.orgId, email), ['user', '1']);
  // another organization's admin: 404 for a's member, nothing changed
  for (const path of ['role', 'deactivate', 'reactivate', 'remove']) {
    const r = await post(`/settings/members/${path}`, { csrf: b.csrf, user: mpid, role: 'admin' }, { jar: b.jar });
    assert.equal(r.status, 404, `${path} from b: ${r.status}`);
  }
  assert.deepEqual(membership(a.org.orgId, email), ['user', '1']);
  const unknown = await post('/settings/members/remove', { csrf: a.csrf, user: randomId('user_') }, { jar: a.jar });
  assert.equal(unknown.status, 404);
  // a user: 403 on every admin page and form
  const mj = await setPassword(`/password?token=${await resetToken(email)}`, PW);
  const mcsrf = await csrfFor(mj);
  const acc = await get('/settings/account', { jar: mj });
  assert.equal(acc.status, 200);
  assert.doesNotMatch(acc.body, /href="\/settings\/members"/, 'no admin navigation for a user');
  for (const p of ['/settings/members', '/settings/lead-statuses', '/settings/audit']) assert.equal((await get(p, { jar: mj })).status, 403, p);
  const audit0 = one(`SELECT COUNT(*) FROM settings_audit WHERE organization_id = ${a.org.orgId}`);
  for (const [p, body] of [['/settings/members/invite', { email: 'z@settings.test', role: 'admin' }], ['/settings/members/role', { user: mpid, role: 'admin' }],
    ['/settings/members/remove', { user: apid }], ['/settings/lead-statuses/add', { label: 'Nope' }]]) {
    assert.equal((await post(p, { csrf: mcsrf, ...body }, { jar: mj })).status, 403, p);
  }
  assert.equal(one(`SELECT COUNT(*) FROM settings_audit WHERE organization_id = ${a.org.orgId}`), audit0, 'nothing changed');
  assert.deepEqual(membership(a.org.orgId, email), ['user', '1']);
  // removal: the membership goes, their sessions here end
  const rm = await post('/settings/members/remove', { csrf: a.csrf, user: mpid }, { jar: a.jar });
  assert.equal(rm.status, 303);
  assert.equal(membership(a.org.orgId, email), undefined);
  assert.equal((await get('/leads', { jar: mj })).status, 302);
});

async function resetToken(email) {
  const { llctl, linkIn } = await import('../lib/settings.mjs');
  return tokenOf(linkIn(llctl('reset-link', email).stdout));
}

test('Account: name, email and time zone saved; bad values 422, a taken email 409; the password needs the current one and ends the other sessions', async () => {
  const org = createOrg();
  made.push(org.orgId);
  const jar = await setPassword(org.link, PW);
  const csrf = await csrfFor(jar);
  const other = new Map();
  const lf = await openLink('/login', other);
  assert.equal((await post('/login', { csrf: lf.csrf, email: org.email, password: PW, next: '/leads' }, { jar: other })).status, 303);
  const email2 = `renamed-${uniq()}@settings.test`;
  const ok = await post('/settings/account', { csrf, name: 'Renée Admin', email: email2.toUpperCase(), time_zone: 'Europe/Berlin' }, { jar });
  assert.equal(ok.status, 303);
  assert.deepEqual(sql(`SELECT name, time_zone FROM users WHERE email = ${lit(email2)}`), [['Renée Admin', 'Europe/Berlin']]);
  const page = await get('/settings/account', { jar });
  assert.match(page.body, /value="Renée Admin"/);
  for (const [body, status, msg] of [
    [{ name: '', email: email2, time_zone: 'UTC' }, 422, /name/],
    [{ name: 'X', email: 'nope', time_zone: 'UTC' }, 422, /email/],
    [{ name: 'X', email: email2, time_zone: 'Mars/Olympus' }, 422, /time zone/],
    [{ name: 'X', email: 'ada@northwind.test', time_zone: 'UTC' }, 409, /Another account/],
  ]) {
    const r = await post('/settings/account', { csrf, ...body }, { jar });
    assert.equal(r.status, status, JSON.stringify(body));
    assert.match(r.body, msg);
  }
  assert.deepEqual(sql(`SELECT name, time_zone FROM users WHERE email = ${lit(email2)}`), [['Renée Admin', 'Europe/Berlin']], 'unchanged');
  const hash = one(`SELECT password_hash FROM users WHERE email = ${lit(email2)}`);
  const wrong = await post('/settings/password', { csrf, current_password: 'wrong-password', password: 'next-password-1', password2: 'next-password-1' }, { jar });
  assert.equal(wrong.status, 403);
  const short = await post('/settings/password', { csrf, current_password: PW, password: 'short', password2: 'short' }, { jar });
  assert.equal(short.status, 422);
  assert.equal(one(`SELECT password_hash FROM users WHERE email = ${lit(email2)}`), hash, 'unchanged');
  assert.equal((await get('/leads', { jar: other })).status, 200);
  const done = await post('/settings/password', { csrf, current_password: PW, password: 'next-password-1', password2: 'next-password-1' }, { jar });
  assert.equal(done.status, 303);
  assert.notEqual(one(`SELECT password_hash FROM users WHERE email = ${lit(email2)}`), hash);
  assert.equal((await get('/leads', { jar })).status, 200, 'this session stays');
  assert.equal((await get('/leads', { jar: other })).status, 302, 'the other session ended');
});

test('the demo users: ada (admin) sees the admin navigation, ben (user) Account only', async () => {
  const ada = await session('ada@northwind.test');
  const ben = await session('ben@northwind.test');
  assert.match((await get('/settings/account', { jar: ada.jar })).body, /href="\/settings\/members"/);
  assert.doesNotMatch((await get('/settings/account', { jar: ben.jar })).body, /href="\/settings\/members"/);
  assert.equal((await get('/settings/members', { jar: ben.jar })).status, 403);
  assert.equal((await get('/settings')).status, 302, 'logged out: to the login');
});
