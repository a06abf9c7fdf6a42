// tests/lib/settings.mjs — organizations made as an operator would (llctl
// create-org), their one-time links followed, and the rows dropped again so
// the demo data stays as it was for the other tests.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { get, post, csrfOf, sql, BASE } from './client.mjs';
import { lit, one } from './http-extra.mjs';

const BUILD = process.env.LL_BUILD || `${process.env.LL_ROOT}/build`;

// Runs build/llctl against the test instance: { status, stdout, stderr }.
export function llctl(...args) {
  const r = spawnSync(`${BUILD}/llctl`, args, { encoding: 'utf8', env: { ...process.env, LEADLINE_URL: BASE } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The local path ("/password?token=...") of the one link in a text.
export function linkIn(text) {
  const m = text.match(/https?:\/\/[^\s/]+(\/(?:password|invite)\?token=[A-Za-z0-9_-]+)/);
  assert.ok(m, `a link in: ${text}`);
  return m[1];
}

export function tokenOf(path) {
  return new URL(path, 'http://x').searchParams.get('token');
}

export const uniq = () => randomBytes(4).toString('hex');

// A new organization and its admin; returns { name, email, link, orgId }.
export function createOrg({ name = `Org ${uniq()}`, email = `admin-${uniq()}@settings.test`, mode = 'b2b', plan = 'growth' } = {}) {
  const r = llctl('create-org', name, '--mode', mode, '--plan', plan, '--admin', email);
  assert.equal(r.status, 0, `llctl create-org: ${r.stderr}`);
  const orgId = one(`SELECT id FROM organizations WHERE name = ${lit(name)}`);
  return { name, email, link: linkIn(r.stdout), orgId, stdout: r.stdout };
}

// GETs a public link page into jar; returns { res, csrf }.
export async function openLink(path, jar) {
  const res = await get(path, { jar });
  return { res, csrf: csrfOf(res.body) };
}

// Follows a set-password link: the session jar logged in (throws otherwise).
export async function setPassword(path, password) {
  const jar = new Map();
  const { res, csrf } = await openLink(path, jar);
  assert.equal(res.status, 200, `GET ${path}: ${res.status}`);
  const done = await post('/password', { csrf, token: tokenOf(path), password, password2: password }, { jar });
  assert.equal(done.status, 303, `POST /password: ${done.status} ${done.body.slice(0, 300)}`);
  return jar;
}

// The session's csrf token, from a page it can see.
export async function csrfFor(jar) {
  const page = await get('/settings/account', { jar });
  assert.equal(page.status, 200, `GET /settings/account: ${page.status}`);
  return csrfOf(page.body);
}

// Drops organizations made by a test, with every row hanging on them, and the
// users who belong to no other organization.
export function dropOrgs(ids) {
  const list = ids.filter(Boolean).join(',');
  if (!list) return;
  const users = sql(`SELECT DISTINCT user_id FROM memberships WHERE organization_id IN (${list})
    UNION SELECT id FROM users WHERE email LIKE '%@settings.test'`).map((r) => r[0]);
  const leads = `SELECT id FROM leads WHERE organization_id IN (${list})`;
  sql(`DELETE FROM sessions WHERE organization_id IN (${list});
    DELETE FROM auth_links WHERE organization_id IN (${list});
    DELETE FROM settings_audit WHERE organization_id IN (${list});
    DELETE FROM lead_activity_counts WHERE lead_id IN (${leads});
    DELETE FROM activity_custom_values WHERE organization_id IN (${list});
    DELETE FROM activities WHERE organization_id IN (${list});
    DELETE FROM custom_activity_fields WHERE organization_id IN (${list});
    DELETE FROM custom_activity_types WHERE organization_id IN (${list});
    DELETE FROM opportunities WHERE organization_id IN (${list});
    DELETE FROM lead_custom_values WHERE organization_id IN (${list});
    DELETE FROM custom_fields WHERE organization_id IN (${list});
    DELETE FROM leads WHERE organization_id IN (${list});
    DELETE FROM memberships WHERE organization_id IN (${list});
    DELETE FROM lead_statuses WHERE organization_id IN (${list});
    DELETE FROM opportunity_statuses WHERE organization_id IN (${list});
    DELETE FROM organizations WHERE id IN (${list});`);
  for (const u of users) {
    if (one(`SELECT COUNT(*) FROM memberships WHERE user_id = ${u}`) !== '0') continue;
    sql(`DELETE FROM sessions WHERE user_id = ${u}; DELETE FROM auth_links WHERE user_id = ${u};
      DELETE FROM users WHERE id = ${u};`);
  }
}
