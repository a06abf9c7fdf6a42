// L3, L7 — the lead's history: newest first by activity_at, 50 a page, "Load
// more" by keyset (?before=<acti_id>) through the whole history without gaps
// or repeats; each activity's element has its acti_ id as HTML id, who did it
// and when in the viewer's time zone, and the fields of its type; pinned ones
// are marked where they stand. HTML bodies only through the sanitizer, remote
// images blocked until ?images=<acti_id>, the plain text always there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql } from '../lib/client.mjs';
import { one, lit, session, leadPid, randomId, assertErrorPage } from '../lib/http-extra.mjs';
import { acts, decode, historyPids, leadId, moreHref, pageStartingAt, textOf, walkHistory } from '../lib/lead-page.mjs';

const GLOBEX = 'Globex Corporation';
const byId = (pid) => `WHERE a.pid = ${lit(pid)}`;

// One activity of Globex chosen by SQL: its pid.
function globexActivity(where) {
  const pid = one(`SELECT a.pid FROM activities a WHERE a.lead_id = ${leadId(leadPid(GLOBEX))} AND ${where}
    ORDER BY a.activity_at DESC, a.id DESC LIMIT 1`);
  assert.ok(pid, `Globex has an activity where ${where}`);
  return pid;
}

test('the first page: the 50 newest activities, newest first, each with its acti_ id as HTML id, then "Load more"', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const res = await get(`/lead/${pid}/`, { jar });
  assert.equal(res.status, 200);
  const shown = acts(res.body);
  assert.equal(shown.length, 50);
  assert.deepEqual(shown.map((a) => a.pid), historyPids(leadId(pid)).slice(0, 50));
  assert.equal(new Set(shown.map((a) => a.pid)).size, 50, 'no repeats');
  const more = moreHref(res.body);
  assert.equal(more, `/lead/${pid}/?before=${shown[49].pid}`, 'Load more continues after the last one shown');
});

test('walking Globex\'s whole history through "Load more" gives every activity once, in order', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const want = historyPids(leadId(pid));
  assert.ok(want.length >= 334, `Globex has its demo history (${want.length})`);
  const { pids, pages } = await walkHistory(jar, `/lead/${pid}/`);
  assert.equal(pages.length, Math.ceil(want.length / 50));
  assert.ok(pages.slice(0, -1).every((p) => acts(p.body).length === 50), '50 on every page but the last');
  assert.equal(pids.length, want.length, 'no gap, no repeat');
  assert.deepEqual(pids, want, 'the same order as activity_at DESC, id DESC');
  assert.equal(moreHref(pages.at(-1).body), null, 'no "Load more" on the last page');
});

test('activities at the same instant are ordered by id and paging does not lose or repeat them', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid('Cascade Outdoor Supply');
  const lead = leadId(pid);
  const [org, user] = sql(`SELECT organization_id, created_by FROM leads WHERE id = ${lead}`)[0];
  // 120 notes at one instant: every page boundary falls inside the tie
  sql(`INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at, date_created, body_text)
    SELECT CONCAT('acti_testtie', LPAD(seq, 33, '0')), ${org}, ${lead}, 'note', ${user},
      '2020-02-02 12:00:00', '2020-02-02 12:00:00', CONCAT('Tie ', seq) FROM seq_1_to_120`);
  try {
    const want = historyPids(lead);
    const { pids } = await walkHistory(jar, `/lead/${pid}/`);
    assert.deepEqual(pids, want);
  } finally {
    sql(`DELETE FROM activities WHERE pid LIKE 'acti\\_testtie%'`);
  }
});

test('who and when: the user\'s name and the time in the viewer\'s zone (ada New York, ben Berlin), with the UTC instant', async () => {
  const pid = leadPid(GLOBEX);
  const target = globexActivity(`a.type = 'call'`);
  const [[utc, user]] = sql(`SELECT DATE_FORMAT(a.activity_at, '%Y-%m-%dT%H:%i:%sZ'), u.name FROM activities a
    JOIN users u ON u.id = a.user_id ${byId(target)}`);
  const seen = {};
  for (const [email, zone] of [['ada@northwind.test', 'America/New_York'], ['ben@northwind.test', 'Europe/Berlin']]) {
    const { jar } = await session(email);
    const { act } = await pageStartingAt(jar, pid, target);
    assert.equal(act.utc, utc, 'the <time> carries the UTC instant');
    assert.equal(act.who, user);
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'short',
      day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true }).formatToParts(new Date(utc)).map((x) => [x.type, x.value]));
    assert.equal(act.when, `${p.month} ${p.day}, ${p.year} ${p.hour}:${p.minute} ${p.dayPeriod}`, `${email} sees ${zone} time`);
    seen[zone] = act.when;
  }
  assert.notEqual(seen['America/New_York'], seen['Europe/Berlin'], 'the same activity shows different hours');
});

test('an email: direction, subject, from, to, cc, text body, attachments by name and size', async () => {
  const { jar } = await session('ada@northwind.test');
  const target = globexActivity(`a.subject = 'Signed order form'`);
  const [[dir, subject, from, to, cc, body]] = sql(`SELECT direction, subject, sender, recipients_to, recipients_cc,
    REPLACE(body_text, '\\n', ' ') FROM activities a ${byId(target)}`);
  const { act } = await pageStartingAt(jar, leadPid(GLOBEX), target);
  const html = decode(act.html);
  assert.equal(act.type, 'email');
  assert.match(html, new RegExp(`<span class="dir">${dir}</span>`));
  assert.ok(html.includes(`<p class="subject">${subject}</p>`));
  assert.ok(html.includes(`<dt>From</dt><dd>${from}</dd>`));
  assert.ok(html.includes(`<dt>To</dt><dd>${to}</dd>`));
  assert.ok(html.includes(`<dt>Cc</dt><dd>${cc}</dd>`));
  assert.ok(textOf(act.html).includes(body.replace(/\\n/g, ' ').replace(/\s+/g, ' ').trim()), 'the text body');
  const files = sql(`SELECT f.name, f.size FROM activity_files af JOIN files f ON f.id = af.file_id
    JOIN activities a ON a.id = af.activity_id ${byId(target)}`);
  assert.ok(files.length >= 1);
  for (const [name, size] of files) {
    const shown = size >= 1024 ? `${(size / 1024 < 9.95 ? (size / 1024).toFixed(1) : Math.round(size / 1024))} KB` : `${size} B`;
    assert.ok(html.includes(`<span class="file-name">${name}</span> <span class="file-size">${shown}</span>`), `attachment ${name} ${shown}`);
  }
});

test('a call: direction, phone (tel: link), duration m:ss, outcome, note', async () => {
  const { jar } = await session('ada@northwind.test');
  const target = globexActivity(`a.type = 'call' AND a.outcome = 'answered' AND a.duration > 600`);
  const [[dir, phone, duration, outcome, note]] = sql(`SELECT direction, phone, duration, outcome, body_text FROM activities a ${byId(target)}`);
  const { act } = await pageStartingAt(jar, leadPid(GLOBEX), target);
  const html = decode(act.html);
  assert.match(html, new RegExp(`<span class="dir">${dir}</span>`));
  assert.ok(html.includes(`<a class="phone" href="tel:${phone.replace(/[^0-9+]/g, '')}">${phone}</a>`));
  const d = Number(duration);
  assert.ok(html.includes(`<span class="duration" title="Duration">${Math.floor(d / 60)}:${String(d % 60).padStart(2, '0')}</span>`));
  assert.ok(html.includes(`<span class="outcome">${outcome}</span>`));
  assert.ok(html.includes(note));
});

test('an SMS: direction, local and remote phone, text, attachments', async () => {
  const { jar } = await session('ben@northwind.test');
  const target = globexActivity(`a.type = 'sms' AND EXISTS (SELECT 1 FROM activity_files af WHERE af.activity_id = a.id)`);
  const [[dir, local, remote, text]] = sql(`SELECT direction, local_phone, phone, body_text FROM activities a ${byId(target)}`);
  const { act } = await pageStartingAt(jar, leadPid(GLOBEX), target);
  const html = decode(act.html);
  assert.match(html, new RegExp(`<span class="dir">${dir}</span>`));
  assert.ok(html.includes(local) && html.includes(remote), 'both numbers');
  assert.ok(html.includes(`href="tel:${remote.replace(/[^0-9+]/g, '')}"`));
  assert.ok(html.includes(text));
  assert.match(html, /<span class="file-name">IMG_2041\.png<\/span>/);
});

test('a meeting: title, time range in the viewer\'s zone, attendees, location, note', async () => {
  const { jar } = await session('ada@northwind.test');
  const target = globexActivity(`a.type = 'meeting'`);
  const [[title, starts, ends, attendees, location, note]] = sql(`SELECT title,
    DATE_FORMAT(CONVERT_TZ(starts_at, 'UTC', 'America/New_York'), '%b %e, %Y %l:%i %p'),
    DATE_FORMAT(CONVERT_TZ(ends_at, 'UTC', 'America/New_York'), '%l:%i %p'), attendees, location, body_text
    FROM activities a ${byId(target)}`);
  const { act } = await pageStartingAt(jar, leadPid(GLOBEX), target);
  const html = decode(act.html);
  assert.ok(html.includes(`<p class="subject">${title}</p>`));
  assert.ok(html.includes(`<span class="range">${starts} – ${ends}</span>`), `range ${starts} – ${ends}`);
  assert.ok(html.includes(attendees));
  assert.ok(html.includes(`<span class="location">${location}</span>`));
  assert.ok(html.includes(note));
});

test('notes: plain text, and rich text through the sanitizer with the plain text beside it; attachments', async () => {
  const { jar } = await session('ada@northwind.test');
  const rich = globexActivity(`a.type = 'note' AND a.body_html LIKE '%<strong>Key facts</strong>%'`);
  let { act } = await pageStartingAt(jar, leadPid(GLOBEX), rich);
  assert.match(act.html, /<div class="body body-html"><p><strong>Key facts<\/strong><\/p><ul><li>/);
  assert.match(act.html, /<details class="plain"><summary>Plain text<\/summary>/);
  const withFile = globexActivity(`a.type = 'note' AND EXISTS (SELECT 1 FROM activity_files af WHERE af.activity_id = a.id)`);
  ({ act } = await pageStartingAt(jar, leadPid(GLOBEX), withFile));
  assert.match(act.html, /<span class="file-name">Onboarding checklist\.html<\/span>/);
  const plain = globexActivity(`a.type = 'note' AND a.body_html IS NULL AND a.pinned_at IS NULL`);
  const text = one(`SELECT body_text FROM activities a ${byId(plain)}`);
  ({ act } = await pageStartingAt(jar, leadPid(GLOBEX), plain));
  assert.ok(decode(act.html).includes(`<div class="body body-text">${text}</div>`));
});

test('status changes and completed tasks: from → to (with the opportunity), the task\'s text', async () => {
  const { jar } = await session('ada@northwind.test');
  const lsc = globexActivity(`a.type = 'lead_status_change' AND a.old_status_label = 'Potential'`);
  let { act } = await pageStartingAt(jar, leadPid(GLOBEX), lsc);
  assert.equal(act.kind, 'Lead status change');
  assert.match(textOf(act.html), /Potential → Qualified/);
  const osc = globexActivity(`a.type = 'opportunity_status_change' AND a.new_status_label = 'Won'`);
  ({ act } = await pageStartingAt(jar, leadPid(GLOBEX), osc));
  assert.equal(act.kind, 'Opportunity status change');
  assert.match(textOf(act.html), /Opportunity \$36,000\.00 annual: Negotiation → Won/);
  const done = globexActivity(`a.type = 'task_completed'`);
  const text = one(`SELECT body_text FROM activities a ${byId(done)}`);
  ({ act } = await pageStartingAt(jar, leadPid(GLOBEX), done));
  assert.equal(act.kind, 'Task completed');
  assert.ok(textOf(act.html).includes(text));
});

test('custom activities: the type\'s name and every field of the type with its value', async () => {
  const { jar } = await session('ada@northwind.test');
  for (const type of ['Site Visit', 'Demo Feedback']) {
    const target = globexActivity(`a.type = 'custom' AND a.custom_type_id = (SELECT id FROM custom_activity_types WHERE name = ${lit(type)})`);
    const want = sql(`SELECT f.name, f.field_type, COALESCE(v.value, '') FROM activities a
      JOIN custom_activity_fields f ON f.type_id = a.custom_type_id
      LEFT JOIN activity_custom_values v ON v.activity_id = a.id AND v.field_id = f.id
      ${byId(target)} ORDER BY f.position, f.id`);
    const { act } = await pageStartingAt(jar, leadPid(GLOBEX), target);
    assert.equal(act.kind, type);
    const shown = [...act.html.matchAll(/<div class="field field-([a-z]+)"><dt>([^<]*)<\/dt><dd>([\s\S]*?)<\/dd><\/div>/g)]
      .map((m) => [decode(m[2]), m[1], textOf(m[3])]);
    assert.deepEqual(shown.map((f) => f.slice(0, 2)), want.map((f) => f.slice(0, 2)), `${type}: every field`);
    want.forEach(([name, ftype, value], i) => {
      if (ftype === 'date') {
        const d = new Date(`${value}T00:00:00Z`);
        assert.equal(shown[i][2], `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${d.getUTCDate()}, ${d.getUTCFullYear()}`, name);
      } else {
        assert.equal(shown[i][2], value.replace(/\\n/g, ' ').replace(/\s+/g, ' ').trim(), name);
      }
    });
  }
});

test('pinned activities are marked "Pinned" where they stand; the others are not', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const pinned = sql(`SELECT a.pid FROM activities a WHERE a.lead_id = ${leadId(pid)} AND a.pinned_at IS NOT NULL`).map((r) => r[0]);
  assert.ok(pinned.length >= 3);
  const { pages } = await walkHistory(jar, `/lead/${pid}/`);
  const all = pages.flatMap((p) => acts(p.body));
  assert.deepEqual(all.filter((a) => a.pinned).map((a) => a.pid).sort(), [...pinned].sort());
  for (const a of all) assert.equal(/<span class="pin">Pinned<\/span>/.test(a.html), a.pinned, `${a.pid} marked iff pinned`);
  assert.deepEqual(all.map((a) => a.pid), historyPids(leadId(pid)), 'pinned ones stay in their place');
});

test('L7: the HTML email with script, handlers, javascript:, iframe, form and a tracking pixel reaches the page sanitized', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const target = globexActivity(`a.subject LIKE 'Fwd: Invitation:%'`);
  const { res, act } = await pageStartingAt(jar, pid, target);
  const body = act.html.match(/<div class="body body-html">([\s\S]*?)<\/div>\s*<p class="remote-images">/);
  assert.ok(body, 'the HTML body is shown, then the remote images notice');
  for (const bad of [/<script/i, /\bon[a-z]+\s*=/i, /javascript:/i, /<iframe/i, /<form/i, /<input/i, /<button/i, /<style/i,
    /position\s*:\s*fixed/i, /evil\.example/i, /tracker\.example/, /summit\.example\/banner/]) {
    assert.ok(!bad.test(body[1]), `nothing matching ${bad} in the body`);
  }
  assert.match(body[1], /Register now/, 'the text of the link stays');
  assert.match(body[1], /<span class="remote-image"[^>]*>\[image blocked/, 'the remote images are placeholders');
  const page = res.body;
  assert.ok(!/<script(?![^>]*src="\/static\/lead\.js")/i.test(page), 'no script but lead.js on the page');
  assert.ok(!/evil\.example|tracker\.example\/pixel|javascript:|onclick=|onerror=/i.test(page), 'nothing of it anywhere on the page');
  assert.match(act.html, /<details class="plain"><summary>Plain text<\/summary><div class="body body-text">Hi Ada,/);
  const link = act.html.match(/<a href="([^"]+)">Show remote images<\/a>/);
  assert.ok(link, 'a "Show remote images" link');
  const href = decode(link[1]);
  assert.ok(href.endsWith(`images=${target}#${target}`), href);

  const shown = await get(href.replace(/#.*$/, ''), { jar });
  assert.equal(shown.status, 200);
  const again = acts(shown.body).find((a) => a.pid === target);
  assert.match(again.html, /<img [^>]*src="https:\/\/summit\.example\/banner\.jpg"/, 'asked for: the remote image is there');
  assert.ok(!/<script|javascript:|onerror|evil\.example/i.test(again.html), 'still sanitized');
  const others = acts(shown.body).filter((a) => a.pid !== target && /tracker\.example/.test(a.html));
  assert.deepEqual(others.map((a) => a.pid), [], 'other emails keep theirs blocked');
});

test('an email with a tracking pixel only: the pixel is a placeholder until ?images=<its id>', async () => {
  const { jar } = await session('ben@northwind.test');
  const pid = leadPid(GLOBEX);
  const target = globexActivity(`a.type = 'email' AND a.body_html LIKE '%tracker.example/pixel.gif%' AND a.body_html NOT LIKE '%<script%'`);
  const { act } = await pageStartingAt(jar, pid, target);
  assert.ok(!act.html.includes('tracker.example'), 'no request to the tracker');
  assert.match(act.html, /\[image blocked\]/);
  const { act: shown } = await pageStartingAt(jar, pid, target, `images=${target}&`);
  assert.match(shown.html, /<img [^>]*src="https:\/\/tracker\.example\/pixel\.gif"/);
});

test('bad paging input: a malformed, unknown or foreign cursor is a 400; a bad images id or fragment too', async () => {
  const { jar } = await session('ada@northwind.test');
  const pid = leadPid(GLOBEX);
  const foreign = one(`SELECT pid FROM activities WHERE lead_id = ${leadId(leadPid('Initech (archive)'))} LIMIT 1`);
  const bloom = one(`SELECT a.pid FROM activities a JOIN leads l ON l.id = a.lead_id JOIN organizations o ON o.id = l.organization_id
    WHERE o.name = 'Bloom Dental' LIMIT 1`);
  for (const q of ['before=acti_x', `before=${randomId('lead_')}`, 'before=', `before=${randomId('acti_')}`, `before=${foreign}`,
    `before=${bloom}`, `before=${foreign}&before=${foreign}`, 'images=nope', 'fragment=all', 'fragment=']) {
    const res = await get(`/lead/${pid}/?${q}`, { jar });
    assertErrorPage(res, 400, null, q);
  }
  const last = historyPids(leadId(pid)).at(-1);
  const end = await get(`/lead/${pid}/?before=${last}`, { jar });
  assert.equal(end.status, 200, 'the oldest activity as cursor: an empty, valid page');
  assert.equal(acts(end.body).length, 0);
  assert.equal(moreHref(end.body), null);
});

test('another organization\'s lead is a 404 with any paging or filter', async () => {
  const { jar } = await session('cora@bloomdental.test');
  const pid = leadPid(GLOBEX);
  const some = historyPids(leadId(pid))[10];
  for (const q of ['', `?before=${some}`, '?type=note', '?fragment=history', `?images=${some}`]) {
    const res = await get(`/lead/${pid}/${q}`, { jar });
    assertErrorPage(res, 404, /no such lead/i, q);
    assert.ok(!res.body.includes('Globex'));
  }
});
