// C3 — correcting a lead's tasks, opportunities and contacts from the lead
// page: a task edited (text, due date, assignee, contact) on its own page,
// which works without JavaScript and shows the stored values exactly; a
// completed task reopened from the history; a task, an opportunity and a
// contact removed only after a confirm step (GET: the question, POST: the
// removal). For each route: success, another organization's ids (the same
// 404 as unknown ones), another lead's task under this lead's URL (404),
// a wrong CSRF token (403), bad values (422 on the edit page, nothing
// changed), and a target already gone (404). A refused completion, reopen or
// contact removal answers 303 back to the page with its message (POST/redirect/GET).
// Every change shows on the next page from every worker (the page cache).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { one, lit, session, randomId, leadPid } from '../lib/http-extra.mjs';
import { acts, leadId, decode, withSqlCount } from '../lib/lead-page.mjs';

const made = [];
let ada;
let restore = async () => {};

before(async () => {
  ada = await session('ada@northwind.test');
  // the workers answer X-Page-Cache: hit on a kept page
  restore = await withSqlCount(ada.jar, `/lead/${leadPid('Globex Corporation')}/`);
  ada = await session('ada@northwind.test');
});

after(async () => {
  await restore();
  for (const pid of made) {
    const id = one(`SELECT id FROM leads WHERE pid = ${lit(pid)}`);
    if (!id) continue;
    sql(`SET FOREIGN_KEY_CHECKS = 0;
      DELETE FROM activities WHERE lead_id = ${id}; DELETE FROM lead_activity_counts WHERE lead_id = ${id};
      DELETE FROM tasks WHERE lead_id = ${id}; DELETE FROM opportunities WHERE lead_id = ${id};
      DELETE FROM contact_emails WHERE contact_id IN (SELECT id FROM contacts WHERE lead_id = ${id});
      DELETE FROM contact_phones WHERE contact_id IN (SELECT id FROM contacts WHERE lead_id = ${id});
      DELETE FROM contacts WHERE lead_id = ${id}; DELETE FROM lead_custom_values WHERE lead_id = ${id};
      DELETE FROM leads WHERE id = ${id}; SET FOREIGN_KEY_CHECKS = 1;`);
  }
});

const loc = (res) => String(res.headers.location ?? '').replace(/^https?:\/\/[^/]+/, '');

async function newLead(s, name) {
  const res = await post('/leads', { csrf: s.csrf, name, url: '', description: '' }, { jar: s.jar });
  assert.equal(res.status, 303, `create lead: ${res.status}`);
  const pid = one(`SELECT pid FROM leads WHERE name = ${lit(name)} ORDER BY id DESC LIMIT 1`);
  made.push(pid);
  return pid;
}

async function addContact(s, lead, name) {
  const res = await post(`/lead/${lead}/contact`, { csrf: s.csrf, name }, { jar: s.jar });
  assert.equal(res.status, 303, `add contact: ${res.status}`);
  return one(`SELECT pid FROM contacts WHERE lead_id = ${leadId(lead)} AND name = ${lit(name)} ORDER BY id DESC LIMIT 1`);
}

async function addTask(s, lead, form) {
  const res = await post(`/lead/${lead}/task`, { csrf: s.csrf, ...form }, { jar: s.jar });
  assert.equal(res.status, 303, `add task: ${res.status}`);
  return one(`SELECT pid FROM tasks WHERE lead_id = ${leadId(lead)} ORDER BY id DESC LIMIT 1`);
}

async function addOpp(s, lead, note) {
  const status = one(`SELECT s.pid FROM opportunity_statuses s JOIN organizations o ON o.id = s.organization_id
    WHERE o.name = 'Northwind Traders' ORDER BY s.position LIMIT 1`);
  const res = await post(`/lead/${lead}/opportunity`, { csrf: s.csrf, status_id: status, value: '10', value_currency: 'USD', note }, { jar: s.jar });
  assert.equal(res.status, 303, `add opportunity: ${res.status}`);
  return one(`SELECT pid FROM opportunities WHERE lead_id = ${leadId(lead)} ORDER BY id DESC LIMIT 1`);
}

const taskRow = (pid) => sql(`SELECT t.text, COALESCE(DATE_FORMAT(t.due_date, '%Y-%m-%d'), ''), COALESCE(u.pid, ''),
  COALESCE(c.pid, ''), t.is_complete FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to
  LEFT JOIN contacts c ON c.id = t.contact_id WHERE t.pid = ${lit(pid)}`)[0];
const userPid = (email) => one(`SELECT pid FROM users WHERE email = ${lit(email)}`);
function tables(lead) {
  const id = leadId(lead);
  return ['tasks', 'opportunities', 'contacts', 'activities'].map((t) =>
    `${t}=${one(`SELECT COUNT(*) FROM ${t} WHERE lead_id = ${id}`)}`).join(' ') +
    ` ${JSON.stringify(sql(`SELECT pid, text, due_date, assigned_to, contact_id, is_complete FROM tasks WHERE lead_id = ${id} ORDER BY id`))}`;
}

// The page is kept by some worker first; then every answer (from whichever
// worker) must pass check.
async function cached(s, lead) {
  for (let i = 0; i < 40; i++) {
    const res = await get(`/lead/${lead}/`, { jar: s.jar });
    assert.equal(res.status, 200);
    if (res.headers['x-page-cache'] === 'hit') return;
  }
  assert.fail('no worker sent a kept page in 40 requests');
}
async function everyWorker(s, lead, check) {
  for (let i = 0; i < 12; i++) {
    const res = await get(`/lead/${lead}/`, { jar: s.jar });
    assert.equal(res.status, 200);
    check(res.body, i);
  }
}

// The selected option's value of a select.
function selected(html, id) {
  const m = html.match(new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`));
  assert.ok(m, `a select #${id}`);
  return m[1].match(/<option value="([^"]*)" selected>/)?.[1] ?? '';
}
function inputValue(html, id) {
  const m = html.match(new RegExp(`<input id="${id}"[^>]*value="([^"]*)"`));
  assert.ok(m, `an input #${id}`);
  return decode(m[1].replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))));
}

test('C3: the task edit page (no JavaScript) shows the stored values exactly; saving changes text, due date, assignee and contact; every worker shows it', async () => {
  const lead = await newLead(ada, 'Zz Task Edit Test');
  const margaret = await addContact(ada, lead, 'Margaret Chen');
  const david = await addContact(ada, lead, 'David Park');
  const text = `Send the <b>"contract"</b> & Bob's  two  spaces`;
  const task = await addTask(ada, lead, { text, due_date: '2030-01-02', assigned_to: userPid('ben@northwind.test'), contact_id: margaret });
  let page = await get(`/lead/${lead}/`, { jar: ada.jar });
  assert.match(page.body, new RegExp(`<a class="act-edit-link" href="/lead/${lead}/task/${task}/edit"`), 'the task has Edit');
  assert.match(page.body, new RegExp(`<a class="act-delete-link" href="/lead/${lead}/task/${task}/delete"`), 'and Delete');

  const form = await get(`/lead/${lead}/task/${task}/edit`, { jar: ada.jar });
  assert.equal(form.status, 200);
  assert.match(form.body, new RegExp(`<form class="form act-edit-form task-edit-form" id="edit-form" method="post" action="/lead/${lead}/task/${task}/edit">`));
  assert.equal(inputValue(form.body, 'edit-text'), text, 'the text exactly');
  assert.equal(inputValue(form.body, 'edit-due_date'), '2030-01-02');
  assert.equal(selected(form.body, 'edit-assigned_to'), userPid('ben@northwind.test'));
  assert.equal(selected(form.body, 'edit-contact_id'), margaret);

  await cached(ada, lead);
  const res = await post(`/lead/${lead}/task/${task}/edit`, { csrf: ada.csrf, text: 'Call back Friday', due_date: '2031-03-04',
    assigned_to: userPid('ada@northwind.test'), contact_id: david }, { jar: ada.jar });
  assert.equal(res.status, 303);
  assert.equal(loc(res), `/lead/${lead}/#${task}`);
  assert.deepEqual(taskRow(task), ['Call back Friday', '2031-03-04', userPid('ada@northwind.test'), david, '0']);
  await everyWorker(ada, lead, (body, i) => {
    assert.ok(body.includes('Call back Friday'), `answer ${i}: the new text`);
    assert.ok(!body.includes('two  spaces'), `answer ${i}: not the old text`);
  });
  // an assignee no longer active (dan) stays selected, and saving the form as shown keeps him
  sql(`UPDATE tasks SET assigned_to = (SELECT id FROM users WHERE email = 'dan@northwind.test') WHERE pid = ${lit(task)}`);
  const kept = await get(`/lead/${lead}/task/${task}/edit`, { jar: ada.jar });
  assert.equal(selected(kept.body, 'edit-assigned_to'), userPid('dan@northwind.test'), 'the inactive assignee is shown chosen');
  assert.equal((await post(`/lead/${lead}/task/${task}/edit`, { csrf: ada.csrf, text: inputValue(kept.body, 'edit-text'),
    due_date: inputValue(kept.body, 'edit-due_date'), assigned_to: selected(kept.body, 'edit-assigned_to'),
    contact_id: selected(kept.body, 'edit-contact_id') }, { jar: ada.jar })).status, 303);
  assert.deepEqual(taskRow(task), ['Call back Friday', '2031-03-04', userPid('dan@northwind.test'), david, '0'], 'saved as shown: unchanged');
  // the contact cleared and the due date removed: both empty again
  const res2 = await post(`/lead/${lead}/task/${task}/edit`, { csrf: ada.csrf, text: 'Call back Friday', due_date: '',
    assigned_to: userPid('dan@northwind.test'), contact_id: '' }, { jar: ada.jar });
  assert.equal(res2.status, 303);
  assert.deepEqual(taskRow(task), ['Call back Friday', '', userPid('dan@northwind.test'), '', '0']);
  page = await get(`/lead/${lead}/`, { jar: ada.jar });
  const li = page.body.slice(page.body.indexOf(`id="${task}"`), page.body.indexOf('</li>', page.body.indexOf(`id="${task}"`)));
  assert.doesNotMatch(li, /class="with"/, 'no contact shown on the task');
});

test('C3: bad values on the task edit: 422, the edit page again with the message and the input, nothing changed', async () => {
  const lead = await newLead(ada, 'Zz Task Edit Bad Test');
  const task = await addTask(ada, lead, { text: 'Keep me', due_date: '2030-01-02' });
  const s0 = tables(lead);
  for (const [form, field] of [[{ text: '', due_date: '2030-01-02' }, 'text'], [{ text: 'Changed', due_date: '2030-02-31' }, 'due_date'],
    [{ text: 'Changed', due_date: 'soon' }, 'due_date'], [{ text: 'Changed', contact_id: randomId('cont_') }, 'contact_id'],
    [{ text: 'Changed', assigned_to: userPid('cora@bloomdental.test') }, 'assigned_to']]) {
    const res = await post(`/lead/${lead}/task/${task}/edit`, { csrf: ada.csrf, ...form }, { jar: ada.jar });
    assert.equal(res.status, 422, `${JSON.stringify(form)}: ${res.status}`);
    assert.match(res.body, new RegExp(`id="edit-${field}"[^>]* aria-invalid="true" aria-describedby="edit-${field}-err"`), `${field} marked`);
    assert.match(res.body, new RegExp(`<span class="form-error" id="edit-${field}-err">[^<]+</span>`), `${field}: its message`);
    if (form.text) assert.equal(inputValue(res.body, 'edit-text'), form.text, 'the input kept');
    if (form.due_date) assert.equal(inputValue(res.body, 'edit-due_date'), form.due_date, 'the date as typed');
    assert.equal(tables(lead), s0, `${JSON.stringify(form)}: nothing changed`);
  }
});

test('C3: a completed task is reopened from the history: back on the open list on every worker; reopening an open task is refused by redirect', async () => {
  const lead = await newLead(ada, 'Zz Task Reopen Test');
  const task = await addTask(ada, lead, { text: 'Reopen me' });
  let res = await post(`/lead/${lead}/task/${task}/complete`, { csrf: ada.csrf }, { jar: ada.jar });
  assert.equal(res.status, 303);
  let page = await get(`/lead/${lead}/`, { jar: ada.jar });
  const done = acts(page.body)[0];
  assert.equal(done.type, 'task_completed');
  assert.match(done.html, new RegExp(`<form class="task-reopen" method="post" action="/lead/${lead}/task/${task}/reopen">`), 'Reopen on the completed task');
  // completing it again: 303 back to the page with the message, nothing written
  const s0 = tables(lead);
  res = await post(`/lead/${lead}/task/${task}/complete`, { csrf: ada.csrf }, { jar: ada.jar });
  assert.equal(res.status, 303);
  assert.equal(loc(res), `/lead/${lead}/?refused=task-done#tasks-err`);
  page = await get(loc(res), { jar: ada.jar });
  assert.equal(page.status, 200);
  assert.ok(page.body.includes('<p class="form-error" id="tasks-err" role="alert">This task is already complete.</p>'));
  assert.equal(tables(lead), s0);

  await cached(ada, lead);
  res = await post(`/lead/${lead}/task/${task}/reopen`, { csrf: ada.csrf }, { jar: ada.jar });
  assert.equal(res.status, 303);
  assert.equal(loc(res), `/lead/${lead}/#${task}`);
  assert.equal(taskRow(task)[4], '0');
  assert.equal(one(`SELECT date_completed IS NULL FROM tasks WHERE pid = ${lit(task)}`), '1');
  await everyWorker(ada, lead, (body, i) => {
    assert.match(body, new RegExp(`<li class="task" id="${task}">`), `answer ${i}: the task is open again`);
    assert.doesNotMatch(body, /class="task-reopen"/, `answer ${i}: no Reopen on the record of an open task`);
  });
  page = await get(`/lead/${lead}/`, { jar: ada.jar });
  assert.equal(acts(page.body)[0].type, 'task_completed', 'the completion stays in the history');
  // reopening an open task: 303 with the message, nothing changed
  const s1 = tables(lead);
  res = await post(`/lead/${lead}/task/${task}/reopen`, { csrf: ada.csrf }, { jar: ada.jar });
  assert.equal(res.status, 303);
  assert.equal(loc(res), `/lead/${lead}/?refused=task-open#tasks-err`);
  page = await get(loc(res), { jar: ada.jar });
  assert.match(decode(page.body), /This task is open: only a completed task is reopened\./);
  assert.equal(tables(lead), s1);
});

test('C3: delete a task, an opportunity and a contact through a confirm page; gone on every worker; a second time 404', async () => {
  const lead = await newLead(ada, 'Zz Removals Test');
  const cont = await addContact(ada, lead, 'Removable Person');
  const task = await addTask(ada, lead, { text: 'Delete me please' });
  const opp = await addOpp(ada, lead, 'Opportunity to delete');
  let page = await get(`/lead/${lead}/`, { jar: ada.jar });
  assert.match(page.body, new RegExp(`<a class="act-delete-link" href="/lead/${lead}/opportunity/${opp}/delete"`), 'the opportunity has Delete');
  assert.match(page.body, new RegExp(`<a class="act-delete-link" href="/lead/${lead}/contact/${cont}/remove">Remove Removable Person</a>`), 'Remove leads to the confirm step');
  assert.doesNotMatch(page.body, new RegExp(`<form[^>]*action="/lead/${lead}/contact/${cont}/remove"`), 'no removal at once from the page');
  const cases = [
    ['task', `/lead/${lead}/task/${task}/delete`, /Delete this task\?/, /Delete me please/, 'tasks', task, 'tasks-h'],
    ['opportunity', `/lead/${lead}/opportunity/${opp}/delete`, /Delete this opportunity\?/, /Opportunity to delete/, 'opportunities', opp, 'opps-h'],
    ['contact', `/lead/${lead}/contact/${cont}/remove`, /Remove Removable Person\?/, /Removable Person/, 'contacts', cont, 'contacts-h'],
  ];
  for (const [what, path, question, shows, table, pid, anchor] of cases) {
    const confirm = await get(path, { jar: ada.jar });
    assert.equal(confirm.status, 200, `${what}: the confirm page`);
    assert.match(confirm.body, question);
    assert.match(decode(confirm.body), shows, `${what}: what goes`);
    assert.match(confirm.body, new RegExp(`<form class="confirm-form" method="post" action="${path}">`));
    assert.equal(one(`SELECT COUNT(*) FROM ${table} WHERE pid = ${lit(pid)}`), '1', `${what}: the GET removed nothing`);
    await cached(ada, lead);
    const res = await post(path, { csrf: ada.csrf }, { jar: ada.jar });
    assert.equal(res.status, 303, `${what}: ${res.status}`);
    assert.equal(loc(res), `/lead/${lead}/#${anchor}`);
    assert.equal(one(`SELECT COUNT(*) FROM ${table} WHERE pid = ${lit(pid)}`), '0', `${what}: gone`);
    await everyWorker(ada, lead, (body, i) => assert.ok(!body.includes(`id="${pid}"`), `${what}, answer ${i}: not on the page`));
    // the deleted target: the confirm page and the POST are 404
    assert.equal((await get(path, { jar: ada.jar })).status, 404, `${what}: confirm page of a deleted one`);
    assert.equal((await post(path, { csrf: ada.csrf }, { jar: ada.jar })).status, 404, `${what}: deleted again`);
  }
});

test('C3: a deleted task: its edit page, edit and reopen are 404', async () => {
  const lead = await newLead(ada, 'Zz Deleted Task Test');
  const task = await addTask(ada, lead, { text: 'Short lived' });
  assert.equal((await post(`/lead/${lead}/task/${task}/delete`, { csrf: ada.csrf }, { jar: ada.jar })).status, 303);
  assert.equal((await get(`/lead/${lead}/task/${task}/edit`, { jar: ada.jar })).status, 404);
  assert.equal((await post(`/lead/${lead}/task/${task}/edit`, { csrf: ada.csrf, text: 'x' }, { jar: ada.jar })).status, 404);
  assert.equal((await post(`/lead/${lead}/task/${task}/reopen`, { csrf: ada.csrf }, { jar: ada.jar })).status, 404);
  assert.equal((await post(`/lead/${lead}/task/${task}/complete`, { csrf: ada.csrf }, { jar: ada.jar })).status, 404);
});

// Every new route: [method, path of lead, target, body].
function routesOf(lead, task, opp, cont) {
  return [
    ['GET', `/lead/${lead}/task/${task}/edit`],
    ['POST', `/lead/${lead}/task/${task}/edit`, { text: 'Hijacked', due_date: '2030-01-01' }],
    ['POST', `/lead/${lead}/task/${task}/reopen`, {}],
    ['POST', `/lead/${lead}/task/${task}/complete`, {}],
    ['GET', `/lead/${lead}/task/${task}/delete`],
    ['POST', `/lead/${lead}/task/${task}/delete`, {}],
    ['GET', `/lead/${lead}/opportunity/${opp}/delete`],
    ['POST', `/lead/${lead}/opportunity/${opp}/delete`, {}],
    ['GET', `/lead/${lead}/contact/${cont}/remove`],
    ['POST', `/lead/${lead}/contact/${cont}/remove`, {}],
  ];
}

test('C3: another organization\'s ids, and another lead\'s under this lead\'s URL: the same 404 as unknown ids, nothing changed', async () => {
  const lead = await newLead(ada, 'Zz Tenant Test');
  const cont = await addContact(ada, lead, 'Tenant Person');
  const task = await addTask(ada, lead, { text: 'Tenant task' });
  const opp = await addOpp(ada, lead, 'Tenant opportunity');
  const other = await newLead(ada, 'Zz Tenant Other Test');
  const s0 = tables(lead);
  const cora = await session('cora@bloomdental.test');
  const coraLead = one(`SELECT l.pid FROM leads l JOIN organizations o ON o.id = l.organization_id WHERE o.name = 'Bloom Dental' ORDER BY l.id LIMIT 1`);
  const unknown = routesOf(randomId('lead_'), randomId('task_'), randomId('oppo_'), randomId('cont_'));
  const unknownBelow = routesOf(coraLead, randomId('task_'), randomId('oppo_'), randomId('cont_'));
  const theirs = routesOf(lead, task, opp, cont);
  const theirsBelow = routesOf(coraLead, task, opp, cont);
  for (let i = 0; i < theirs.length; i++) {
    for (const [mine, ref] of [[theirs[i], unknown[i]], [theirsBelow[i], unknownBelow[i]]]) {
      const [method, path, body] = mine;
      const send = (p) => (method === 'GET' ? get(p, { jar: cora.jar }) : post(p, { csrf: cora.csrf, ...body }, { jar: cora.jar }));
      const a = await send(path);
      const b = await send(ref[1]);
      assert.equal(a.status, 404, `cora: ${method} ${path}: ${a.status}`);
      assert.equal(b.status, 404, `unknown: ${method} ${ref[1]}`);
      assert.equal(a.body, b.body, `${method} ${path}: the same 404 page as unknown ids`);
    }
  }
  // ada: this lead's task, opportunity and contact under her other lead's URL
  for (const [method, path, body] of routesOf(other, task, opp, cont)) {
    const res = method === 'GET' ? await get(path, { jar: ada.jar }) : await post(path, { csrf: ada.csrf, ...body }, { jar: ada.jar });
    assert.equal(res.status, 404, `${method} ${path} (another lead's): ${res.status}`);
  }
  assert.equal(tables(lead), s0, 'nothing changed');
});

test('C3: a wrong or missing CSRF token on every new POST: 403, nothing changed', async () => {
  const lead = await newLead(ada, 'Zz CSRF Test');
  const cont = await addContact(ada, lead, 'Csrf Person');
  const task = await addTask(ada, lead, { text: 'Csrf task' });
  const opp = await addOpp(ada, lead, 'Csrf opportunity');
  assert.equal((await post(`/lead/${lead}/task/${task}/complete`, { csrf: ada.csrf }, { jar: ada.jar })).status, 303);
  const s0 = tables(lead);
  for (const [method, path, body] of routesOf(lead, task, opp, cont).filter((r) => r[0] === 'POST')) {
    for (const token of [undefined, 'not-the-token', '']) {
      const form = token === undefined ? { ...body } : { csrf: token, ...body };
      const res = await post(path, form, { jar: ada.jar });
      assert.equal(res.status, 403, `${method} ${path} with ${token === undefined ? 'no' : `"${token}"`} token: ${res.status}`);
    }
  }
  assert.equal(tables(lead), s0, 'nothing changed');
});

test('C3: B2C: removing the customer\'s only contact is refused by redirect back to the page with the message', async () => {
  const cora = await session('cora@bloomdental.test');
  const lead = await newLead(cora, 'Zz Pat Remove');
  const cont = one(`SELECT pid FROM contacts WHERE lead_id = ${leadId(lead)}`);
  const confirm = await get(`/lead/${lead}/contact/${cont}/remove`, { jar: cora.jar });
  assert.equal(confirm.status, 200);
  const res = await post(`/lead/${lead}/contact/${cont}/remove`, { csrf: cora.csrf }, { jar: cora.jar });
  assert.equal(res.status, 303);
  assert.equal(loc(res), `/lead/${lead}/?refused=contact-b2c#contacts-err`);
  const page = await get(loc(res), { jar: cora.jar });
  assert.ok(page.body.includes('<p class="form-error" id="contacts-err" role="alert">A customer in a B2C organization has exactly one contact.</p>'));
  assert.equal(one(`SELECT COUNT(*) FROM contacts WHERE pid = ${lit(cont)}`), '1');
});
