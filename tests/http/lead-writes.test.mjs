// L5, L6 — writes from the lead page: each form POSTs (with its CSRF token)
// through the model; success is a 303 back to the page, invalid input the page
// again (400) with the form open, a message beside the field and the input
// kept; a rule of the lead (B2C's one contact) a 409; another organization's
// ids a 404; and nothing changes on any refusal. Each test works on a lead it
// creates and removes, so the demo data stays as it was.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { one, lit, session, leadPid } from '../lib/http-extra.mjs';
import { acts, leadId } from '../lib/lead-page.mjs';

const made = [];

async function newLead(email, name) {
  const s = await session(email);
  const res = await post('/leads', { csrf: s.csrf, name, url: '', description: '' }, { jar: s.jar });
  assert.equal(res.status, 303, `create lead: ${res.status}`);
  const pid = one(`SELECT pid FROM leads WHERE name = ${lit(name)} ORDER BY id DESC LIMIT 1`);
  made.push(pid);
  return { ...s, pid };
}

after(() => {
  for (const pid of made) {
    const id = one(`SELECT id FROM leads WHERE pid = ${lit(pid)}`);
    if (!id) continue;
    sql(`SET FOREIGN_KEY_CHECKS = 0;
      DELETE FROM activity_custom_values WHERE activity_id IN (SELECT id FROM activities WHERE lead_id = ${id});
      DELETE FROM activities WHERE lead_id = ${id}; DELETE FROM lead_activity_counts WHERE lead_id = ${id};
      DELETE FROM tasks WHERE lead_id = ${id}; DELETE FROM opportunities WHERE lead_id = ${id};
      DELETE FROM contact_emails WHERE contact_id IN (SELECT id FROM contacts WHERE lead_id = ${id});
      DELETE FROM contact_phones WHERE contact_id IN (SELECT id FROM contacts WHERE lead_id = ${id});
      DELETE FROM contacts WHERE lead_id = ${id}; DELETE FROM lead_custom_values WHERE lead_id = ${id};
      DELETE FROM leads WHERE id = ${id}; SET FOREIGN_KEY_CHECKS = 1;`);
  }
});

const count = (table, pid) => Number(one(`SELECT COUNT(*) FROM ${table} WHERE lead_id = ${leadId(pid)}`));
function snapshot(pid) {
  return ['activities', 'tasks', 'opportunities', 'contacts', 'lead_custom_values', 'lead_activity_counts']
    .map((t) => `${t}=${count(t, pid)}`).join(' ') + ` name=${one(`SELECT name FROM leads WHERE pid = ${lit(pid)}`)}`;
}
const filterCount = (html, key) => {
  const m = html.match(new RegExp(`value="${key}"[^>]*> <span class="kind-label">[^<]*</span> <span class="count">(\\d+)`));
  return m ? Number(m[1]) : null;
};

test('a note: 303 to its anchor, on top of the history, the filter count up by one', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Note Test');
  const before = await get(`/lead/${pid}/`, { jar });
  const n0 = filterCount(before.body, 'note');
  const res = await post(`/lead/${pid}/note`, { csrf, text: 'Called about <b>pricing</b>' }, { jar });
  assert.equal(res.status, 303);
  const apid = one(`SELECT pid FROM activities WHERE lead_id = ${leadId(pid)} AND type = 'note'`);
  assert.equal(res.headers.location.replace(/^https?:\/\/[^/]+/, ''), `/lead/${pid}/#${apid}`);
  const page = await get(`/lead/${pid}/`, { jar });
  const first = acts(page.body)[0];
  assert.equal(first.pid, apid);
  assert.match(first.html, /Called about &lt;b&gt;pricing&lt;\/b&gt;/);
  assert.equal(filterCount(page.body, 'note'), (n0 ?? 0) + 1);
});

test('CSRF missing: 403 and nothing changed', async () => {
  const { jar, pid } = await newLead('ada@northwind.test', 'Writes CSRF Test');
  const s0 = snapshot(pid);
  for (const [path, body] of [['note', { text: 'x' }], ['task', { text: 'x' }], ['contact', { name: 'X' }],
    ['edit', { name: 'Renamed' }], ['call', { direction: 'outgoing' }]]) {
    const res = await post(`/lead/${pid}/${path}`, body, { jar });
    assert.equal(res.status, 403, path);
  }
  assert.equal(snapshot(pid), s0);
});

test('invalid input: 400, the form open, the message beside the field (aria-describedby), the input kept, nothing changed', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Invalid Test');
  const s0 = snapshot(pid);
  let res = await post(`/lead/${pid}/email`, { csrf, direction: 'outgoing', subject: 'Kept subject', sender: 'not-an-address', to: 'a@b.test' }, { jar });
  assert.equal(res.status, 400);
  assert.match(res.body, /<details class="form email-form" open>/);
  assert.match(res.body, /id="email-sender" name="sender" type="email" value="not-an-address" aria-invalid="true" aria-describedby="email-sender-err"/);
  assert.match(res.body, /<span class="form-error" id="email-sender-err">[^<]+<\/span>/);
  assert.match(res.body, /value="Kept subject"/);
  res = await post(`/lead/${pid}/task`, { csrf, text: 'Follow up', due_date: '2026-02-31' }, { jar });
  assert.equal(res.status, 400);
  assert.match(res.body, /id="task-due_date-err">[^<]+</);
  assert.match(res.body, /name="text" type="text" required value="Follow up"/);
  res = await post(`/lead/${pid}/opportunity`, { csrf, value: '12.345', value_currency: 'USD' }, { jar });
  assert.equal(res.status, 400);
  assert.match(res.body, /id="opp-new-value-err">[^<]+</);
  res = await post(`/lead/${pid}/edit`, { csrf, name: '', url: 'javascript:alert(1)' }, { jar });
  assert.equal(res.status, 400);
  assert.match(res.body, /id="lead-name-err">/);
  assert.match(res.body, /id="lead-url-err">/);
  assert.equal(snapshot(pid), s0);
});

test('a task: added, then completed: off the open list and a task_completed activity on the page', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Task Test');
  let res = await post(`/lead/${pid}/task`, { csrf, text: 'Send the contract', due_date: '2030-01-02' }, { jar });
  assert.equal(res.status, 303);
  const tpid = one(`SELECT pid FROM tasks WHERE lead_id = ${leadId(pid)}`);
  let page = await get(`/lead/${pid}/`, { jar });
  assert.match(page.body, new RegExp(`<li class="task" id="${tpid}">`));
  assert.match(page.body, new RegExp(`action="/lead/${pid}/task/${tpid}/complete"`));
  res = await post(`/lead/${pid}/task/${tpid}/complete`, { csrf }, { jar });
  assert.equal(res.status, 303);
  page = await get(`/lead/${pid}/`, { jar });
  assert.doesNotMatch(page.body, new RegExp(`<li class="task[^"]*" id="${tpid}">`));
  const first = acts(page.body)[0];
  assert.equal(first.type, 'task_completed');
  assert.match(first.html, /Send the contract/);
  // again: already complete, 303 back to the page with the message (C3:
  // POST/redirect/GET), nothing written
  const s0 = snapshot(pid);
  res = await post(`/lead/${pid}/task/${tpid}/complete`, { csrf }, { jar });
  assert.equal(res.status, 303, 'second completion: a rule of the task, not an unknown one');
  assert.equal(res.headers.location.replace(/^https?:\/\/[^/]+/, ''), `/lead/${pid}/?refused=task-done#tasks-err`);
  // (without the fragment, as a browser asks: Apache refuses a '#' in a request line)
  page = await get(res.headers.location.replace(/^https?:\/\/[^/]+/, '').replace(/#.*$/, ''), { jar });
  assert.match(page.body, /This task is already complete\./);
  assert.equal(snapshot(pid), s0);
});

test('an opportunity: added, its status changed records an opportunity status change', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Opp Test');
  const statuses = sql(`SELECT s.pid FROM opportunity_statuses s JOIN leads l ON l.organization_id = s.organization_id
    WHERE l.pid = ${lit(pid)} ORDER BY s.position, s.id`).map((r) => r[0]);
  let res = await post(`/lead/${pid}/opportunity`, { csrf, status_id: statuses[0], value: '1,200.50', value_currency: 'USD',
    value_period: 'monthly', confidence: '60' }, { jar });
  assert.equal(res.status, 303);
  const opid = one(`SELECT pid FROM opportunities WHERE lead_id = ${leadId(pid)}`);
  assert.equal(one(`SELECT value FROM opportunities WHERE pid = ${lit(opid)}`), '120050');
  let page = await get(`/lead/${pid}/`, { jar });
  assert.match(page.body, /name="value" type="text" inputmode="decimal" value="1200.50"/, 'the edit form holds the value');
  res = await post(`/lead/${pid}/opportunity/${opid}/edit`, { csrf, status_id: statuses[1], value: '1200.50', value_currency: 'USD',
    value_period: 'monthly', confidence: '80' }, { jar });
  assert.equal(res.status, 303);
  page = await get(`/lead/${pid}/`, { jar });
  const top = acts(page.body)[0];
  assert.equal(top.type, 'opportunity_status_change');
  const labels = statuses.slice(0, 2).map((s) => one(`SELECT label FROM opportunity_statuses WHERE pid = ${lit(s)}`));
  assert.match(top.html, new RegExp(`<span class="opportunity">Opportunity [^<]*1,200\\.50[^<]*:</span> `
    + `<span class="status from">${labels[0]}</span> <span class="arrow" aria-label="to">→</span> <span class="status to">${labels[1]}</span>`),
  `the change from ${labels[0]} to ${labels[1]}: ${top.html}`);
});

test('L5: log a call, an email, an SMS, a meeting: each in the history as logged, the three of now on top', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Log Test');
  const cases = [
    ['call', { direction: 'outgoing', phone: '+1 555 0100', duration: '1:35', outcome: 'answered', note: 'Good call' }, 'call'],
    ['email', { direction: 'outgoing', subject: 'Proposal', sender: 'ada@northwind.test', to: 'x@globex.example', body_text: 'Hi' }, 'email'],
    ['sms', { direction: 'incoming', remote_phone: '+1 555 0101', text: 'On my way' }, 'sms'],
    ['meeting', { title: 'Demo', starts_at: '2026-03-04T10:00', ends_at: '2026-03-04T11:00' }, 'meeting'],
  ];
  // L5: what each shows on top of the history, as the form gave it
  const shows = {
    call: [/<span class="dir">outgoing<\/span>/, /<a class="phone" href="tel:\+15550100">\+1 555 0100<\/a>/,
      /<span class="duration" title="Duration">1:35<\/span>/, /<span class="outcome">answered<\/span>/,
      /<div class="body body-text">Good call<\/div>/],
    email: [/<p class="subject">Proposal<\/p>/, /<dt>From<\/dt><dd>ada@northwind\.test<\/dd>/,
      /<dt>To<\/dt><dd>x@globex\.example<\/dd>/, /<div class="body body-text">Hi<\/div>/],
    sms: [/<span class="dir">incoming<\/span>/, /<span class="from">From <a href="tel:\+15550101">\+1 555 0101<\/a><\/span>/,
      /<div class="body body-text">On my way<\/div>/],
    meeting: [/<p class="subject">Demo<\/p>/, /<span class="range">Mar 4, 2026 10:00 AM – 11:00 AM<\/span>/],
  };
  const stored = {
    call: ['direction, phone, duration, outcome, body_text', ['outgoing', '+1 555 0100', '95', 'answered', 'Good call']],
    email: ['direction, subject, sender, recipients_to, body_text', ['outgoing', 'Proposal', 'ada@northwind.test', 'x@globex.example', 'Hi']],
    sms: ['direction, phone, body_text', ['incoming', '+1 555 0101', 'On my way']],
    meeting: ['title, starts_at IS NOT NULL, ends_at > starts_at', ['Demo', '1', '1']],
  };
  for (const [path, body, type] of cases) {
    const res = await post(`/lead/${pid}/${path}`, { csrf, ...body }, { jar });
    assert.equal(res.status, 303, `${path}: ${res.status} ${res.body.match(/form-error[^<]*<?[^<]*/g)}`);
    assert.equal(Number(one(`SELECT COUNT(*) FROM activities WHERE lead_id = ${leadId(pid)} AND type = '${type}'`)), 1);
    const [cols, want] = stored[type];
    assert.deepEqual(sql(`SELECT ${cols} FROM activities WHERE lead_id = ${leadId(pid)} AND type = '${type}'`)[0], want, `${type}: stored`);
    // on top, but for the meeting, which stands at its own (earlier) time
    const apid = one(`SELECT pid FROM activities WHERE lead_id = ${leadId(pid)} AND type = '${type}'`);
    const list = acts((await get(`/lead/${pid}/`, { jar })).body);
    const shown = list.find((a) => a.pid === apid);
    assert.ok(shown, `${type} is in the history`);
    if (type !== 'meeting') assert.equal(list[0].pid, apid, `${type} is on top`);
    else assert.equal(list.at(-1).pid, apid, 'the meeting of March 2026 is below the activities logged now');
    for (const re of shows[type]) assert.match(shown.html, re, `${type}: ${shown.html}`);
  }
});

test('another organization\'s lead, task or contact: 404 and nothing changed', async () => {
  const { jar, csrf } = await session('cora@bloomdental.test');
  const nw = leadPid('Globex Corporation');
  const s0 = snapshot(nw);
  assert.equal((await post(`/lead/${nw}/note`, { csrf, text: 'x' }, { jar })).status, 404);
  const task = one(`SELECT pid FROM tasks WHERE lead_id = ${leadId(nw)} AND is_complete = 0 LIMIT 1`);
  assert.ok(task, 'the fixture: Globex has an open task');
  assert.equal((await post(`/lead/${nw}/task/${task}/complete`, { csrf }, { jar })).status, 404);
  const cont = one(`SELECT pid FROM contacts WHERE lead_id = ${leadId(nw)} LIMIT 1`);
  assert.equal((await post(`/lead/${nw}/contact/${cont}/remove`, { csrf }, { jar })).status, 404);
  assert.equal(snapshot(nw), s0);
});

test('B2C (Bloom Dental): one contact of the lead\'s name; a second is 409, removing it refused (303 with the message); renaming either renames both', async () => {
  const { jar, csrf, pid } = await newLead('cora@bloomdental.test', 'Pat Writes');
  const cont = one(`SELECT pid FROM contacts WHERE lead_id = ${leadId(pid)}`);
  assert.ok(cont, 'the new lead has its contact');
  const s0 = snapshot(pid);
  let res = await post(`/lead/${pid}/contact`, { csrf, name: 'Second Person' }, { jar });
  assert.equal(res.status, 409);
  assert.match(res.body, /<details class="form contact-form" open>/);
  assert.match(res.body, /A customer in a B2C organization has exactly one contact\./);
  assert.match(res.body, /value="Second Person"/);
  res = await post(`/lead/${pid}/contact/${cont}/remove`, { csrf }, { jar });
  assert.equal(res.status, 303, 'refused: back to the page with the message (C3)');
  assert.equal(res.headers.location.replace(/^https?:\/\/[^/]+/, ''), `/lead/${pid}/?refused=contact-b2c#contacts-err`);
  assert.match((await get(`/lead/${pid}/?refused=contact-b2c`, { jar })).body, /exactly one contact/);
  assert.equal(snapshot(pid), s0);
  res = await post(`/lead/${pid}/edit`, { csrf, name: 'Pat Writes-Renamed' }, { jar });
  assert.equal(res.status, 303);
  assert.equal(one(`SELECT name FROM contacts WHERE pid = ${lit(cont)}`), 'Pat Writes-Renamed');
  res = await post(`/lead/${pid}/contact/${cont}/edit`, { csrf, name: 'Pat Again', email: 'pat@example.test', email_type: 'home' }, { jar });
  assert.equal(res.status, 303);
  assert.equal(one(`SELECT name FROM leads WHERE pid = ${lit(pid)}`), 'Pat Again');
});

test('B2B: several contacts; a contact edited and removed', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Contacts Test');
  for (const name of ['First Person', 'Second Person']) {
    const res = await post(`/lead/${pid}/contact`, [['csrf', csrf], ['name', name], ['email', `${name.split(' ')[0].toLowerCase()}@x.test`],
      ['email_type', 'office'], ['email', ''], ['email_type', 'office'], ['phone', '+1 555 0199'], ['phone_type', 'mobile']], { jar });
    assert.equal(res.status, 303, `${name}: ${res.status}`);
  }
  assert.equal(count('contacts', pid), 2);
  const cont = one(`SELECT pid FROM contacts WHERE lead_id = ${leadId(pid)} ORDER BY id LIMIT 1`);
  let res = await post(`/lead/${pid}/contact/${cont}/edit`, [['csrf', csrf], ['name', 'First Renamed'], ['email', 'bad@'], ['email_type', 'office']], { jar });
  assert.equal(res.status, 400);
  assert.match(res.body, /value="bad@" aria-invalid="true"/);
  res = await post(`/lead/${pid}/contact/${cont}/remove`, { csrf }, { jar });
  assert.equal(res.status, 303);
  assert.equal(count('contacts', pid), 1);
});

test('custom field values: set through the form, a bad number is 400 with its message', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Fields Test');
  const page = await get(`/lead/${pid}/`, { jar });
  const form = page.body.slice(page.body.indexOf('<details class="form fields-form"'));
  const fields = [...form.matchAll(/name="field" value="(cf_[0-9A-Za-z]+)"><label for="[^"]+">([^<]*)<\/label>\n?<(input|select|textarea) id="[^"]+" name="(v\d+)"(?: type="([a-z-]+)")?/g)]
    .map((m) => ({ pid: m[1], name: m[2], v: m[4], type: m[5] }));
  assert.ok(fields.length > 0, 'the form lists the custom fields');
  const num = sql(`SELECT f.pid FROM custom_fields f JOIN leads l ON l.organization_id = f.organization_id
    WHERE l.pid = ${lit(pid)} AND f.type = 'number' LIMIT 1`)[0]?.[0];
  assert.ok(num, 'the fixture: the organization has a number field');
  assert.ok(fields.some((f) => f.pid === num), 'the number field is in the form');
  {
    let res = await post(`/lead/${pid}/fields`, [['csrf', csrf], ['field', num], ["v0", "twelve"]], { jar });
    assert.equal(res.status, 400);
    assert.match(res.body, /value="twelve" aria-invalid="true"/);
    assert.equal(count('lead_custom_values', pid), 0);
    res = await post(`/lead/${pid}/fields`, [['csrf', csrf], ['field', num], ['v0', '1,200.5']], { jar });
    assert.equal(res.status, 303);
    assert.equal(one(`SELECT value FROM lead_custom_values WHERE lead_id = ${leadId(pid)}`), '1200.5');
  }
});

test('a custom activity of an organization type: every field stored, on top of the history with its values', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Custom Test');
  const type = one(`SELECT pid FROM custom_activity_types WHERE name = 'Site Visit'`);
  const fields = sql(`SELECT f.pid, f.name FROM custom_activity_fields f JOIN custom_activity_types t ON t.id = f.type_id
                      WHERE t.name = 'Site Visit' ORDER BY f.position, f.id`);
  const value = { Site: 'Springfield warehouse', Outcome: 'Positive', Observations: 'Dock 4 is\nready' };
  const body = new URLSearchParams({ csrf, custom_activity_type_id: type });
  fields.forEach(([fpid, name], i) => { body.append('field', fpid); body.append(`v${i}`, value[name]); });
  const res = await post(`/lead/${pid}/custom`, body.toString(), { jar, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 303);
  const acti = one(`SELECT pid FROM activities WHERE lead_id = ${leadId(pid)} AND type = 'custom'`);
  const stored = sql(`SELECT f.name, v.value FROM activity_custom_values v JOIN custom_activity_fields f ON f.id = v.field_id
                      JOIN activities a ON a.id = v.activity_id WHERE a.pid = ${lit(acti)} ORDER BY f.name`);
  assert.deepEqual(Object.fromEntries(stored), { Observations: 'Dock 4 is\\nready', Outcome: 'Positive', Site: 'Springfield warehouse' });
  const first = acts((await get(`/lead/${pid}/`, { jar })).body)[0];
  assert.equal(first.pid, acti);
  assert.match(first.html, /Site Visit/);
  assert.match(first.html, /Springfield warehouse/);
  assert.match(first.html, /Positive/);
});

test('a custom activity with a choice that is not listed: 400 and nothing stored', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Custom Bad Test');
  const s0 = snapshot(pid);
  const type = one(`SELECT pid FROM custom_activity_types WHERE name = 'Site Visit'`);
  const outcome = one(`SELECT f.pid FROM custom_activity_fields f JOIN custom_activity_types t ON t.id = f.type_id
                       WHERE t.name = 'Site Visit' AND f.name = 'Outcome'`);
  const body = new URLSearchParams({ csrf, custom_activity_type_id: type, field: outcome, v0: 'Ecstatic' });
  const res = await post(`/lead/${pid}/custom`, body.toString(), { jar, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 400);
  assert.equal(snapshot(pid), s0);
});

test('edit the lead: name, url and description saved and shown', async () => {
  const { jar, csrf, pid } = await newLead('ada@northwind.test', 'Writes Edit Test');
  const res = await post(`/lead/${pid}/edit`, { csrf, name: 'Writes Edit Test Renamed', url: 'https://renamed.example', description: 'Two\nlines' }, { jar });
  assert.equal(res.status, 303);
  const row = sql(`SELECT name, url, description FROM leads WHERE pid = ${lit(pid)}`)[0];
  assert.deepEqual(row, ['Writes Edit Test Renamed', 'https://renamed.example', 'Two\\nlines']);
  const page = await get(`/lead/${pid}/`, { jar });
  assert.match(page.body, /<h1[^>]*>Writes Edit Test Renamed<\/h1>/);
  assert.match(page.body, /href="https:\/\/renamed.example"/);
  const bad = await post(`/lead/${pid}/edit`, { csrf, name: '', url: 'javascript:alert(1)', description: '' }, { jar });
  assert.equal(bad.status, 400);
  assert.equal(one(`SELECT name FROM leads WHERE pid = ${lit(pid)}`), 'Writes Edit Test Renamed');
});
