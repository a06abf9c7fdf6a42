// C1, C2, C5 — editing and deleting a lead's activities. Any member edits a
// note, call, email, SMS, meeting or custom activity in place (GET/POST
// /lead/<id>/activity/<acti>/edit): the same id, permalink and pin, its text
// exactly as stored in the form (line breaks, tabs), "edited by X, when" on
// the page, a refused edit shown again on the edit page's own URL with the
// input; two edits at once: the last one wins, whole. Delete (a confirm page
// at GET .../delete, the POST deletes) puts it in the lead's trash: gone from
// the history, the counts, the pinned section and its permalink (the same
// 404 as an unknown id); status changes only an admin deletes; an admin
// restores (its pin back unless 5 are pinned) and `llctl tick` purges what
// was deleted more than 30 days ago. Another organization's activity, another
// lead's under this lead's URL, an unknown or a deleted one: one 404. Every
// write shows on the next page from every worker (the page cache).
// Everything is written on leads this file makes and removes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { get, post, sql } from '../lib/client.mjs';
import { one, lit, session } from '../lib/http-extra.mjs';
import { acts, decode } from '../lib/lead-page.mjs';

const TEXT = 'line one\nline two\n\tindented  twice\nlast line';
const LLCTL = `${process.env.LL_BUILD}/llctl`;
const made = [];
let ada;   // Northwind admin
let ben;   // Northwind user
let cora;  // Bloom Dental admin

before(async () => {
  ada = await session('ada@northwind.test');
  ben = await session('ben@northwind.test');
  cora = await session('cora@bloomdental.test');
});

after(() => {
  for (const pid of made) {
    const id = one(`SELECT id FROM leads WHERE pid = ${lit(pid)}`);
    if (!id) continue;
    sql(`SET FOREIGN_KEY_CHECKS = 0;
      DELETE FROM activity_custom_values WHERE activity_id IN (SELECT id FROM activities WHERE lead_id = ${id});
      DELETE FROM activities WHERE lead_id = ${id}; DELETE FROM lead_activity_counts WHERE lead_id = ${id};
      DELETE FROM contacts WHERE lead_id = ${id}; DELETE FROM lead_versions WHERE lead_id = ${id};
      DELETE FROM leads WHERE id = ${id}; SET FOREIGN_KEY_CHECKS = 1;`);
  }
});

const loc = (res) => (res.headers.location || '').replace(/^https?:\/\/[^/]+/, '');

async function newLead(s, name) {
  const res = await post('/leads', { csrf: s.csrf, name, url: '', description: '' }, { jar: s.jar });
  assert.equal(res.status, 303, `create lead: ${res.status}`);
  const pid = one(`SELECT pid FROM leads WHERE name = ${lit(name)} ORDER BY id DESC LIMIT 1`);
  made.push(pid);
  return pid;
}

// Writes an activity through its form; returns its acti_ id.
async function write(s, lead, kind, form) {
  const res = await post(`/lead/${lead}/${kind}`, { csrf: s.csrf, ...form }, { jar: s.jar });
  assert.equal(res.status, 303, `${kind}: ${res.status} ${res.body.slice(0, 300)}`);
  const pid = loc(res).split('#')[1];
  assert.match(pid, /^acti_[0-9A-Za-z]{40}$/);
  return pid;
}

// The fields of a form as a browser would send them unchanged: inputs,
// selected options, textareas (character references undone).
function formFields(html) {
  const form = html.match(/<form class="form act-edit-form"[\s\S]*?<\/form>/);
  assert.ok(form, 'the edit form');
  const out = [];
  for (const m of form[0].matchAll(/<input ([^>]*)>/g)) {
    const name = m[1].match(/name="([^"]*)"/);
    const value = m[1].match(/value="([^"]*)"/);
    if (name) out.push([name[1], value ? decode(value[1]) : '']);
  }
  for (const m of form[0].matchAll(/<textarea [^>]*name="([^"]*)"[^>]*>([^<]*)<\/textarea>/g)) out.push([m[1], decode(m[2])]);
  for (const m of form[0].matchAll(/<select [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = m[2].match(/<option value="([^"]*)" selected>/);
    const first = m[2].match(/<option value="([^"]*)"/);
    out.push([m[1], sel ? decode(sel[1]) : first ? decode(first[1]) : '']);
  }
  return out;
}
const body = (pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
// sent as s: its own CSRF token in place of the one of the page it was read from
const postPairs = (path, pairs, s) => post(path, body(setField(pairs, 'csrf', s.csrf)),
  { jar: s.jar, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
function setField(pairs, name, value) {
  return pairs.map(([k, v]) => [k, k === name ? value : v]);
}
// mariadb -B writes a line break, a tab and a backslash as \n, \t and \\.
const unesc = (v) => (v == null ? v : v.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', 0: '\0' }[c] ?? c)));
const rows = (q) => sql(q).map((r) => r.map(unesc));

const row = (pid) => rows(`SELECT id, body_text, COALESCE(phone, ''), COALESCE(duration, ''), activity_at, user_id,
  COALESCE(edited_by, ''), deleted_at IS NULL, pinned_at IS NOT NULL FROM activities WHERE pid = ${lit(pid)}`)[0];
const userId = (email) => one(`SELECT id FROM users WHERE email = ${lit(email)}`);
const count = (lead, type) => one(`SELECT COALESCE(SUM(c.n), 0) FROM lead_activity_counts c JOIN leads l ON l.id = c.lead_id
  WHERE l.pid = ${lit(lead)} AND c.type = ${lit(type)}`);

// Every worker (3) answers at least once in 12 requests: each must show it.
async function everyWorker(s, path, check) {
  for (let i = 0; i < 12; i++) {
    const res = await get(path, { jar: s.jar });
    assert.equal(res.status, 200);
    check(res.body, i);
  }
}

test('a note: its edit form shows the text exactly; saved as shown it changes nothing but who edited; a new text shows at once, "edited by", on every worker', async () => {
  const lead = await newLead(ben, 'C1 note lead');
  const note = await write(ben, lead, 'note', { text: TEXT, activity_at: '2026-03-04 09:15:27' });
  const before0 = row(note);
  // the page is kept by the workers first
  await everyWorker(ben, `/lead/${lead}/`, (html) => assert.ok(decode(html).includes('line one')));
  const page = await get(`/lead/${lead}/activity/${note}/edit`, { jar: ben.jar });
  assert.equal(page.status, 200);
  const fields = formFields(page.body);
  assert.equal(fields.find(([k]) => k === 'text')[1], TEXT, 'the textarea holds the stored text exactly');
  // saved unchanged: the text and the time (to the second) stay
  let res = await postPairs(`/lead/${lead}/activity/${note}/edit`, fields, ben);
  assert.equal(res.status, 303, res.body.slice(0, 400));
  assert.equal(loc(res), `/lead/${lead}/#${note}`);
  const same = row(note);
  assert.deepEqual(same.slice(0, 6), before0.slice(0, 6), 'nothing the user did not change');
  assert.equal(same[6], userId('ben@northwind.test'));
  // a new text, by ada: the same row, id and author; the page shows it and the mark
  res = await postPairs(`/lead/${lead}/activity/${note}/edit`, setField(fields, 'text', 'rewritten\nby ada'), ada);
  assert.equal(res.status, 303);
  const after0 = row(note);
  assert.equal(after0[0], before0[0], 'the same row');
  assert.equal(after0[1], 'rewritten\nby ada');
  assert.equal(after0[5], before0[5], 'the author stays');
  assert.equal(after0[6], userId('ada@northwind.test'));
  await everyWorker(ben, `/lead/${lead}/`, (html, i) => {
    const a = acts(html).find((x) => x.pid === note);
    assert.ok(a, `answer ${i}: the note is there`);
    assert.ok(decode(a.html).includes('rewritten'), `answer ${i}: the new text`);
    assert.ok(!decode(a.html).includes('line one'), `answer ${i}: not the old text`);
    assert.match(decode(a.html), /<span class="edited">edited by Ada [^<]*, [A-Z][a-z]{2} \d+, \d{4} /);
  });
  // the permalink still leads to it
  const link = await get(`/activity/${note}`, { jar: ben.jar });
  assert.equal(link.status, 302);
  assert.equal(loc(link), `/lead/${lead}/#activityId=${note}`);
});

test('a refused edit (a call with duration "zz") comes back on the edit page\'s own URL, 400, the input kept exactly, nothing changed', async () => {
  const lead = await newLead(ben, 'C1 call lead');
  const call = await write(ben, lead, 'call', { direction: 'outgoing', phone: '+15551230000', duration: '95', note: 'first' });
  const before0 = row(call);
  const page = await get(`/lead/${lead}/activity/${call}/edit`, { jar: ben.jar });
  const fields = formFields(page.body);
  assert.equal(fields.find(([k]) => k === 'duration')[1], '1:35', 'the stored duration as m:ss');
  const sent = setField(setField(fields, 'duration', 'zz'), 'note', TEXT);
  const res = await postPairs(`/lead/${lead}/activity/${call}/edit`, sent, ben);
  assert.equal(res.status, 400);
  assert.match(res.body, /<form class="form act-edit-form" id="edit-form" method="post" action="\/lead\/[^"]+\/activity\/acti_[^"]+\/edit">/);
  assert.equal(formFields(res.body).find(([k]) => k === 'note')[1], TEXT, 'the note as typed');
  assert.match(res.body, /id="edit-duration-err"/);
  assert.deepEqual(row(call), before0, 'nothing changed');
});

test('every editable type saves through its edit form; the times keep their seconds; a meeting, an email, an SMS and a custom activity change what was changed', async () => {
  const lead = await newLead(ada, 'C1 types lead');
  const email = await write(ada, lead, 'email', { direction: 'incoming', subject: 'Hello', sender: 'a@example.test', to: 'b@example.test', body_text: TEXT, activity_at: '2026-01-02 03:04:05' });
  const sms = await write(ada, lead, 'sms', { direction: 'outgoing', remote_phone: '+15551239999', text: 'hi there' });
  const meeting = await write(ada, lead, 'meeting', { title: 'Kickoff', starts_at: '2026-02-01 10:00', ends_at: '2026-02-01 11:00', note: TEXT });
  const type = one(`SELECT pid FROM custom_activity_types WHERE name = 'Site Visit'`);
  const fSite = one(`SELECT f.pid FROM custom_activity_fields f JOIN custom_activity_types t ON t.id = f.type_id WHERE t.name = 'Site Visit' AND f.name = 'Site'`);
  const fObs = one(`SELECT f.pid FROM custom_activity_fields f JOIN custom_activity_types t ON t.id = f.type_id WHERE t.name = 'Site Visit' AND f.name = 'Observations'`);
  const custom = await write(ada, lead, 'custom', { custom_activity_type_id: type, field: fSite, v0: 'Plant 4' });
  const checks = [
    [email, 'subject', 'Hello again', `SELECT subject, body_text, activity_at FROM activities WHERE pid = ${lit(email)}`, ['Hello again', TEXT, null]],
    [sms, 'text', 'hi again', `SELECT body_text, phone FROM activities WHERE pid = ${lit(sms)}`, ['hi again', '+15551239999']],
    [meeting, 'title', 'Kickoff, moved', `SELECT title, body_text, starts_at, ends_at FROM activities WHERE pid = ${lit(meeting)}`,
      ['Kickoff, moved', TEXT, null, null]],
  ];
  for (const [acti, field, value, q, want] of checks) {
    const page = await get(`/lead/${lead}/activity/${acti}/edit`, { jar: ada.jar });
    assert.equal(page.status, 200, `${acti}: ${page.status}`);
    const before0 = rows(q)[0];
    const res = await postPairs(`/lead/${lead}/activity/${acti}/edit`, setField(formFields(page.body), field, value), ada);
    assert.equal(res.status, 303, `${field}: ${res.status} ${res.body.slice(0, 300)}`);
    const got = rows(q)[0];
    want.forEach((w, i) => assert.equal(got[i], w ?? before0[i], `${field}: column ${i}`));
  }
  // the custom activity: its fields in the form with their values; one added, one changed
  const page = await get(`/lead/${lead}/activity/${custom}/edit`, { jar: ada.jar });
  const fields = formFields(page.body);
  const siteAt = fields.findIndex(([k, v]) => k === 'field' && v === fSite);
  assert.ok(siteAt >= 0, 'the Site field');
  const vSite = fields.find(([k, v]) => /^v\d+$/.test(k) && v === 'Plant 4');
  assert.ok(vSite, 'its stored value');
  const obsIdx = fields.findIndex(([k, v]) => k === 'field' && v === fObs);
  const obsName = `v${fields.slice(0, obsIdx + 1).filter(([k]) => k === 'field').length - 1}`;
  let sent = setField(fields, vSite[0], 'Plant 5');
  sent = setField(sent, obsName, TEXT);
  const res = await postPairs(`/lead/${lead}/activity/${custom}/edit`, sent, ada);
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const vals = rows(`SELECT f.name, v.value FROM activity_custom_values v JOIN custom_activity_fields f ON f.id = v.field_id
    JOIN activities a ON a.id = v.activity_id WHERE a.pid = ${lit(custom)} ORDER BY f.position`);
  assert.deepEqual(vals, [['Site', 'Plant 5'], ['Observations', TEXT]]);
});

test('two edits of one activity at once: the last one wins whole — never a mix of the two', async () => {
  const lead = await newLead(ben, 'C1 race lead');
  const call = await write(ben, lead, 'call', { direction: 'outgoing', phone: '+15551230000', note: 'start' });
  const page = await get(`/lead/${lead}/activity/${call}/edit`, { jar: ben.jar });
  const fields = formFields(page.body);
  const sends = Array.from({ length: 10 }, (_, i) => setField(setField(fields, 'note', `edit ${i}`), 'phone', `+1555123000${i}`));
  const results = await Promise.all(sends.map((p, i) => postPairs(`/lead/${lead}/activity/${call}/edit`, p, i % 2 ? ada : ben)));
  for (const r of results) assert.equal(r.status, 303);
  const [note, phone] = sql(`SELECT body_text, phone FROM activities WHERE pid = ${lit(call)}`)[0];
  const i = Number(note.replace('edit ', ''));
  assert.equal(phone, `+1555123000${i}`, `one edit whole: ${note} with ${phone}`);
});

test('another organization\'s activity, another lead\'s activity under this lead\'s URL, an unknown or malformed id: the same 404 on every route; no CSRF 403; nothing changes', async () => {
  const lead = await newLead(ben, 'C1 tenant lead');
  const other = await newLead(ben, 'C1 other lead');
  const mine = await write(ben, lead, 'note', { text: 'mine' });
  const theirs = await write(ben, other, 'note', { text: 'other lead' });
  const bloom = one(`SELECT a.pid FROM activities a JOIN organizations o ON o.id = a.organization_id WHERE o.name = 'Bloom Dental' AND a.type = 'note' LIMIT 1`);
  const bloomLead = one(`SELECT l.pid FROM activities a JOIN leads l ON l.id = a.lead_id WHERE a.pid = ${lit(bloom)}`);
  const snap = () => sql(`SELECT pid, body_text, deleted_at IS NULL FROM activities WHERE pid IN (${lit(mine)}, ${lit(theirs)}, ${lit(bloom)}) ORDER BY pid`);
  const before0 = snap();
  const ids = [`${lead}/activity/${theirs}`, `${lead}/activity/${bloom}`, `${bloomLead}/activity/${bloom}`,
    `${lead}/activity/acti_${'0'.repeat(40)}`, `${lead}/activity/nope`];
  const bodies = new Set();
  for (const p of ids) {
    for (const [m, path] of [['GET', 'edit'], ['POST', 'edit'], ['GET', 'delete'], ['POST', 'delete']]) {
      const res = m === 'GET' ? await get(`/lead/${p}/${path}`, { jar: ben.jar })
        : await post(`/lead/${p}/${path}`, { csrf: ben.csrf, text: 'x' }, { jar: ben.jar });
      assert.equal(res.status, 404, `${m} ${p}/${path}: ${res.status}`);
      bodies.add(res.body.replace(/name="csrf" value="[^"]*"/g, ''));
    }
    const rp = p;
    const res = await post(`/lead/${rp}/restore`, { csrf: ada.csrf }, { jar: ada.jar });
    assert.equal(res.status, 404, `restore ${rp}: ${res.status}`);
  }
  assert.ok(bodies.size <= 2, 'one 404 page (the router\'s for a malformed id, the handler\'s for the rest say the same)');
  for (const b of bodies) assert.match(b, /There is no such (activity|lead)\./);
  // the router's 404 of a malformed id names the lead route's first kind; every other is one page
  assert.equal(new Set([...bodies].filter((b) => /no such activity/.test(b))).size, 1);
  for (const [path, form] of [[`/lead/${lead}/activity/${mine}/edit`, { text: 'x' }], [`/lead/${lead}/activity/${mine}/delete`, {}]]) {
    assert.equal((await post(path, form, { jar: ben.jar })).status, 403, `${path} without CSRF`);
    assert.equal((await post(path, { ...form, csrf: 'x'.repeat(43) }, { jar: ben.jar })).status, 403, `${path} wrong CSRF`);
  }
  assert.deepEqual(snap(), before0);
});

test('delete: a confirm page without JavaScript, then the POST; gone from the history, the counts, the pinned section and the permalink; a second delete or an edit of it is a 404', async () => {
  const lead = await newLead(ben, 'C2 delete lead');
  const keep = await write(ben, lead, 'note', { text: 'stays' });
  const note = await write(ben, lead, 'note', { text: 'goes away' });
  assert.equal((await post(`/lead/${lead}/activity/${note}/pin`, { csrf: ben.csrf }, { jar: ben.jar })).status, 303);
  await everyWorker(ben, `/lead/${lead}/`, (html) => assert.ok(html.includes(`id="pinned-${note}"`)));
  assert.equal(count(lead, 'note'), '2');
  const confirm = await get(`/lead/${lead}/activity/${note}/delete`, { jar: ben.jar });
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, new RegExp(`<form class="confirm-form" method="post" action="/lead/${lead}/activity/${note}/delete">`));
  assert.match(decode(confirm.body), /Delete this Note\?/);
  assert.match(decode(confirm.body), /goes away/);
  assert.equal(row(note)[7], '1', 'the confirm page deletes nothing');
  const res = await post(`/lead/${lead}/activity/${note}/delete`, { csrf: ben.csrf }, { jar: ben.jar });
  assert.equal(res.status, 303);
  assert.equal(loc(res), `/lead/${lead}/#history-h`);
  assert.equal(row(note)[7], '0');
  assert.equal(count(lead, 'note'), '1');
  await everyWorker(ben, `/lead/${lead}/`, (html, i) => {
    assert.ok(!html.includes(note), `answer ${i}: nowhere on the page`);
    assert.ok(!html.includes('class="pinned-section"'), `answer ${i}: no pinned section`);
    assert.ok(html.includes(keep));
    assert.match(decode(html), /value="note"[^>]*> <span class="kind-label">Notes<\/span> <span class="count">1<\/span>/);
  });
  const unknown = await get(`/activity/acti_${'0'.repeat(40)}`, { jar: ben.jar });
  for (const path of [`/activity/${note}`, `/activity/${note}?fragment=1`]) {
    const r = await get(path, { jar: ben.jar });
    assert.equal(r.status, 404, path);
    assert.equal(r.body.replace(/name="csrf" value="[^"]*"/g, ''), unknown.body.replace(/name="csrf" value="[^"]*"/g, ''));
  }
  assert.equal((await post(`/lead/${lead}/activity/${note}/delete`, { csrf: ben.csrf }, { jar: ben.jar })).status, 404);
  assert.equal((await get(`/lead/${lead}/activity/${note}/edit`, { jar: ben.jar })).status, 404);
  assert.equal((await post(`/lead/${lead}/activity/${note}/edit`, { csrf: ben.csrf, text: 'back?' }, { jar: ben.jar })).status, 404);
  assert.equal(row(note)[1], 'goes away');
});

test('a status change: a user\'s delete is refused by POST/redirect/GET and changes nothing; an admin deletes it; no Edit on it', async () => {
  const lead = await newLead(ada, 'C1 status lead');
  const status = one(`SELECT s.pid FROM lead_statuses s JOIN organizations o ON o.id = s.organization_id
    WHERE o.name = 'Northwind Traders' AND s.label = 'Qualified'`);
  assert.equal((await post(`/lead/${lead}/status`, { csrf: ada.csrf, status }, { jar: ada.jar })).status, 303);
  const change = one(`SELECT a.pid FROM activities a JOIN leads l ON l.id = a.lead_id WHERE l.pid = ${lit(lead)} AND a.type = 'lead_status_change'`);
  const asBen = acts((await get(`/lead/${lead}/`, { jar: ben.jar })).body).find((a) => a.pid === change);
  assert.ok(!/act-delete-link|act-edit-link/.test(asBen.html), 'a user sees no control on the record');
  const asAda = acts((await get(`/lead/${lead}/`, { jar: ada.jar })).body).find((a) => a.pid === change);
  assert.ok(/act-delete-link/.test(asAda.html) && !/act-edit-link/.test(asAda.html), 'an admin may delete, not edit');
  let res = await post(`/lead/${lead}/activity/${change}/delete`, { csrf: ben.csrf }, { jar: ben.jar });
  assert.equal(res.status, 303);
  assert.equal(loc(res), `/lead/${lead}/?refused=delete-admin#pin-err`);
  const shown = await get(loc(res).replace(/#.*/, ''), { jar: ben.jar });
  assert.ok(decode(shown.body).includes('Only an admin can delete a status change or a completed task.'));
  assert.equal(row(change)[7], '1');
  assert.equal((await get(`/lead/${lead}/activity/${change}/edit`, { jar: ada.jar })).status, 409);
  res = await post(`/lead/${lead}/activity/${change}/delete`, { csrf: ada.csrf }, { jar: ada.jar });
  assert.equal(res.status, 303);
  assert.equal(row(change)[7], '0');
});

test('the trash: lists what was deleted, who and when; a user cannot restore (403); an admin restores it in place with its count and pin; with 5 pinned it comes back unpinned', async () => {
  const lead = await newLead(ben, 'C2 trash lead');
  const notes = [];
  for (let i = 0; i < 6; i++) notes.push(await write(ben, lead, 'note', { text: `note ${i}` }));
  assert.equal((await post(`/lead/${lead}/activity/${notes[0]}/pin`, { csrf: ben.csrf }, { jar: ben.jar })).status, 303);
  assert.equal((await post(`/lead/${lead}/activity/${notes[0]}/delete`, { csrf: ben.csrf }, { jar: ben.jar })).status, 303);
  let trash = await get(`/lead/${lead}/trash`, { jar: ben.jar });
  assert.equal(trash.status, 200);
  assert.ok(trash.body.includes(`id="trash-${notes[0]}"`));
  assert.match(decode(trash.body), /note 0/);
  assert.match(decode(trash.body), /Deleted by Ben [^,]*, [A-Z][a-z]{2} \d+, \d{4}/);
  assert.ok(!trash.body.includes('class="restore-form"'), 'a user has no Restore');
  assert.equal((await post(`/lead/${lead}/activity/${notes[0]}/restore`, { csrf: ben.csrf }, { jar: ben.jar })).status, 403);
  assert.equal(row(notes[0])[7], '0');
  trash = await get(`/lead/${lead}/trash`, { jar: ada.jar });
  assert.ok(trash.body.includes(`action="/lead/${lead}/activity/${notes[0]}/restore"`));
  let res = await post(`/lead/${lead}/activity/${notes[0]}/restore`, { csrf: ada.csrf }, { jar: ada.jar });
  assert.equal(res.status, 303);
  assert.equal(loc(res), `/lead/${lead}/#${notes[0]}`);
  assert.deepEqual(row(notes[0]).slice(7), ['1', '1'], 'live and pinned again');
  assert.equal(count(lead, 'note'), '6');
  await everyWorker(ben, `/lead/${lead}/`, (html) => assert.ok(html.includes(`id="pinned-${notes[0]}"`)));
  // deleted pinned, then 5 others pinned: restored unpinned, and the trash says so
  assert.equal((await post(`/lead/${lead}/activity/${notes[0]}/delete`, { csrf: ben.csrf }, { jar: ben.jar })).status, 303);
  for (const n of notes.slice(1)) assert.equal((await post(`/lead/${lead}/activity/${n}/pin`, { csrf: ben.csrf }, { jar: ben.jar })).status, 303);
  res = await post(`/lead/${lead}/activity/${notes[0]}/restore`, { csrf: ada.csrf }, { jar: ada.jar });
  assert.equal(res.status, 303);
  assert.equal(loc(res), `/lead/${lead}/trash?refused=restore-pins`);
  assert.deepEqual(row(notes[0]).slice(7), ['1', '0'], 'live, not pinned');
  assert.equal(one(`SELECT COUNT(*) FROM activities a JOIN leads l ON l.id = a.lead_id WHERE l.pid = ${lit(lead)} AND a.pinned_at IS NOT NULL AND a.deleted_at IS NULL`), '5');
  assert.match(decode((await get(loc(res), { jar: ada.jar })).body), /not pinned again: 5 are pinned already/);
  // what is restored already is no longer in the trash: 404
  assert.equal((await post(`/lead/${lead}/activity/${notes[0]}/restore`, { csrf: ada.csrf }, { jar: ada.jar })).status, 404);
});

test('llctl tick purges what was deleted more than 30 days ago and keeps what is younger; the trash lists only the last 30 days', async () => {
  const lead = await newLead(ben, 'C2 purge lead');
  const old = await write(ben, lead, 'note', { text: 'old' });
  const young = await write(ben, lead, 'note', { text: 'young' });
  for (const n of [old, young]) assert.equal((await post(`/lead/${lead}/activity/${n}/delete`, { csrf: ben.csrf }, { jar: ben.jar })).status, 303);
  sql(`UPDATE activities SET deleted_at = UTC_TIMESTAMP(6) - INTERVAL 31 DAY WHERE pid = ${lit(old)}`);
  sql(`UPDATE activities SET deleted_at = UTC_TIMESTAMP(6) - INTERVAL 29 DAY WHERE pid = ${lit(young)}`);
  const trash = await get(`/lead/${lead}/trash`, { jar: ada.jar });
  assert.ok(!trash.body.includes(old) && trash.body.includes(young));
  const out = execFileSync(LLCTL, ['tick'], { encoding: 'utf8', env: process.env });
  assert.match(out, /trash: ran: \d+ deleted activit(y|ies) purged/);
  assert.equal(one(`SELECT COUNT(*) FROM activities WHERE pid = ${lit(old)}`), '0');
  assert.equal(one(`SELECT COUNT(*) FROM activities WHERE pid = ${lit(young)}`), '1');
});
