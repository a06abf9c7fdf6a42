// A3, A4, U3, U4 — the activity permalink /activity/<acti_id>: a 302
// to the lead page's anchor for an active member of the activity's
// organization, the activity alone with ?fragment=1, the login round trip,
// one and the same 404 for everything the user may not see, sessions of a
// deactivated user or membership ended, and a user of two organizations
// whose session switches to the activity's organization.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, request, sql, BASE } from '../lib/client.mjs';
import { postLogin, loginForm, lit, one, randomId, orgId } from '../lib/http-extra.mjs';

// An activity of an organization: { pid, lead, id, text } (a note with plain text).
function activityOf(org, extra = '') {
  const rows = sql(`SELECT a.pid, l.pid, a.id, a.body_text FROM activities a
    JOIN leads l ON l.id = a.lead_id JOIN organizations o ON o.id = a.organization_id
    WHERE o.name = ${lit(org)} AND a.deleted_at IS NULL AND a.type = 'note'
      AND a.body_text REGEXP '^[A-Za-z0-9 .,]{20,}$' ${extra} ORDER BY a.id LIMIT 1`);
  assert.ok(rows.length, `${org} has a plain note`);
  const [pid, lead, id, text] = rows[0];
  return { pid, lead, id, text };
}

const NW = activityOf('Northwind Traders');
const BD = activityOf('Bloom Dental');
const anchor = (a) => `/lead/${a.lead}/#activityId=${a.pid}`;

async function logIn(email) {
  const jar = new Map();
  const res = await postLogin(jar, { email, next: '/leads' });
  assert.equal(res.status, 303, `login ${email}: ${res.status}`);
  return jar;
}

function sessionOf(jar) {
  const csrfRows = sql(`SELECT s.id, s.organization_id FROM sessions s
    WHERE s.token_hash = UNHEX(SHA2(${lit(jar.get('ll_session'))}, 256))`);
  return csrfRows[0];
}

// Restored after the file whatever happens.
const restore = [];
after(() => {
  for (const q of restore.reverse()) {
    try { sql(q); } catch (e) { console.error(`restore failed: ${q}: ${e.message}`); }
  }
});

test('a member gets a 302 to exactly /lead/<lead_id>/#activityId=<acti_id>', async () => {
  const jar = await logIn('ada@northwind.test');
  const res = await get(`/activity/${NW.pid}`, { jar });
  assert.equal(res.status, 302);
  assert.equal(res.headers.location, anchor(NW));
  assert.equal(res.body, '');
  // and the anchor's page is the lead's page
  const page = await get(res.headers.location.replace(/#.*$/, ''), { jar });
  assert.equal(page.status, 200);
});

test('?fragment=1 answers 200 with the activity alone: type, who, when in the viewer\'s zone, text, context link', async () => {
  const jar = await logIn('ada@northwind.test');
  const res = await get(`/activity/${NW.pid}?fragment=1`, { jar });
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^text\/html/);
  assert.ok(res.body.includes(NW.text), 'the note\'s text');
  assert.doesNotMatch(res.body, /<html|<body|<!doctype/i, 'a fragment, not a page');
  assert.match(res.body, /class="[^"]*linked-activity/);
  assert.match(res.body, /<span class="act-type">Note<\/span>/);
  const who = one(`SELECT u.name FROM activities a JOIN users u ON u.id = a.user_id WHERE a.id = ${NW.id}`);
  assert.ok(who, 'the fixture: the note has an author');
  assert.ok(res.body.includes(who), `who: ${who}`);
  // ada's zone is America/New_York
  const when = one(`SELECT DATE_FORMAT(CONVERT_TZ(activity_at, 'UTC', 'America/New_York'), '%b %e, %Y %l:%i %p')
    FROM activities WHERE id = ${NW.id}`);
  assert.ok(res.body.includes(`>${when}</time>`), `when in New York: ${when}`);
  // in context: the lead's history from this activity on (before the one just newer), anchored on it
  const newer = one(`SELECT n.pid FROM activities a JOIN activities n ON n.lead_id = a.lead_id AND n.deleted_at IS NULL
    AND (n.activity_at > a.activity_at OR (n.activity_at = a.activity_at AND n.id > a.id))
    WHERE a.id = ${NW.id} ORDER BY n.activity_at, n.id LIMIT 1`);
  const context = newer ? `/lead/${NW.lead}/?before=${newer}#activityId=${NW.pid}` : anchor(NW);
  assert.ok(res.body.includes(`<a class="linked-context" href="${context}">See it in context</a>`),
    `the link to see it in context: ${context}`);
});

test('the fragment escapes what it shows', async () => {
  const jar = await logIn('ada@northwind.test');
  const old = one(`SELECT body_text FROM activities WHERE id = ${NW.id}`);
  restore.push(`UPDATE activities SET body_text = ${lit(old)} WHERE id = ${NW.id}`);
  sql(`UPDATE activities SET body_text = '<script>alert(1)</script> & more' WHERE id = ${NW.id}`);
  try {
    const res = await get(`/activity/${NW.pid}?fragment=1`, { jar });
    assert.equal(res.status, 200);
    assert.ok(!res.body.includes('<script>alert(1)'), 'no raw markup');
    assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more'));
  } finally {
    sql(`UPDATE activities SET body_text = ${lit(old)} WHERE id = ${NW.id}`);
  }
});

test('without a session: 302 to /login?next=/activity/<id>; logging in lands on the activity', async () => {
  const path = `/activity/${NW.pid}`;
  const first = await get(path);
  assert.equal(first.status, 302);
  assert.match(first.headers.location, /^\/login\?next=[A-Za-z0-9%._~\/-]+$/);
  const next = new URL(first.headers.location, BASE).searchParams.get('next');
  assert.equal(next, path);
  const jar = new Map();
  const csrf = await loginForm(jar, { next });
  const res = await postLogin(jar, { email: 'ada@northwind.test', next, csrf });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, path);
  const back = await get(res.headers.location, { jar });
  assert.equal(back.status, 302);
  assert.equal(back.headers.location, anchor(NW));
});

test('another organization, unknown, malformed and deleted ids: one and the same 404', async () => {
  const jar = await logIn('ada@northwind.test');
  const deleted = activityOf('Northwind Traders', `AND a.id <> ${NW.id}`);
  restore.push(`UPDATE activities SET deleted_at = NULL WHERE id = ${deleted.id}`);
  // before deletion it is there: the deleted case can fail
  assert.equal((await get(`/activity/${deleted.pid}`, { jar })).status, 302);
  sql(`UPDATE activities SET deleted_at = UTC_TIMESTAMP(6) WHERE id = ${deleted.id}`);
  const cases = {
    'other organization': `/activity/${BD.pid}`,
    'other organization, fragment': `/activity/${BD.pid}?fragment=1`,
    unknown: `/activity/${randomId('acti_')}`,
    'malformed: short': '/activity/acti_123',
    'malformed: a lead id': `/activity/${NW.lead}`,
    'malformed: bad characters': `/activity/acti_${'%27'.repeat(3)}${'a'.repeat(31)}`,
    deleted: `/activity/${deleted.pid}`,
    'deleted, fragment': `/activity/${deleted.pid}?fragment=1`,
  };
  let body;
  try {
    for (const [what, path] of Object.entries(cases)) {
      const res = await get(path, { jar });
      assert.equal(res.status, 404, `${what}: ${res.status}`);
      assert.match(res.body, /no such activity/, what);
      if (body === undefined) body = res.body;
      assert.equal(res.body, body, `${what}: the same body`);
    }
  } finally {
    sql(`UPDATE activities SET deleted_at = NULL WHERE id = ${deleted.id}`);
  }
  // the other organization's activity did not switch ada's session
  assert.equal(sessionOf(jar)[1], orgId('Northwind Traders'));
});

test('a deactivated membership loses access to the link at once; its session ends (U4)', async () => {
  const jar = await logIn('ben@northwind.test');
  assert.equal((await get(`/activity/${NW.pid}`, { jar })).status, 302);
  const sid = sessionOf(jar)[0];
  const q = (v) => `UPDATE memberships m JOIN users u ON u.id = m.user_id SET m.active = ${v}
    WHERE u.email = 'ben@northwind.test'`;
  restore.push(q(1));
  sql(q(0));
  try {
    const res = await get(`/activity/${NW.pid}`, { jar });
    assert.equal(res.status, 302);
    assert.match(res.headers.location, /^\/login\?next=/);
    assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${sid}`), '0');
  } finally {
    sql(q(1));
  }
});

test('a deactivated user loses access to the link at once; its session ends (U4)', async () => {
  const jar = await logIn('ben@northwind.test');
  assert.equal((await get(`/activity/${NW.pid}?fragment=1`, { jar })).status, 200);
  const sid = sessionOf(jar)[0];
  const q = (v) => `UPDATE users SET active = ${v} WHERE email = 'ben@northwind.test'`;
  restore.push(q(1));
  sql(q(0));
  try {
    const res = await get(`/activity/${NW.pid}?fragment=1`, { jar });
    assert.equal(res.status, 302);
    assert.match(res.headers.location, /^\/login\?next=/);
    assert.equal(one(`SELECT COUNT(*) FROM sessions WHERE id = ${sid}`), '0');
  } finally {
    sql(q(1));
  }
});

// A test user with ada's password and memberships in the named organizations (in order).
function makeUser(email, orgs) {
  restore.push(`DELETE FROM users WHERE email = ${lit(email)}`);
  restore.push(`DELETE m FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ${lit(email)}`);
  restore.push(`DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ${lit(email)}`);
  sql(`INSERT INTO users (pid, name, email, password_hash, time_zone)
    SELECT ll_id('user_'), 'Permalink Tester', ${lit(email)}, password_hash, 'Europe/Paris'
    FROM users WHERE email = 'ada@northwind.test'`);
  for (const o of orgs)
    sql(`INSERT INTO memberships (organization_id, user_id, role, active)
      SELECT ${orgId(o)}, id, 'user', 1 FROM users WHERE email = ${lit(email)}`);
}

test('a member of two organizations opening the other one\'s link: the session switches to it (U3)', async () => {
  const email = 'perma-two@permalink.test';
  makeUser(email, ['Northwind Traders', 'Bloom Dental']);
  const jar = await logIn(email);
  assert.equal(sessionOf(jar)[1], orgId('Northwind Traders'), 'logged in to the first organization');
  const res = await get(`/activity/${BD.pid}`, { jar });
  assert.equal(res.status, 302);
  assert.equal(res.headers.location, anchor(BD));
  assert.equal(sessionOf(jar)[1], orgId('Bloom Dental'), 'the session acts in Bloom Dental now');
  const page = await get(`/lead/${BD.lead}/`, { jar });
  assert.equal(page.status, 200, 'the Bloom Dental lead opens');
  assert.match(page.body, /Bloom Dental/);
  // and back: a Northwind link switches it again
  const back = await get(`/activity/${NW.pid}`, { jar });
  assert.equal(back.status, 302);
  assert.equal(back.headers.location, anchor(NW));
  assert.equal(sessionOf(jar)[1], orgId('Northwind Traders'));
});

test('a fragment of the other organization, fetched by script, is the same 404 and never switches the session', async () => {
  const email = 'perma-frag@permalink.test';
  makeUser(email, ['Northwind Traders', 'Bloom Dental']);
  const jar = await logIn(email);
  const unknown = await get(`/activity/${randomId('acti_')}?fragment=1`, { jar });
  const res = await get(`/activity/${BD.pid}?fragment=1`, { jar });
  assert.equal(res.status, 404);
  assert.equal(res.body, unknown.body, 'the same 404 body');
  assert.equal(sessionOf(jar)[1], orgId('Northwind Traders'), 'the session stays in Northwind');
  const own = await get(`/activity/${NW.pid}?fragment=1`, { jar });
  assert.equal(own.status, 200, 'a fragment of its own organization still answers');
});

test('without an active membership in the activity\'s organization: the same 404, the session stays', async () => {
  const email = 'perma-one@permalink.test';
  makeUser(email, ['Northwind Traders', 'Bloom Dental']);
  sql(`UPDATE memberships m JOIN users u ON u.id = m.user_id SET m.active = 0
    WHERE u.email = ${lit(email)} AND m.organization_id = ${orgId('Bloom Dental')}`);
  const jar = await logIn(email);
  const unknown = await get(`/activity/${randomId('acti_')}`, { jar });
  assert.equal(unknown.status, 404);
  const res = await get(`/activity/${BD.pid}`, { jar });
  assert.equal(res.status, 404);
  assert.equal(res.body, unknown.body, 'the same 404 body');
  assert.equal(sessionOf(jar)[1], orgId('Northwind Traders'), 'the session stays in Northwind');
  // with no membership there at all, too
  sql(`DELETE m FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE u.email = ${lit(email)} AND m.organization_id = ${orgId('Bloom Dental')}`);
  const none = await get(`/activity/${BD.pid}`, { jar });
  assert.equal(none.status, 404);
  assert.equal(none.body, unknown.body);
  assert.equal(sessionOf(jar)[1], orgId('Northwind Traders'));
});

test('HEAD answers as GET without a body', async () => {
  const jar = await logIn('ada@northwind.test');
  const res = await request('HEAD', `/activity/${NW.pid}`, { jar });
  assert.equal(res.status, 302);
  assert.equal(res.headers.location, anchor(NW));
  assert.equal(res.body, '');
  const frag = await request('HEAD', `/activity/${NW.pid}?fragment=1`, { jar });
  assert.equal(frag.status, 200);
  assert.equal(frag.body, '');
  const missing = await request('HEAD', `/activity/${randomId('acti_')}`, { jar });
  assert.equal(missing.status, 404);
});

test('POST answers 405 with Allow: GET, HEAD', async () => {
  const jar = await logIn('ada@northwind.test');
  for (const j of [jar, undefined]) {
    const res = await post(`/activity/${NW.pid}`, { csrf: 'x' }, { jar: j });
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET, HEAD');
  }
});
