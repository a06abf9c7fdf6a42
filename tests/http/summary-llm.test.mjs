// S2, S3, S4, S8 — the OpenAI-compatible backend against a fake
// chat completions server on loopback (tests/lib/fake-openai.mjs): the summary
// program is restarted with an API key, a model and short timeouts pointing at
// it, and put back as it was afterwards.
//  - the request holds exactly the selected activities, for both branches of
//    the 90-day/100 rule (150 in 90 days; 20 in 90 days and 300 older)
//  - the language instruction for English, German and Spanish leads (detected
//    with libexttextcat), and a language picked by a user kept for the lead
//  - every failure (401, 429 twice, 500 twice, a hang past the timeout,
//    malformed JSON, an empty answer, an oversized answer, a refused
//    connection) is its message on the page, the previous summary kept and
//    nothing stored; one retry on 429/5xx, Retry-After honoured up to a bound
//  - the API key appears in no page and no log
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { get, post, login, csrfOf, sql, VAR } from '../lib/client.mjs';
import { lit, one, randomId } from '../lib/http-extra.mjs';
import { startFake, restartSummary } from '../lib/fake-openai.mjs';

const KEY = `sk-test-${randomId('k_').slice(2, 30)}`;
const MODEL = 'fake-model-1';
const MAX_ANSWER = 20000;
let fake;
const pages = [];   // every page body seen, checked for the key at the end
const leads = [];   // made here, removed after

const ORG = one(`SELECT id FROM organizations WHERE name = 'Northwind Traders'`);
const STATUS = one(`SELECT id FROM lead_statuses WHERE organization_id = ${ORG} ORDER BY position, id LIMIT 1`);

function env(extra = {}) {
  return {
    LEADLINE_SUMMARY_BASE_URL: fake.url,
    LEADLINE_SUMMARY_API_KEY: KEY,
    LEADLINE_SUMMARY_MODEL: MODEL,
    LEADLINE_SUMMARY_CONNECT_TIMEOUT: '2',
    LEADLINE_SUMMARY_TIMEOUT: '2',
    LEADLINE_SUMMARY_MAX_ANSWER: String(MAX_ANSWER),
    LEADLINE_SUMMARY_RETRY_MAX_WAIT: '1',
    ...extra,
  };
}

before(async () => {
  fake = await startFake();
  await restartSummary(env());
});

after(async () => {
  await restartSummary({});
  await fake.close();
  for (const id of leads) {
    sql(`DELETE FROM summary_languages WHERE lead_id = ${id}`);
    sql(`DELETE FROM summaries WHERE lead_id = ${id}`);
    sql(`DELETE FROM activities WHERE lead_id = ${id}`);
    sql(`DELETE FROM lead_activity_counts WHERE lead_id = ${id}`);
    sql(`DELETE FROM leads WHERE id = ${id}`);
  }
});

// A Northwind lead with `recent` emails in the last 90 days (one an hour back
// from now) and `old` ones from 100 days back, each with body text.
function makeLead(name, { recent = 0, old = 0, text = (i) => `Plain message number ${i}.` } = {}) {
  const pid = randomId('lead_');
  sql(`INSERT INTO leads (pid, organization_id, name, status_id) VALUES (${lit(pid)}, ${ORG}, ${lit(name)}, ${STATUS})`);
  const id = one(`SELECT id FROM leads WHERE pid = ${lit(pid)}`);
  leads.push(id);
  const add = (n, at) => {
    for (let i = 1; i <= n; i++) {
      sql(`INSERT INTO activities (pid, organization_id, lead_id, type, direction, activity_at, date_created, subject, body_text)
        VALUES (ll_id('acti_'), ${ORG}, ${id}, 'email', 'incoming', ${at(i)}, UTC_TIMESTAMP(6) - INTERVAL 1 DAY,
          ${lit(`Subject ${i}`)}, ${lit(text(i))})`);
    }
  };
  if (recent) {
    sql(`INSERT INTO activities (pid, organization_id, lead_id, type, direction, activity_at, date_created, subject, body_text)
      SELECT ll_id('acti_'), ${ORG}, ${id}, 'email', 'incoming', UTC_TIMESTAMP(6) - INTERVAL seq HOUR,
        UTC_TIMESTAMP(6) - INTERVAL 1 DAY, CONCAT('Recent ', seq), CONCAT('Recent message ', seq) FROM seq_1_to_${recent}`);
  }
  if (old) {
    sql(`INSERT INTO activities (pid, organization_id, lead_id, type, direction, activity_at, date_created, subject, body_text)
      SELECT ll_id('acti_'), ${ORG}, ${id}, 'email', 'incoming', UTC_TIMESTAMP(6) - INTERVAL 100 DAY - INTERVAL seq HOUR,
        UTC_TIMESTAMP(6) - INTERVAL 1 DAY, CONCAT('Old ', seq), CONCAT('Old message ', seq) FROM seq_1_to_${old}`);
  }
  return { pid, id, add };
}

// A Northwind lead whose emails are the given texts.
function langLead(name, texts) {
  const l = makeLead(name);
  texts.forEach((t, i) => {
    sql(`INSERT INTO activities (pid, organization_id, lead_id, type, direction, activity_at, date_created, subject, body_text)
      VALUES (ll_id('acti_'), ${ORG}, ${l.id}, 'email', 'incoming', UTC_TIMESTAMP(6) - INTERVAL ${i + 1} DAY,
        UTC_TIMESTAMP(6) - INTERVAL 1 DAY, 'Re', ${lit(t)})`);
  });
  return l;
}

const summaries = (leadId) => Number(one(`SELECT COUNT(*) FROM summaries WHERE lead_id = ${leadId}`));
const idsIn = (text) => new Set([...text.matchAll(/\[(acti_[0-9A-Za-z]{40})\]/g)].map((m) => m[1]));

async function page(jar, pid) {
  const res = await get(`/lead/${pid}/summary`, { jar });
  assert.equal(res.status, 200);
  pages.push(res.body);
  return res.body;
}

async function generate(jar, pid, form = {}) {
  const csrf = csrfOf(await page(jar, pid));
  const res = await post(`/lead/${pid}/summary`, { csrf, ...form }, { jar });
  pages.push(res.body);
  return res;
}

test('150 activities in the last 90 days: the request holds exactly those 150, with the key, the model and the input only', async () => {
  const jar = await login('ada@northwind.test');
  const lead = makeLead('Zz LLM many recent', { recent: 150, old: 10 });
  const want = new Set(sql(`SELECT pid FROM activities WHERE lead_id = ${lead.id}
    AND activity_at >= UTC_TIMESTAMP(6) - INTERVAL 90 DAY`).map((r) => r[0]));
  assert.equal(want.size, 150);
  const [first] = want;
  const foreign = one(`SELECT pid FROM activities WHERE lead_id <> ${lead.id} AND deleted_at IS NULL LIMIT 1`);
  fake.reset();
  fake.script({ content: `Busy lead with many emails [${first}]. Unrelated [${foreign}].` });
  const res = await generate(jar, lead.pid);
  assert.equal(res.status, 303, res.body);
  assert.equal(fake.requests.length, 1);
  const rq = fake.requests[0];
  assert.equal(rq.method, 'POST');
  assert.equal(rq.path, '/v1/chat/completions');
  assert.equal(rq.headers.authorization, `Bearer ${KEY}`);
  assert.match(rq.headers['content-type'], /^application\/json/);
  assert.equal(rq.json.model, MODEL);
  assert.deepEqual(rq.json.messages.map((m) => m.role), ['system', 'user']);
  const user = rq.json.messages[1].content;
  assert.deepEqual([...idsIn(user)].sort(), [...want].sort(), 'exactly the 150 recent activities');
  assert.ok(!user.includes('Old message'), 'nothing older than 90 days');
  assert.match(user, /^Lead: Zz LLM many recent\n/);
  assert.match(rq.json.messages[0].content, /cite the activities it rests on by their ids in square brackets/);

  const [row] = sql(`SELECT backend, model, activity_count, body FROM summaries WHERE lead_id = ${lead.id}`);
  assert.deepEqual(row, ['openai', MODEL, '150', `Busy lead with many emails [${first}]. Unrelated.`]);
  const b = await page(jar, lead.pid);
  assert.match(b, /<span class="summary-backend">openai<\/span>, model <span class="summary-model">fake-model-1<\/span>/);
  assert.ok(b.includes(`<a class="cite" href="/lead/${lead.pid}/#activityId=${first}">[${first}]</a>`), 'the citation links to its permalink');
  assert.ok(!b.includes(foreign), 'a citation of an activity not in the input is dropped');
});

test('20 activities in the last 90 days and 300 older: the request holds the 100 most recent', async () => {
  const jar = await login('ada@northwind.test');
  const lead = makeLead('Zz LLM few recent', { recent: 20, old: 300 });
  const want = new Set(sql(`SELECT pid FROM activities WHERE lead_id = ${lead.id}
    ORDER BY activity_at DESC, id DESC LIMIT 100`).map((r) => r[0]));
  fake.reset();
  fake.script({ content: 'Model text with <img src=x onerror=alert(1)> and <script>alert(2)</script> in it.' });
  const res = await generate(jar, lead.pid);
  assert.equal(res.status, 303, res.body);
  assert.equal(fake.requests.length, 1);
  // the model's text is text: escaped on the page
  const shown = await page(jar, lead.pid);
  assert.ok(shown.includes('<p>Model text with &lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt; in it.</p>'));
  assert.ok(!shown.includes('<img src=x') && !shown.includes('<script>alert'));
  const user = fake.requests[0].json.messages[1].content;
  const got = idsIn(user);
  assert.equal(got.size, 100);
  assert.deepEqual([...got].sort(), [...want].sort());
  assert.ok(user.includes('Recent message 20') && user.includes('Old message 80') && !user.includes('Old message 81'),
    'the 20 recent and the 80 newest older ones');
});

// S2's boundary: the count that picks the branch is over 90 days, not a week
// or nine days. 5 activities in the last 9 days, 110 between 10 and 88 days
// old, one 89 days and one 91 days old, 20 older still: 116 in the last 90
// days, so all 116 go and nothing older (the 91-day one stays out); a count
// over a shorter window would fall to "the 100 most recent".
test('S2: 116 activities in 90 days of which 5 in the last 9: exactly those 116, the 89-day one in, the 91-day one out', async () => {
  const jar = await login('ada@northwind.test');
  const lead = makeLead('Zz LLM ninety days');
  const ins = (at, text, count = 1) => sql(`INSERT INTO activities (pid, organization_id, lead_id, type, direction, activity_at,
      date_created, subject, body_text)
    SELECT ll_id('acti_'), ${ORG}, ${lead.id}, 'email', 'incoming', ${at}, UTC_TIMESTAMP(6) - INTERVAL 1 DAY,
      CONCAT(${lit(text)}, seq), CONCAT(${lit(text)}, seq) FROM seq_1_to_${count}`);
  ins('UTC_TIMESTAMP(6) - INTERVAL seq DAY', 'Last nine days ', 5);                  // 1..5 days old
  ins('UTC_TIMESTAMP(6) - INTERVAL 10 DAY - INTERVAL (seq * 17) HOUR', 'Weeks back ', 110);   // 10..88 days old
  ins('UTC_TIMESTAMP(6) - INTERVAL 89 DAY', 'Day eighty-nine ');
  ins('UTC_TIMESTAMP(6) - INTERVAL 91 DAY', 'Day ninety-one ');
  ins('UTC_TIMESTAMP(6) - INTERVAL 120 DAY - INTERVAL seq DAY', 'Long ago ', 20);
  const inWindow = (days) => Number(one(`SELECT COUNT(*) FROM activities WHERE lead_id = ${lead.id}
    AND activity_at >= UTC_TIMESTAMP(6) - INTERVAL ${days} DAY`));
  assert.equal(inWindow(9), 5, 'the fixture: 5 in the last 9 days');
  assert.equal(inWindow(88.9), 115, 'the fixture: 110 between 10 and 88 days');
  assert.equal(inWindow(90), 116, 'the fixture: 116 in the last 90 days');
  const want = new Set(sql(`SELECT pid FROM activities WHERE lead_id = ${lead.id}
    AND activity_at >= UTC_TIMESTAMP(6) - INTERVAL 90 DAY`).map((r) => r[0]));
  const day89 = one(`SELECT pid FROM activities WHERE lead_id = ${lead.id} AND subject = 'Day eighty-nine 1'`);
  const day91 = one(`SELECT pid FROM activities WHERE lead_id = ${lead.id} AND subject = 'Day ninety-one 1'`);
  assert.ok(want.has(day89) && !want.has(day91));
  fake.reset();
  fake.script({ content: 'Ninety days.' });
  const res = await generate(jar, lead.pid);
  assert.equal(res.status, 303, res.body);
  assert.equal(fake.requests.length, 1);
  const got = idsIn(fake.requests[0].json.messages[1].content);
  assert.equal(got.size, 116);
  assert.deepEqual([...got].sort(), [...want].sort(), 'exactly the activities of the last 90 days');
  assert.ok(got.has(day89), 'the activity 89 days old is in');
  assert.ok(!got.has(day91), 'the activity 91 days old is out');
  assert.equal(one(`SELECT activity_count FROM summaries WHERE lead_id = ${lead.id}`), '116');
});

const TEXTS = {
  en: ['Thank you for the demo yesterday. Our team would like to see the reporting features again next week, and we need a quote for twenty users.',
    'Could you send the contract draft before Friday? Our lawyer wants to review the data protection terms before we sign anything.'],
  de: ['Vielen Dank für die Vorführung gestern. Unser Team möchte die Berichtsfunktionen nächste Woche noch einmal sehen, und wir brauchen ein Angebot für zwanzig Benutzer.',
    'Könnten Sie uns den Vertragsentwurf vor Freitag schicken? Unser Anwalt möchte die Datenschutzbestimmungen prüfen, bevor wir etwas unterschreiben.'],
  es: ['Muchas gracias por la demostración de ayer. Nuestro equipo quiere ver otra vez las funciones de informes la próxima semana y necesitamos un presupuesto para veinte usuarios.',
    '¿Podría enviarnos el borrador del contrato antes del viernes? Nuestro abogado quiere revisar las condiciones de protección de datos antes de firmar.'],
};
const NAMES = { en: 'English', de: 'German', es: 'Spanish', fr: 'French' };

test('S3: the instruction names the language detected from the lead\'s emails: English, German, Spanish', async () => {
  const jar = await login('ada@northwind.test');
  for (const lang of ['en', 'de', 'es']) {
    const lead = langLead(`Zz LLM lang ${lang}`, [...TEXTS[lang], 'ok', 'Thanks!']);
    fake.reset();
    const b = await page(jar, lead.pid);
    assert.match(b, new RegExp(`<option value="auto" selected>Detected: `), lang);
    const res = await generate(jar, lead.pid);
    assert.equal(res.status, 303, res.body);
    const system = fake.requests[0].json.messages[0].content;
    assert.ok(system.includes(`Write the summary in ${NAMES[lang]}.`), `${lang}: ${system}`);
    for (const other of Object.keys(NAMES).filter((x) => x !== lang)) {
      assert.ok(!system.includes(`in ${NAMES[other]}.`), `${lang}: not ${other}`);
    }
    assert.equal(one(`SELECT language FROM summaries WHERE lead_id = ${lead.id}`), lang);
  }
});

// S3 reads the texts of emails, SMS, notes and call notes: a lead whose only
// German text is of one of the other three types is detected as German.
test('S3: German only in SMS, only in notes, only in call notes: each detected as German', async () => {
  const jar = await login('ada@northwind.test');
  for (const type of ['sms', 'note', 'call']) {
    const lead = makeLead(`Zz LLM lang ${type}`);
    TEXTS.de.forEach((t, i) => sql(`INSERT INTO activities (pid, organization_id, lead_id, type, direction, activity_at,
        date_created, body_text, duration)
      VALUES (ll_id('acti_'), ${ORG}, ${lead.id}, ${lit(type)}, ${type === 'note' ? 'NULL' : "'incoming'"},
        UTC_TIMESTAMP(6) - INTERVAL ${i + 1} DAY, UTC_TIMESTAMP(6) - INTERVAL 1 DAY, ${lit(t)},
        ${type === 'call' ? 120 : 'NULL'})`));
    assert.deepEqual(sql(`SELECT DISTINCT type FROM activities WHERE lead_id = ${lead.id}`), [[type]], `${type}: the fixture`);
    fake.reset();
    const b = await page(jar, lead.pid);
    assert.match(b, /<option value="auto" selected>Detected: Deutsch<\/option>/, type);
    const res = await generate(jar, lead.pid);
    assert.equal(res.status, 303, res.body);
    const system = fake.requests[0].json.messages[0].content;
    assert.ok(system.includes('Write the summary in German.'), `${type}: ${system}`);
    assert.equal(one(`SELECT language FROM summaries WHERE lead_id = ${lead.id}`), 'de', type);
  }
});

test('S3: a language a user picks is kept for the lead until auto is chosen again', async () => {
  const jar = await login('ada@northwind.test');
  const lead = langLead('Zz LLM lang pick', TEXTS.de);
  fake.reset();
  assert.equal((await generate(jar, lead.pid, { language: 'fr' })).status, 303);
  assert.equal(one(`SELECT language FROM summary_languages WHERE lead_id = ${lead.id}`), 'fr');
  let b = await page(jar, lead.pid);
  assert.match(b, /<option value="fr" selected>Français<\/option>/);
  assert.match(b, /<option value="auto">Detected: Deutsch<\/option>/);
  assert.equal((await generate(jar, lead.pid)).status, 303);        // no language sent: the pick
  assert.equal((await generate(jar, lead.pid, { language: 'auto' })).status, 303);
  const sys = fake.requests.map((r) => r.json.messages[0].content.match(/Write the summary in (\w+)\./)[1]);
  assert.deepEqual(sys, ['French', 'French', 'German']);
  assert.equal(one(`SELECT COUNT(*) FROM summary_languages WHERE lead_id = ${lead.id}`), '0');
  // an unknown language: 400, nothing stored
  const n = summaries(lead.id);
  const bad = await generate(jar, lead.pid, { language: 'xx' });
  assert.equal(bad.status, 400);
  assert.equal(summaries(lead.id), n);
  assert.equal(fake.requests.length, 3);
});

test('S4: one retry on 429 (Retry-After honoured up to the bound) and on 500, then the summary', async () => {
  const jar = await login('ada@northwind.test');
  const lead = makeLead('Zz LLM retry', { recent: 3 });
  fake.reset();
  fake.script({ status: 429, retryAfter: '3600' }, { content: 'After a 429.' });
  assert.equal((await generate(jar, lead.pid)).status, 303);
  assert.equal(fake.requests.length, 2, 'asked again once, not after an hour but after the bound');
  fake.script({ status: 503 }, { content: 'After a 503.' });
  assert.equal((await generate(jar, lead.pid)).status, 303);
  assert.equal(fake.requests.length, 4);
  assert.deepEqual(sql(`SELECT body FROM summaries WHERE lead_id = ${lead.id} ORDER BY id`).map((r) => r[0]),
    ['After a 429.', 'After a 503.']);
});

test('S4: every failure is its message on the page, the previous summary kept, nothing stored', async () => {
  const jar = await login('ada@northwind.test');
  const lead = makeLead('Zz LLM failures', { recent: 5 });
  fake.reset();
  fake.script({ content: 'The previous summary.' });
  assert.equal((await generate(jar, lead.pid)).status, 303);
  const prev = one(`SELECT pid FROM summaries WHERE lead_id = ${lead.id}`);
  const cases = [
    { name: '401', answers: [{ status: 401 }], status: 502, calls: 1,
      msg: /did not accept the configured API key \(HTTP 401\)\. An administrator needs to check the summary configuration\./ },
    { name: '429 twice', answers: [{ status: 429, retryAfter: '1' }, { status: 429, retryAfter: '1' }], status: 502, calls: 2,
      msg: /the model server is limiting requests \(HTTP 429\), also when asked again\. Try again in a minute\./ },
    { name: '500 twice', answers: [{ status: 500 }, { status: 500 }], status: 502, calls: 2,
      msg: /the model server failed \(HTTP 500\), also when asked again\./ },
    { name: 'a hang past the timeout', answers: [{ hang: true }], status: 504, calls: 1,
      msg: /the model server did not answer within 2 seconds\./ },
    { name: 'malformed JSON', answers: [{ raw: '{"choices": [{"message": {"content": "cut' }], status: 502, calls: 1,
      msg: /the answer of the model was not a chat completion that leadline can read \(malformed\)\./ },
    { name: 'JSON without choices', answers: [{ raw: '{"object": "chat.completion"}' }], status: 502, calls: 1,
      msg: /\(malformed\)\./ },
    { name: 'an empty answer', answers: [{ content: '  \n ' }], status: 502, calls: 1,
      msg: /the model answered with an empty text\./ },
    { name: 'only citations of activities not in the input', answers: [{ content: `[acti_${'Z'.repeat(40)}]. [acti_${'Y'.repeat(40)}]` }], status: 502, calls: 1,
      msg: /the model answered with an empty text\./ },
    { name: 'an oversized answer', answers: [{ bytes: MAX_ANSWER * 2 }], status: 502, calls: 1,
      msg: new RegExp(`the answer of the model was larger than ${MAX_ANSWER} bytes\\.`) },
  ];
  for (const c of cases) {
    fake.reset();
    fake.script(...c.answers);
    const res = await generate(jar, lead.pid);
    assert.equal(res.status, c.status, c.name);
    assert.match(res.body, /<p class="summary-error" role="alert">The summary could not be generated: /, c.name);
    assert.match(res.body, c.msg, c.name);
    assert.match(res.body, /The previous summary is kept\.<\/p>/, c.name);
    assert.match(res.body, new RegExp(`data-summary-id="${prev}"`), `${c.name}: the previous summary is shown`);
    assert.match(res.body, /<p>The previous summary\.<\/p>/, c.name);
    assert.equal(fake.requests.length, c.calls, c.name);
    assert.equal(summaries(lead.id), 1, `${c.name}: nothing stored`);
  }
  // a refused connection: a port nobody listens on
  const port = await new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  await restartSummary(env({ LEADLINE_SUMMARY_BASE_URL: `http://127.0.0.1:${port}/v1` }));
  try {
    const res = await generate(jar, lead.pid);
    assert.equal(res.status, 502);
    assert.match(res.body, /the model server could not be reached \(connection refused\)\. The previous summary is kept\./);
    assert.match(res.body, new RegExp(`data-summary-id="${prev}"`));
    assert.equal(summaries(lead.id), 1);
  } finally {
    await restartSummary(env());
  }
});

test('S4: the API key is in no page and no log of the instance', async () => {
  assert.ok(pages.length > 20, `pages seen: ${pages.length}`);
  for (const b of pages) assert.ok(!b.includes(KEY), 'a page holds the key');
  const logs = fs.readdirSync(`${VAR}/log`).filter((f) => fs.statSync(`${VAR}/log/${f}`).isFile());
  assert.ok(logs.includes('summary.log'), `logs: ${logs}`);
  for (const f of logs) {
    const text = fs.readFileSync(`${VAR}/log/${f}`, 'latin1');
    assert.ok(!text.includes(KEY), `${f} holds the key`);
  }
  // the summary log did record the failures, without the key
  assert.match(fs.readFileSync(`${VAR}/log/summary.log`, 'utf8'), /summary model: failed/);
});
