// C5 — a value shown again in a textarea is the value exactly: its line
// breaks, tabs and inner spaces kept (ctemplate's HTML escaping turns them
// into spaces; a textarea's text takes :pre_escape). Every textarea of every
// form: a stored value shown in its edit form (the lead's description, a
// textarea custom field, an opportunity's note), and each refused form shown
// again with what the user typed (call, email, SMS, meeting, the
// opportunity forms, a custom activity's textarea, the New lead form). And
// saving the custom fields form as shown changes nothing the user did not.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { one, lit, session } from '../lib/http-extra.mjs';

const TEXT = 'line one\nline two\n\tindented  twice\nlast line';
const made = [];

after(() => {
  for (const pid of made) {
    const id = one(`SELECT id FROM leads WHERE pid = ${lit(pid)}`);
    if (!id) continue;
    sql(`SET FOREIGN_KEY_CHECKS = 0;
      DELETE FROM activity_custom_values WHERE activity_id IN (SELECT id FROM activities WHERE lead_id = ${id});
      DELETE FROM activities WHERE lead_id = ${id}; DELETE FROM lead_activity_counts WHERE lead_id = ${id};
      DELETE FROM opportunities WHERE lead_id = ${id}; DELETE FROM lead_custom_values WHERE lead_id = ${id};
      DELETE FROM contacts WHERE lead_id = ${id}; DELETE FROM leads WHERE id = ${id}; SET FOREIGN_KEY_CHECKS = 1;`);
  }
});

async function newLead(s, name) {
  const res = await post('/leads', { csrf: s.csrf, name, url: '', description: '' }, { jar: s.jar });
  assert.equal(res.status, 303, `create lead: ${res.status}`);
  const pid = one(`SELECT pid FROM leads WHERE name = ${lit(name)} ORDER BY id DESC LIMIT 1`);
  made.push(pid);
  return pid;
}

// The text of the textarea with that id, its character references undone.
function textarea(html, id) {
  const m = html.match(new RegExp(`<textarea id="${id}"[^>]*>([^<]*)</textarea>`));
  assert.ok(m, `a textarea #${id}`);
  return m[1].replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

test('C5: stored multi-line values stand exactly in their edit forms: description, a textarea field, an opportunity note', async () => {
  const s = await session('ada@northwind.test');
  const pid = await newLead(s, 'Zz Textarea stored');
  let res = await post(`/lead/${pid}/edit`, { csrf: s.csrf, name: 'Zz Textarea stored', url: '', description: TEXT }, { jar: s.jar });
  assert.equal(res.status, 303);
  assert.equal(one(`SELECT description FROM leads WHERE pid = ${lit(pid)}`), TEXT.replace(/\n/g, '\\n').replace(/\t/g, '\\t'));
  const field = one(`SELECT f.pid FROM custom_fields f JOIN organizations o ON o.id = f.organization_id
    WHERE o.name = 'Northwind Traders' AND f.name = 'Account Notes'`);
  res = await post(`/lead/${pid}/fields`, [['csrf', s.csrf], ['field', field], ['v0', TEXT]], { jar: s.jar });
  assert.equal(res.status, 303);
  const status = one(`SELECT s.pid FROM opportunity_statuses s JOIN organizations o ON o.id = s.organization_id
    WHERE o.name = 'Northwind Traders' ORDER BY s.position LIMIT 1`);
  res = await post(`/lead/${pid}/opportunity`, { csrf: s.csrf, status_id: status, value: '10', value_currency: 'USD', note: TEXT }, { jar: s.jar });
  assert.equal(res.status, 303);
  const opp = one(`SELECT pid FROM opportunities WHERE lead_id = (SELECT id FROM leads WHERE pid = ${lit(pid)})`);
  const page = (await get(`/lead/${pid}/`, { jar: s.jar })).body;
  assert.equal(textarea(page, 'lead-description'), TEXT, 'the description');
  assert.equal(textarea(page, `${opp}-note`), TEXT, 'the opportunity note');
  const cf = page.match(/<textarea id="([^"]+)" name="(v\d+)"[^>]*>/g) ?? [];
  assert.ok(cf.length >= 1, 'the custom fields form has a textarea');
  const id = page.slice(page.indexOf('<details class="form fields-form"')).match(/<textarea id="([^"]+)"/)[1];
  assert.equal(textarea(page, id), TEXT, 'Account Notes');

  // saving the fields form as shown keeps the three lines (the demo's bug: only Employees changed, the notes lost their breaks)
  const form = page.slice(page.indexOf('<details class="form fields-form"'), page.indexOf('</details>', page.indexOf('<details class="form fields-form"')));
  const body = [['csrf', s.csrf]];
  for (const m of form.matchAll(/<input type="hidden" name="field" value="(cf_[0-9A-Za-z]+)">[\s\S]*?name="(v\d+)"/g)) body.push(['field', m[1]]);
  const names = [...form.matchAll(/name="(v\d+)"/g)].map((m) => m[1]);
  assert.equal(names.length, body.length - 1, 'one value a field');
  for (const v of names) {
    const ta = form.match(new RegExp(`<textarea id="([^"]+)" name="${v}"`));
    const input = form.match(new RegExp(`name="${v}"[^>]*value="([^"]*)"`));
    body.push([v, ta ? textarea(form, ta[1]) : (input ? input[1] : '')]);
  }
  res = await post(`/lead/${pid}/fields`, body, { jar: s.jar });
  assert.equal(res.status, 303, res.body.match(/form-error[^<]*<[^<]*/g)?.join(' '));
  assert.equal(one(`SELECT v.value FROM lead_custom_values v JOIN custom_fields f ON f.id = v.field_id
    WHERE f.pid = ${lit(field)} AND v.lead_id = (SELECT id FROM leads WHERE pid = ${lit(pid)})`),
  TEXT.replace(/\n/g, '\\n').replace(/\t/g, '\\t'), 'Account Notes unchanged by a save of the form as shown');
});

test('C5: every refused form comes back with its textarea exactly as typed', async () => {
  const s = await session('ada@northwind.test');
  const pid = await newLead(s, 'Zz Textarea refused');
  const status = one(`SELECT s.pid FROM opportunity_statuses s JOIN organizations o ON o.id = s.organization_id
    WHERE o.name = 'Northwind Traders' ORDER BY s.position LIMIT 1`);
  const cases = [
    ['call', { direction: 'outgoing', duration: 'zz', note: TEXT }, 'call-note', 'duration'],
    ['email', { direction: 'outgoing', sender: 'not an address', to: 'x@example.com', subject: 's', body_text: TEXT }, 'email-body_text', 'sender'],
    ['sms', { direction: 'outgoing', remote_phone: 'not a phone', text: TEXT }, 'sms-text', 'phone'],
    ['meeting', { title: 'M', starts_at: 'never', note: TEXT }, 'meeting-note', 'starts'],
    ['opportunity', { status_id: status, value: 'lots', value_currency: 'USD', note: TEXT }, 'opp-new-note', 'value'],
  ];
  for (const [path, form, id] of cases) {
    const res = await post(`/lead/${pid}/${path}`, { csrf: s.csrf, ...form }, { jar: s.jar });
    assert.equal(res.status, 400, `${path}: ${res.status}`);
    assert.equal(textarea(res.body, id), TEXT, `${path}: the textarea as typed`);
  }
  // (the note form is not among them: its one field is the text, refused
  // only when empty; a note of any length up to MEDIUMTEXT's is kept, and too
  // many or too large files are an error page that keeps nothing)
  // an opportunity's edit form
  let res = await post(`/lead/${pid}/opportunity`, { csrf: s.csrf, status_id: status, value: '10', value_currency: 'USD', note: '' }, { jar: s.jar });
  assert.equal(res.status, 303);
  const opp = one(`SELECT pid FROM opportunities WHERE lead_id = (SELECT id FROM leads WHERE pid = ${lit(pid)})`);
  res = await post(`/lead/${pid}/opportunity/${opp}/edit`, { csrf: s.csrf, status_id: status, value: 'lots', value_currency: 'USD', note: TEXT }, { jar: s.jar });
  assert.equal(res.status, 400);
  assert.equal(textarea(res.body, `${opp}-note`), TEXT, 'opportunity edit: the textarea as typed');
  // the lead's own edit form, refused by an empty name
  res = await post(`/lead/${pid}/edit`, { csrf: s.csrf, name: '', url: '', description: TEXT }, { jar: s.jar });
  assert.equal(res.status, 400);
  assert.equal(textarea(res.body, 'lead-description'), TEXT, 'lead edit: the description as typed');
  // a custom activity's textarea field, refused by a value that is no choice of Outcome
  const type = one(`SELECT pid FROM custom_activity_types WHERE name = 'Site Visit'`);
  const fields = sql(`SELECT f.pid, f.name, f.field_type FROM custom_activity_fields f JOIN custom_activity_types t ON t.id = f.type_id
    WHERE t.name = 'Site Visit' ORDER BY f.position, f.id`);
  const body = new URLSearchParams({ csrf: s.csrf, custom_activity_type_id: type });
  fields.forEach(([fpid, name, ftype], i) => {
    body.append('field', fpid);
    body.append(`v${i}`, ftype === 'textarea' ? TEXT : (ftype === 'choices' ? 'Not a choice' : 'Springfield'));
  });
  assert.ok(fields.some((f) => f[2] === 'textarea'), 'the fixture: Site Visit has a textarea field');
  res = await post(`/lead/${pid}/custom`, body.toString(), { jar: s.jar, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 400, `custom activity: ${res.status}`);
  const cform = res.body.slice(res.body.indexOf('<details class="form custom-form"'));
  assert.equal(textarea(cform, cform.match(/<textarea id="([^"]+)"/)[1]), TEXT, 'custom activity: the textarea as typed');
  // the New lead form, refused by an empty name
  res = await post('/leads', { csrf: s.csrf, name: '', url: '', description: TEXT }, { jar: s.jar });
  assert.equal(res.status, 400);
  assert.equal(textarea(res.body, 'new-description'), TEXT, 'New lead: the description as typed');
});
