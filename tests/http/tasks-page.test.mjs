// "My tasks" (/tasks, O6): the user's open tasks across leads, overdue
// first then by due date (none last), each with its lead; filters due today /
// overdue / this week in the viewer's time zone; an admin sees anyone's or one
// member's, a user only their own (403 otherwise); a task completed from the
// list is complete on its lead (history, page cache) and the list comes back
// as filtered; another organization's task and member are unknown (404).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { lit, one, randomId } from '../lib/http-extra.mjs';
import { createOrg, setPassword, csrfFor, dropOrgs, openLink, tokenOf, uniq } from '../lib/settings.mjs';

const made = [];
let a; let b; let user; let leadPid;
after(() => {
  for (const o of made) sql(`DELETE FROM tasks WHERE organization_id = ${o}`);
  dropOrgs(made);
});

async function adminOf(org) {
  made.push(org.orgId);
  const jar = await setPassword(org.link, 'tasks-page-password');
  return { org, jar, csrf: await csrfFor(jar) };
}

async function invitedUser(admin) {
  const email = `tasks-user-${uniq()}@settings.test`;
  const res = await post('/settings/members/invite', { csrf: admin.csrf, email, role: 'user' }, { jar: admin.jar });
  const link = res.body.match(/value="https?:\/\/[^"/]+(\/invite\?token=[A-Za-z0-9_-]+)"/)[1];
  const jar = new Map();
  const { csrf } = await openLink(link, jar);
  const done = await post('/invite', { csrf, token: tokenOf(link), name: 'Tasks User', password: 'tasks-user-password', password2: 'tasks-user-password' }, { jar });
  assert.equal(done.status, 303);
  return { email, jar, csrf: await csrfFor(jar), pid: one(`SELECT pid FROM users WHERE email = ${lit(email)}`) };
}

const userId = (email) => one(`SELECT id FROM users WHERE email = ${lit(email)}`);
// a task on the lead: due is an SQL date expression or NULL
function task(orgId, text, due, assignee, done = 0) {
  sql(`INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to, is_complete)
    SELECT ll_id('task_'), l.organization_id, l.id, ${lit(text)}, ${due}, ${assignee}, ${done}
    FROM leads l WHERE l.organization_id = ${orgId} AND l.pid = ${lit(leadPid)}`);
  return one(`SELECT pid FROM tasks WHERE organization_id = ${orgId} AND text = ${lit(text)}`);
}
const listed = (body) => [...body.matchAll(/<li class="task[^"]*" id="(task_[^"]+)">[\s\S]*?<p class="task-text">([^<]*)<\/p>/g)].map((m) => m[2]);

before(async () => {
  a = await adminOf(createOrg());
  b = await adminOf(createOrg());
  sql(`UPDATE users SET time_zone = 'UTC' WHERE email = ${lit(a.org.email)}`);
  user = await invitedUser(a);
  sql(`INSERT INTO leads (pid, organization_id, name, status_id) SELECT ll_id('lead_'), ${a.org.orgId}, 'Tasks Page Lead', MIN(id)
    FROM lead_statuses WHERE organization_id = ${a.org.orgId}`);
  leadPid = one(`SELECT pid FROM leads WHERE organization_id = ${a.org.orgId} AND name = 'Tasks Page Lead'`);
  const me = userId(a.org.email);
  task(a.org.orgId, 'No date', 'NULL', me);
  task(a.org.orgId, 'In ten days', 'UTC_DATE() + INTERVAL 10 DAY', me);
  task(a.org.orgId, 'In three days', 'UTC_DATE() + INTERVAL 3 DAY', me);
  task(a.org.orgId, 'Due today', 'UTC_DATE()', me);
  task(a.org.orgId, 'Two days late', 'UTC_DATE() - INTERVAL 2 DAY', me);
  task(a.org.orgId, 'Already done', 'UTC_DATE()', me, 1);
  task(a.org.orgId, 'The user\'s task', 'UTC_DATE() + INTERVAL 1 DAY', userId(user.email));
});

test('my open tasks: overdue first, then by due date, no date last; done and others\' left out; each links to its lead', async () => {
  const res = await get('/tasks', { jar: a.jar });
  assert.equal(res.status, 200);
  assert.match(res.body, /<h1>My open tasks<\/h1>/);
  assert.deepEqual(listed(res.body), ['Two days late', 'Due today', 'In three days', 'In ten days', 'No date']);
  assert.match(res.body, /<li class="task due-overdue overdue" id="task_[^"]+">/);
  assert.match(res.body, /<span class="due">Overdue · \d{4}-\d\d-\d\d<\/span>/);
  assert.match(res.body, /<span class="due">Today · \d{4}-\d\d-\d\d<\/span>/);
  assert.match(res.body, new RegExp(`<a class="lead-link" href="/lead/${leadPid}/#tasks">Tasks Page Lead</a>`));
  assert.match(res.body, /<a href="\/tasks">Tasks<\/a>/, 'the header links to it');
});

test('due filters, in the viewer\'s time zone', async () => {
  const due = async (d, jar = a.jar) => listed((await get(`/tasks?due=${d}`, { jar })).body);
  assert.deepEqual(await due('overdue'), ['Two days late']);
  assert.deepEqual(await due('today'), ['Due today']);
  assert.deepEqual(await due('week'), ['Due today', 'In three days']);
  assert.deepEqual(await due('all'), ['Two days late', 'Due today', 'In three days', 'In ten days', 'No date']);
  const bad = await get('/tasks?due=someday', { jar: a.jar });
  assert.equal(bad.status, 400);
  assert.match(bad.body, /all, overdue, today or week/);
  // "today" is the viewer's: 14 hours ahead of UTC, the date there
  const there = one(`SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', 'Pacific/Kiritimati'))`);
  task(a.org.orgId, 'Kiritimati today', lit(there), userId(user.email));
  sql(`UPDATE users SET time_zone = 'Pacific/Kiritimati' WHERE email = ${lit(user.email)}`);
  try {
    assert.ok((await due('today', user.jar)).includes('Kiritimati today'));
  } finally {
    sql(`UPDATE users SET time_zone = 'UTC' WHERE email = ${lit(user.email)}`);
  }
  const utcToday = one('SELECT UTC_DATE()');
  assert.equal((await due('today', user.jar)).includes('Kiritimati today'), there === utcToday, 'in UTC it is today only when the dates agree');
});

test('whose: an admin sees anyone\'s or one member\'s; a user only their own (403); unknown members 404', async () => {
  const anyone = await get('/tasks?who=anyone', { jar: a.jar });
  assert.match(anyone.body, /<h1>Everyone&#39;s open tasks<\/h1>|<h1>Everyone's open tasks<\/h1>/);
  assert.ok(listed(anyone.body).includes('The user\'s task') || listed(anyone.body).includes('The user&#39;s task'));
  assert.match(anyone.body, /<span class="owner">Tasks User<\/span>/);
  const one_ = await get(`/tasks?who=${user.pid}`, { jar: a.jar });
  assert.equal(one_.status, 200);
  assert.deepEqual(listed(one_.body).filter((t) => !/Kiritimati/.test(t)), ['The user&#39;s task']);
  assert.match(one_.body, new RegExp(`<option value="${user.pid}" selected>Tasks User</option>`));
  const mine = await get('/tasks', { jar: user.jar });
  assert.deepEqual(listed(mine.body).filter((t) => !/Kiritimati/.test(t)), ['The user&#39;s task']);
  assert.doesNotMatch(mine.body, /id="f-who"/, 'a user has no whose filter');
  for (const q of ['who=anyone', `who=${one(`SELECT pid FROM users WHERE email = ${lit(a.org.email)}`)}`]) {
    const r = await get(`/tasks?${q}`, { jar: user.jar });
    assert.equal(r.status, 403, q);
    assert.match(r.body, /Only an admin sees the tasks of others/);
  }
  const other = one(`SELECT pid FROM users WHERE email = ${lit(b.org.email)}`);
  for (const pid of [other, randomId('user_')]) {
    const r = await get(`/tasks?who=${pid}`, { jar: a.jar });
    assert.equal(r.status, 404);
    assert.match(r.body, /no such member/);
  }
});

test('complete from the list: complete on its lead at once, the list as it was filtered; twice: the message; CSRF and tenant', async () => {
  const pid = one(`SELECT pid FROM tasks WHERE organization_id = ${a.org.orgId} AND text = 'In three days'`);
  const page0 = await get(`/lead/${leadPid}/`, { jar: a.jar });
  assert.match(page0.body, /In three days/);
  assert.equal((await post(`/tasks/${pid}/complete`, { csrf: 'z'.repeat(43), who: 'me', due: 'week' }, { jar: a.jar })).status, 403);
  assert.equal(one(`SELECT is_complete FROM tasks WHERE pid = ${lit(pid)}`), '0');
  // another organization's admin: the 404 of an unknown task, nothing changed
  const cross = await post(`/tasks/${pid}/complete`, { csrf: b.csrf, who: 'me', due: 'all' }, { jar: b.jar });
  assert.equal(cross.status, 404);
  assert.equal((await post(`/tasks/${randomId('task_')}/complete`, { csrf: a.csrf, who: 'me', due: 'all' }, { jar: a.jar })).status, 404);
  assert.equal(one(`SELECT is_complete FROM tasks WHERE pid = ${lit(pid)}`), '0');
  const done = await post(`/tasks/${pid}/complete`, { csrf: a.csrf, who: 'me', due: 'week' }, { jar: a.jar });
  assert.equal(done.status, 303);
  assert.equal(done.headers.location, '/tasks?who=me&due=week');
  assert.equal(one(`SELECT is_complete FROM tasks WHERE pid = ${lit(pid)}`), '1');
  assert.equal(one(`SELECT COUNT(*) FROM activities a JOIN tasks t ON t.id = a.task_id WHERE t.pid = ${lit(pid)} AND a.type = 'task_completed'`), '1');
  assert.deepEqual(listed((await get('/tasks?who=me&due=week', { jar: a.jar })).body), ['Due today']);
  const page1 = await get(`/lead/${leadPid}/`, { jar: a.jar });
  assert.doesNotMatch(page1.body.match(/<section class="panel tasks"[\s\S]*?<\/section>/)[0], /In three days/, 'gone from the lead\'s open tasks at once');
  const again = await post(`/tasks/${pid}/complete`, { csrf: a.csrf, who: 'me', due: 'week' }, { jar: a.jar });
  assert.equal(again.status, 303);
  assert.equal(again.headers.location, '/tasks?who=me&due=week&refused=done');
  assert.match((await get(again.headers.location, { jar: a.jar })).body, /This task is already complete\./);
  // a list this page does not make is refused, nothing changed
  const other = one(`SELECT pid FROM tasks WHERE organization_id = ${a.org.orgId} AND text = 'In ten days'`);
  assert.equal((await post(`/tasks/${other}/complete`, { csrf: a.csrf, who: 'me', due: 'never' }, { jar: a.jar })).status, 400);
  assert.equal(one(`SELECT is_complete FROM tasks WHERE pid = ${lit(other)}`), '0');
});
