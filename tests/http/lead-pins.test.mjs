// P1-P3 — pinning on the lead page: a POST (with its CSRF token) pins or
// unpins a note or a custom activity, for any member who can view the lead;
// any other type is refused and changes nothing, another organization's
// activity the same 404 as an unknown one. At most 5 pinned per lead, also
// when 20 pins for 20 notes arrive at the same instant (exactly one wins, the
// others are refused: "5 pinned at most — unpin one first"). A refused pin
// answers by POST/redirect/GET: a 303 to the lead page with ?refused=, whose
// GET shows the message, so a reload does not send the POST again. Pinned
// activities stand on top of the history, newest created first, under any
// filter and on any page, in the page's statements (no statement more).
// Every pin made here is put back in after().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, sql } from '../lib/client.mjs';
import { one, lit, session, leadPid } from '../lib/http-extra.mjs';
import { acts, decode, historyPids, leadId, moreHref, sqlStatements, withSqlCount } from '../lib/lead-page.mjs';

let ada;
let ben;
let globex;
let gid;
let saved;       // [pid, pinned_at] of the demo's pinned activities
let savedLead;   // the lead's date_updated, updated_by
let restore = async () => {};

const pinnedNow = () => sql(`SELECT pid FROM activities WHERE lead_id = ${gid} AND pinned_at IS NOT NULL AND deleted_at IS NULL`)
  .map((r) => r[0]).sort();
// The lead's pinned activities as the page must show them: newest created first.
const pinnedOrder = () => sql(`SELECT pid FROM activities WHERE lead_id = ${gid} AND pinned_at IS NOT NULL
  AND deleted_at IS NULL ORDER BY date_created DESC, activity_at DESC, id DESC`).map((r) => r[0]);
const unpinned = (type, n) => sql(`SELECT pid FROM activities WHERE lead_id = ${gid} AND type = ${lit(type)}
  AND pinned_at IS NULL AND deleted_at IS NULL ORDER BY id LIMIT ${n}`).map((r) => r[0]);

// The pinned section of a page: its activities' pids in order (ids "pinned-acti_...").
function pinnedSection(html) {
  const m = html.match(/<section class="pinned-section"[\s\S]*?<\/section>/);
  if (!m) return null;
  return [...m[0].matchAll(/<li class="act act-[a-z_]+( is-pinned)?" id="pinned-(acti_[0-9A-Za-z]{40})">/g)].map((x) => x[2]);
}

function putBack() {
  sql(`UPDATE activities SET pinned_at = NULL WHERE lead_id = ${gid}`);
  for (const [pid, at] of saved) sql(`UPDATE activities SET pinned_at = ${lit(at)} WHERE pid = ${lit(pid)}`);
  sql(`UPDATE leads SET date_updated = ${lit(savedLead[0])}, updated_by = ${savedLead[1] === 'NULL' ? 'NULL' : savedLead[1]} WHERE id = ${gid}`);
}

before(async () => {
  ada = await session('ada@northwind.test');
  ben = await session('ben@northwind.test');
  globex = leadPid('Globex Corporation');
  gid = leadId(globex);
  saved = sql(`SELECT pid, pinned_at FROM activities WHERE lead_id = ${gid} AND pinned_at IS NOT NULL`);
  savedLead = sql(`SELECT date_updated, COALESCE(updated_by, 'NULL') FROM leads WHERE id = ${gid}`)[0];
  assert.equal(saved.length, 3, 'the demo has 3 pinned Globex notes');
});

after(async () => {
  putBack();
  await restore();
});

const pin = (s, acti, what = 'pin', body) => post(`/lead/${globex}/activity/${acti}/${what}`, body ?? { csrf: s.csrf }, { jar: s.jar });

// A refused pin: a 303 to the lead page (not the POST's URL) whose GET shows msg.
async function refusedTo(s, res, code, msg) {
  assert.equal(res.status, 303, `refused: ${res.status}`);
  const loc = res.headers.location.replace(/^https?:\/\/[^/]+/, '');
  assert.equal(loc, `/lead/${globex}/?refused=${code}#pin-err`);
  const page = await get(loc.replace(/#.*/, ''), { jar: s.jar });
  assert.equal(page.status, 200);
  assert.ok(decode(page.body).includes(`<p class="form-error pin-error" id="pin-err" role="alert">${msg}</p>`), 'the message on the page');
}

test('the control is on notes and custom activities only; a pin of any other type is refused (303 to the page saying why) and changes nothing', async () => {
  const page = await get(`/lead/${globex}/`, { jar: ben.jar });
  assert.equal(page.status, 200);
  for (const a of acts(page.body)) {
    const has = /<form class="pin-form" method="post" action="\/lead\/[^"]+\/activity\/acti_[^"]+\/(un)?pin">/.test(a.html);
    assert.equal(has, a.type === 'note' || a.type === 'custom', `${a.type} ${a.pid}: control ${has}`);
    if (has) assert.match(a.html, a.pinned ? /\/unpin">.*?>Unpin</s : /\/pin">.*?>Pin</s);
  }
  const before0 = pinnedNow();
  for (const type of ['call', 'email', 'sms', 'meeting', 'lead_status_change']) {
    const [acti] = unpinned(type, 1);
    assert.ok(acti, `the fixture: Globex has an unpinned ${type}`);
    const res = await pin(ben, acti);
    await refusedTo(ben, res, 'pin-type', 'Only notes and custom activities can be pinned.');
    assert.equal(one(`SELECT pinned_at IS NULL FROM activities WHERE pid = ${lit(acti)}`), '1');
  }
  assert.deepEqual(pinnedNow(), before0);
});

test('another organization\'s activity, an unknown or malformed id: the same 404; no CSRF: 403; nothing changes', async () => {
  const bloom = one(`SELECT a.pid FROM activities a JOIN organizations o ON o.id = a.organization_id
    WHERE o.name = 'Bloom Dental' AND a.type = 'note' LIMIT 1`);
  assert.ok(bloom, 'Bloom Dental has a note');
  const bloomLead = one(`SELECT l.pid FROM activities a JOIN leads l ON l.id = a.lead_id WHERE a.pid = ${lit(bloom)}`);
  const unknown = `acti_${'0'.repeat(40)}`;
  const bodies = [];
  for (const path of [`/lead/${globex}/activity/${bloom}/pin`, `/lead/${bloomLead}/activity/${bloom}/pin`,
    `/lead/${globex}/activity/${unknown}/pin`, `/lead/${globex}/activity/nope/pin`,
    `/lead/${globex}/activity/${bloom}/unpin`]) {
    const res = await post(path, { csrf: ada.csrf }, { jar: ada.jar });
    assert.equal(res.status, 404, `${path}: ${res.status}`);
    bodies.push(res.body.replace(/name="csrf" value="[^"]*"/g, ''));
  }
  assert.equal(new Set(bodies).size, 1, 'one and the same 404');
  assert.equal(one(`SELECT pinned_at IS NULL FROM activities WHERE pid = ${lit(bloom)}`), '1');
  const [note] = unpinned('note', 1);
  const res = await pin(ada, note, 'pin', {});
  assert.equal(res.status, 403);
  const res2 = await pin(ada, note, 'pin', { csrf: 'x'.repeat(43) });
  assert.equal(res2.status, 403);
  assert.equal(pinnedNow().length, 3);
});

test('pin, pin again (a no-op 303), unpin, unpin again; any member may pin', async () => {
  const [note] = unpinned('note', 1);
  let res = await pin(ben, note);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location.replace(/^https?:\/\/[^/]+/, ''), `/lead/${globex}/#${note}`);
  assert.ok(pinnedNow().includes(note));
  const at = one(`SELECT pinned_at FROM activities WHERE pid = ${lit(note)}`);
  res = await pin(ada, note);
  assert.equal(res.status, 303);
  assert.equal(one(`SELECT pinned_at FROM activities WHERE pid = ${lit(note)}`), at, 'pinning again changes nothing');
  const page = await get(`/lead/${globex}/`, { jar: ada.jar });
  assert.ok(pinnedSection(page.body).includes(note));
  res = await pin(ada, note, 'unpin');
  assert.equal(res.status, 303);
  assert.ok(!pinnedNow().includes(note));
  res = await pin(ada, note, 'unpin');
  assert.equal(res.status, 303);
  const [custom] = unpinned('custom', 1);
  res = await pin(ben, custom);
  assert.equal(res.status, 303, 'a custom activity can be pinned');
  res = await pin(ben, custom, 'unpin');
  assert.equal(res.status, 303);
  assert.equal(pinnedNow().length, 3);
});

test('with 4 pinned, 20 pins of 20 notes at the same instant: exactly one succeeds, the others are refused "5 pinned at most — unpin one first"; 5 pinned after', async () => {
  const notes = unpinned('note', 21);
  assert.equal(notes.length, 21);
  assert.equal((await pin(ada, notes[0])).status, 303);
  assert.equal(pinnedNow().length, 4);
  const racers = notes.slice(1);
  const results = await Promise.all(racers.map((n, i) => pin(i % 2 ? ada : ben, n)));
  const where = results.map((r) => (r.status === 303 ? r.headers.location.replace(/^https?:\/\/[^/]+/, '') : String(r.status)));
  const won = where.filter((w, i) => w === `/lead/${globex}/#${racers[i]}`);
  const refused = where.filter((w) => w === `/lead/${globex}/?refused=pin-limit#pin-err`);
  assert.equal(won.length, 1, `answers: ${where}`);
  assert.equal(refused.length, 19, `answers: ${where}`);
  assert.equal(pinnedNow().length, 5);
  // a sixth, one at a time, is refused the same way and changes nothing
  const loser = racers[where.indexOf(`/lead/${globex}/?refused=pin-limit#pin-err`)];
  const res = await pin(ben, loser);
  await refusedTo(ben, res, 'pin-limit', '5 pinned at most — unpin one first');
  assert.equal(pinnedNow().length, 5);
  assert.ok(!pinnedNow().includes(loser));
  putBack();
});

test('?refused= with a code the page does not know is a 400; without it the page shows no refusal', async () => {
  const bad = await get(`/lead/${globex}/?refused=nope`, { jar: ben.jar });
  assert.equal(bad.status, 400);
  const page = await get(`/lead/${globex}/`, { jar: ben.jar });
  assert.equal(page.status, 200);
  assert.ok(!page.body.includes('id="pin-err"'));
});

test('pinned activities stand on top, newest created first, unfiltered, under a filter and on a later page; also marked where they stand', async () => {
  const [extra, custom] = [unpinned('note', 1)[0], unpinned('custom', 1)[0]];
  assert.equal((await pin(ada, extra)).status, 303);
  assert.equal((await pin(ada, custom)).status, 303);
  const want = pinnedOrder();
  assert.equal(want.length, 5);
  const order = historyPids(gid);
  const later = `/lead/${globex}/?before=${order[120]}`;
  for (const path of [`/lead/${globex}/`, `/lead/${globex}/?type=call`, `/lead/${globex}/?type=email&type=sms`, later,
    `/lead/${globex}/?type=call&fragment=history`]) {
    const res = await get(path, { jar: ben.jar });
    assert.equal(res.status, 200, path);
    assert.deepEqual(pinnedSection(res.body), want, path);
    assert.ok(res.body.indexOf('class="pinned-section"') < res.body.indexOf('<ol class="acts">'), `${path}: on top`);
    for (const a of acts(res.body)) assert.equal(a.pinned, want.includes(a.pid), `${path}: ${a.pid} marked`);
  }
  // the pinned custom activity shows its fields in the section too
  const page = await get(`/lead/${globex}/`, { jar: ben.jar });
  const sect = page.body.match(/<section class="pinned-section"[\s\S]*?<\/section>/)[0];
  const li = sect.slice(sect.indexOf(`id="pinned-${custom}"`));
  assert.match(li.slice(0, li.indexOf('</li>')), /class="act-body custom"[\s\S]*<dt|class="act-body custom"[\s\S]*field/);
  // the later page still pages by the feed alone
  assert.ok(moreHref(page.body));
  putBack();
});

test('the pinned section costs no statement: Globex with 5 pinned, Globex without and Initech cost the same, at most 9 without the session\'s touch', async () => {
  restore = await withSqlCount(ada.jar, `/lead/${globex}/`);
  const count = async (path) => {
    await get('/leads', { jar: ada.jar });
    const res = await get(path, { jar: ada.jar });
    assert.equal(res.status, 200);
    return { n: sqlStatements(res), res };
  };
  for (const n of unpinned('note', 2)) assert.equal((await pin(ada, n)).status, 303);
  const five = await count(`/lead/${globex}/`);
  assert.equal(pinnedSection(five.res.body).length, 5);
  const fiveFiltered = await count(`/lead/${globex}/?type=call&before=${historyPids(gid, "AND a.type = 'call'")[10]}`);
  assert.equal(pinnedSection(fiveFiltered.res.body).length, 5);
  sql(`UPDATE activities SET pinned_at = NULL WHERE lead_id = ${gid}`);
  const none = await count(`/lead/${globex}/`);
  assert.equal(pinnedSection(none.res.body), null, 'no pinned: no section');
  const initech = await count(`/lead/${leadPid('Initech (archive)')}/`);
  putBack();
  const counts = { five: five.n, fiveFiltered: fiveFiltered.n, none: none.n, initech: initech.n };
  assert.equal(new Set(Object.values(counts)).size, 1, JSON.stringify(counts));
  assert.ok(five.n <= 9, JSON.stringify(counts));
});
