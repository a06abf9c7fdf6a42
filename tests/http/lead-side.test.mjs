// L2 — the left column of the lead page, in this order: open tasks (due date,
// overdue marked, assignee), opportunities (active first, then won and lost;
// value with currency and period, confidence, close date, owner), contacts
// (title, mailto: and tel: links), custom fields (every field of the
// organization, this lead's value formatted by type).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql } from '../lib/client.mjs';
import { one, lit, session, orgId, leadPid } from '../lib/http-extra.mjs';
import { decode, leadId, textOf } from '../lib/lead-page.mjs';

// The HTML of one panel of the left column.
function panel(html, name) {
  const start = html.indexOf(`<section class="panel ${name}"`);
  assert.ok(start >= 0, `the ${name} panel is there`);
  return html.slice(start, html.indexOf('</section>', start));
}

function items(panelHtml, cls) {
  return panelHtml.split(new RegExp(`<li class="${cls}[ "]`)).slice(1);
}

async function page(email, lead = 'Globex Corporation') {
  const { jar } = await session(email);
  const res = await get(`/lead/${leadPid(lead)}/`, { jar });
  assert.equal(res.status, 200);
  return res.body;
}

test('the left column holds tasks, opportunities, contacts and custom fields, in this order, before the history', async () => {
  const html = await page('ada@northwind.test');
  const at = ['tasks', 'opportunities', 'contacts', 'custom-fields'].map((n) => html.indexOf(`<section class="panel ${n}"`));
  assert.ok(at.every((i) => i > 0), `all four panels: ${at}`);
  assert.deepEqual([...at].sort((a, b) => a - b), at, 'in this order');
  const side = html.indexOf('<div class="lead-side">');
  const history = html.indexOf('<section class="history"');
  assert.ok(side > 0 && side < at[0] && at[3] < history, 'inside the left column, before the history');
});

test('open tasks: only the incomplete ones, by due date (none last), overdue marked, with the assignee', async () => {
  const html = await page('ada@northwind.test');
  const want = sql(`SELECT t.pid, t.text, COALESCE(t.due_date, ''),
      COALESCE(t.due_date < DATE(CONVERT_TZ(UTC_TIMESTAMP(), 'UTC', 'America/New_York')), 0), COALESCE(u.name, '')
    FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to
    WHERE t.lead_id = ${leadId(leadPid('Globex Corporation'))} AND t.is_complete = 0
    ORDER BY t.due_date IS NULL, t.due_date, t.id`);
  assert.ok(want.length >= 3, 'the demo has open tasks on Globex');
  const shown = items(panel(html, 'tasks'), 'task');
  assert.equal(shown.length, want.length, 'as many tasks as are open');
  const done = sql(`SELECT text FROM tasks WHERE lead_id = ${leadId(leadPid('Globex Corporation'))} AND is_complete = 1`);
  for (const [text] of done) assert.ok(!panel(html, 'tasks').includes(text), `a completed task is not listed: ${text}`);
  want.forEach(([pid, text, due, overdue, assignee], i) => {
    const li = shown[i];
    assert.match(li, new RegExp(`id="${pid}"`), `task ${i} is ${pid}`);
    assert.ok(textOf(li).includes(text), `task ${i} text`);
    if (due) assert.match(li, new RegExp(`<time datetime="${due}">`), `task ${i} due date`);
    else assert.ok(!li.includes('class="due"'), `task ${i} has no due date`);
    assert.equal(/Overdue/.test(li), overdue === '1', `task ${i} overdue mark`);
    assert.equal(li.startsWith('overdue"'), overdue === '1', `task ${i} overdue class`);
    assert.ok(textOf(li).includes(assignee), `task ${i} assignee ${assignee}`);
  });
});

test('opportunities: active first, then won and lost; value with currency and period, confidence, close date, owner', async () => {
  const html = await page('ada@northwind.test');
  const shown = items(panel(html, 'opportunities'), 'opp');
  const rows = sql(`SELECT o.pid, s.type, s.label, o.confidence, COALESCE(u.name, '') FROM opportunities o
    JOIN opportunity_statuses s ON s.id = o.status_id LEFT JOIN users u ON u.id = o.user_id
    WHERE o.lead_id = ${leadId(leadPid('Globex Corporation'))}`);
  assert.equal(shown.length, rows.length);
  const types = shown.map((li) => li.match(/^opp-(\w+)"/)[1]);
  const firstInactive = types.findIndex((t) => t !== 'active');
  assert.ok(firstInactive > 0, 'there are active ones, first');
  assert.ok(types.slice(firstInactive).every((t) => t !== 'active'), `active ones first: ${types}`);
  const byPid = new Map(rows.map((r) => [r[0], r]));
  for (const li of shown) {
    const pid = li.match(/id="(oppo_[0-9A-Za-z]{40})"/)[1];
    const [, type, label, confidence, owner] = byPid.get(pid);
    assert.match(li, new RegExp(`^opp-${type}"`));
    assert.match(li, new RegExp(`<span class="opp-status">${label}</span>`));
    assert.match(li, new RegExp(`<span class="confidence">${confidence}%</span>`));
    assert.ok(textOf(li).includes(owner), `owner ${owner}`);
    assert.match(li, /<span class="close">Close [A-Z][a-z]{2} \d{1,2}, \d{4}<\/span>/);
  }
  // the demo's four values, as Close writes them
  const values = shown.map((li) => decode(li.match(/<span class="value">([^<]*)<\/span>/)[1]));
  assert.deepEqual([...values].sort(), ['$36,000.00 annual', '$48,000.00 annual', '€12,500.00 monthly', '€9,500.00'].sort());
});

test('opportunity values are formatted from minor units with currency and period', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid('Dunmore Paper Company');
  const lead = leadId(pid);
  const org = orgId('Northwind Traders');
  const active = one(`SELECT id FROM opportunity_statuses WHERE organization_id = ${org} AND type = 'active' ORDER BY position LIMIT 1`);
  const cases = [[120000, 'USD', 'monthly', '$1,200.00 monthly'], [95000, 'EUR', 'annual', '€950.00 annual'],
    [500000, 'USD', 'one_time', '$5,000.00'], [5, 'GBP', 'one_time', '£0.05'], [123456789, 'CHF', 'annual', 'CHF 1,234,567.89 annual'],
    [150000, 'JPY', 'one_time', '¥150,000']];
  sql(`INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, value_currency, value_period, confidence)
    VALUES ${cases.map(([v, c, p], i) => `(CONCAT('oppo_testfmt', LPAD(${i}, 33, '0')), ${org}, ${lead}, ${active}, ${v}, '${c}', '${p}', 50)`).join(', ')}`);
  try {
    const res = await get(`/lead/${pid}/`, { jar });
    assert.equal(res.status, 200);
    const opps = panel(res.body, 'opportunities');
    for (const [, , , want] of cases) assert.ok(decode(opps).includes(`<span class="value">${want}</span>`), `shows ${want}`);
  } finally {
    sql(`DELETE FROM opportunities WHERE pid LIKE 'oppo\\_testfmt%'`);
  }
});

test('contacts: name, title, every email as a mailto: link and every phone as a tel: link, in position order', async () => {
  const html = await page('ben@northwind.test');
  const lead = leadId(leadPid('Globex Corporation'));
  const contacts = sql(`SELECT id, pid, name, COALESCE(title, '') FROM contacts WHERE lead_id = ${lead} ORDER BY id`);
  const shown = items(panel(html, 'contacts'), 'contact');
  assert.equal(shown.length, contacts.length);
  contacts.forEach(([id, pid, name, title], i) => {
    const li = shown[i];
    assert.match(li, new RegExp(`id="${pid}"`));
    assert.match(decode(li), new RegExp(`<p class="contact-name">${name}</p>`));
    if (title) assert.ok(decode(li).includes(`<p class="contact-title">${title}</p>`), `title of ${name}`);
    const emails = sql(`SELECT email FROM contact_emails WHERE contact_id = ${id} ORDER BY position, id`).map((r) => r[0]);
    assert.deepEqual([...li.matchAll(/<a href="mailto:([^"]+)">/g)].map((m) => decode(m[1])), emails, `emails of ${name}`);
    const phones = sql(`SELECT phone FROM contact_phones WHERE contact_id = ${id} ORDER BY position, id`).map((r) => r[0]);
    const links = [...li.matchAll(/<a href="tel:([^"]+)">([^<]+)<\/a>/g)];
    assert.deepEqual(links.map((m) => decode(m[2])), phones, `phones of ${name}`);
    links.forEach((m, j) => assert.equal(m[1], phones[j].replace(/[^0-9+]/g, ''), 'a tel: link dials the digits'));
  });
});

test('custom fields: every field of the organization in position order, this lead\'s value formatted by type', async () => {
  const html = await page('ada@northwind.test');
  const fields = sql(`SELECT name, type FROM custom_fields WHERE organization_id = ${orgId('Northwind Traders')} ORDER BY position, id`);
  const box = panel(html, 'custom-fields');
  const shown = [...box.matchAll(/<div class="field field-([a-z]+)"><dt>([^<]*)<\/dt><dd>([\s\S]*?)<\/dd><\/div>/g)]
    .map((m) => ({ type: m[1], name: decode(m[2]), dd: m[3] }));
  assert.deepEqual(shown.map((f) => [f.name, f.type]), fields, 'every field, in position order, with its type');
  const dd = Object.fromEntries(shown.map((f) => [f.name, f.dd]));
  const values = (name) => [...dd[name].matchAll(/class="v"[^>]*>([^<]*)</g)].map((m) => decode(m[1]));
  assert.deepEqual(values('Industry'), ['Manufacturing']);
  assert.deepEqual(values('Products of Interest'), ['Analytics', 'API Access'], 'a multiple choice shows each value');
  assert.deepEqual(values('Employees'), ['4,200'], 'a number with thousands separators');
  assert.deepEqual(values('Referral Source'), ['Hannover Messe booth visit']);
  const notes = one(`SELECT v.value FROM lead_custom_values v JOIN custom_fields f ON f.id = v.field_id
    WHERE f.name = 'Account Notes' AND v.lead_id = ${leadId(leadPid('Globex Corporation'))}`).replace(/\\n/g, '\n');
  assert.deepEqual(values('Account Notes'), [notes], 'a textarea keeps its line breaks (white-space: pre-wrap in the CSS)');
  assert.ok(notes.includes('\n'));
  const renewal = one(`SELECT DATE_FORMAT(STR_TO_DATE(v.value, '%Y-%m-%d'), '%b %e, %Y') FROM lead_custom_values v
    JOIN custom_fields f ON f.id = v.field_id WHERE f.name = 'Contract Renewal' AND v.lead_id = ${leadId(leadPid('Globex Corporation'))}`);
  assert.deepEqual(values('Contract Renewal'), [renewal], 'a date as "Mon D, YYYY"');
  assert.deepEqual(values('Account Manager'), ['Ada Lovelace'], 'a user field shows the user\'s name');
  assert.match(dd['Customer Portal'], /<a class="v" href="https:\/\/portal\.globex\.example\/crm" rel="noopener noreferrer nofollow">/);
});

test('a datetime custom field is shown in the viewer\'s time zone (ada New York, ben Berlin)', async () => {
  const stored = one(`SELECT v.value FROM lead_custom_values v JOIN custom_fields f ON f.id = v.field_id
    WHERE f.name = 'Next Business Review' AND v.lead_id = ${leadId(leadPid('Globex Corporation'))}`);
  const utc = new Date(`${stored.replace(' ', 'T')}Z`);
  const shown = {};
  for (const [email, zone] of [['ada@northwind.test', 'America/New_York'], ['ben@northwind.test', 'Europe/Berlin']]) {
    const html = await page(email);
    const m = html.match(/<dt>Next Business Review<\/dt><dd><span class="v">([^<]*)<\/span>/);
    assert.ok(m, 'the datetime field has a value');
    shown[zone] = m[1];
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true,
    }).formatToParts(utc).map((p) => [p.type, p.value]));
    assert.equal(m[1], `${parts.month} ${parts.day}, ${parts.year} ${parts.hour}:${parts.minute} ${parts.dayPeriod}`, `${zone}`);
  }
  assert.notEqual(shown['America/New_York'], shown['Europe/Berlin']);
});

test('a lead without values shows every field with a dash; a url value is a link only for http and https', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid('Falcon Ridge Construction');
  const lead = leadId(pid);
  const org = orgId('Northwind Traders');
  const portal = one(`SELECT id FROM custom_fields WHERE organization_id = ${org} AND name = 'Customer Portal'`);
  const saved = sql(`SELECT field_id, COALESCE(value, ''), COALESCE(value_user, 0) FROM lead_custom_values WHERE lead_id = ${lead}`);
  sql(`DELETE FROM lead_custom_values WHERE lead_id = ${lead}`);
  try {
    let res = await get(`/lead/${pid}/`, { jar });
    const n = Number(one(`SELECT COUNT(*) FROM custom_fields WHERE organization_id = ${org}`));
    assert.equal([...panel(res.body, 'custom-fields').matchAll(/<span class="empty">—<\/span>/g)].length, n, 'a dash for each field');
    for (const bad of ['javascript:alert(1)', 'portal.example/x', 'data:text/html,x']) {
      sql(`DELETE FROM lead_custom_values WHERE lead_id = ${lead}`);
      sql(`INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value) VALUES (${org}, ${lead}, ${portal}, ${lit(bad)})`);
      res = await get(`/lead/${pid}/`, { jar });
      const m = res.body.match(/<dt>Customer Portal<\/dt><dd>([\s\S]*?)<\/dd>/);
      assert.ok(!/<a /.test(m[1]), `${bad} is not a link`);
      assert.equal(textOf(m[1]), bad);
    }
  } finally {
    sql(`DELETE FROM lead_custom_values WHERE lead_id = ${lead}`);
    if (saved.length) {
      sql(`INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value, value_user) VALUES ${saved.map(([f, v, u]) =>
        `(${org}, ${lead}, ${f}, ${v === '' ? 'NULL' : lit(v)}, ${u === '0' ? 'NULL' : u})`).join(', ')}`);
    }
  }
});
