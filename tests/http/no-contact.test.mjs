// L5 — a task or an opportunity made without a contact names no contact. A
// ctemplate section missing from an item's dictionary is looked up in its
// parent's, where the left column's contacts stood under the same name: a
// task with no contact showed "with" every contact of the lead.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { one, lit, session } from '../lib/http-extra.mjs';

let lead;
after(() => {
  if (!lead) return;
  sql(`SET FOREIGN_KEY_CHECKS = 0; DELETE FROM tasks WHERE lead_id = ${lead.id}; DELETE FROM opportunities WHERE lead_id = ${lead.id};
    DELETE FROM activities WHERE lead_id = ${lead.id}; DELETE FROM lead_activity_counts WHERE lead_id = ${lead.id};
    DELETE FROM contacts WHERE lead_id = ${lead.id}; DELETE FROM leads WHERE id = ${lead.id}; SET FOREIGN_KEY_CHECKS = 1;`);
});

// The HTML of the list item with that id.
function item(html, id) {
  const i = html.indexOf(`id="${id}"`);
  assert.ok(i >= 0, `an item ${id}`);
  return html.slice(i, html.indexOf('</li>', i));
}

test('L5: a task and an opportunity without a contact name none; with one, exactly that one', async () => {
  const s = await session('ada@northwind.test');
  let res = await post('/leads', { csrf: s.csrf, name: 'Zz No Contact', url: '', description: '' }, { jar: s.jar });
  assert.equal(res.status, 303);
  const [pid, id] = sql(`SELECT pid, id FROM leads WHERE name = 'Zz No Contact' ORDER BY id DESC LIMIT 1`)[0];
  lead = { pid, id };
  for (const name of ['Margo Firstcontact', 'Dave Secondcontact']) {
    assert.equal((await post(`/lead/${pid}/contact`, { csrf: s.csrf, name }, { jar: s.jar })).status, 303);
  }
  const dave = one(`SELECT pid FROM contacts WHERE lead_id = ${id} AND name = 'Dave Secondcontact'`);
  const status = one(`SELECT s.pid FROM opportunity_statuses s JOIN leads l ON l.organization_id = s.organization_id
    WHERE l.id = ${id} ORDER BY s.position LIMIT 1`);
  assert.equal((await post(`/lead/${pid}/task`, { csrf: s.csrf, text: 'Without anyone', due_date: '', contact_id: '' }, { jar: s.jar })).status, 303);
  assert.equal((await post(`/lead/${pid}/task`, { csrf: s.csrf, text: 'With Dave', due_date: '', contact_id: dave }, { jar: s.jar })).status, 303);
  assert.equal((await post(`/lead/${pid}/opportunity`, { csrf: s.csrf, status_id: status, value: '5', value_currency: 'USD', contact_id: '' }, { jar: s.jar })).status, 303);
  const tasks = Object.fromEntries(sql(`SELECT text, pid FROM tasks WHERE lead_id = ${id}`));
  const opp = one(`SELECT pid FROM opportunities WHERE lead_id = ${id}`);
  assert.equal(one(`SELECT COUNT(*) FROM tasks WHERE lead_id = ${id} AND contact_id IS NULL`), '1');
  for (let i = 0; i < 2; i++) {   // the page rendered afresh, then as a worker kept it
    const page = (await get(`/lead/${pid}/`, { jar: s.jar })).body;
    assert.doesNotMatch(item(page, tasks['Without anyone']), /class="with"/, 'a task without a contact names none');
    assert.doesNotMatch(item(page, opp), /class="with"/, 'an opportunity without a contact names none');
    const withDave = item(page, tasks['With Dave']);
    assert.equal([...withDave.matchAll(/<span class="with">with ([^<]*)<\/span>/g)].map((m) => m[1]).join('|'), 'Dave Secondcontact');
  }
});
