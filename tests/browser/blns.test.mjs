// Hostile input in a real browser (Debian's chromium, playwright-core):
// the Big List of Naughty Strings stored through the lead page's forms — every
// string as a note (the whole history, page by page) and the ones that look like
// markup or script (a sample of them) as a task, a contact, an opportunity
// note, and all of them in the lead's name and description — then shown: the lead page and each history page, the leads list
// searched for each markup string, and the login form given one as its email. No
// script of theirs runs: no dialog (alert, confirm, prompt), no page error, no
// console error, no element with an on* attribute, no script but leadline's own.
// A few are also typed into the note form by hand. The HTTP test
// tests/http/blns.test.mjs checks the text itself, field by field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { sql } from '../lib/client.mjs';
import { one, lit } from '../lib/http-extra.mjs';
import { BLNS, refusal } from '../lib/blns.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
const PASSWORD = 'leadline-demo';
// the strings that try markup, script, or URL schemes
const MARKUP = BLNS.filter((s) => /[<>"'`]|script|javascript|on[a-z]+\s*=|alert|prompt|confirm|eval|expression|&#|%3C/i.test(s));
// every contact and opportunity repeats the lead's contacts in its forms' selects:
// a few dozen of each keep the page at a size a browser loads at once
const SAMPLE = MARKUP.filter((s, i) => i % Math.ceil(MARKUP.length / 30) === 0 || /<script|onerror|javascript:/i.test(s)).slice(0, 40);

let browser;
const made = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
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

// A logged-in page recording every dialog, page error and console error.
async function loggedIn(email) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // a 400 page (a search for a string with a control character) is logged by
  // chromium as a failed load: that is the answer the HTTP test expects
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push(`console error: ${m.text()}`); });
  page.on('dialog', (d) => {
    problems.push(`dialog (${d.type()}): ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.goto(`${BASE}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/leads'), page.getByRole('button', { name: 'Log in' }).click()]);
  return { context, page, problems };
}

// What no naughty string may have made: an event handler attribute, a script
// that is not leadline's own file, a javascript: link, a frame.
async function assertInert(page, what) {
  const found = await page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`<${el.localName} ${a.name}>`);
        if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value)) bad.push(`<${el.localName} ${a.name}=${a.value}>`);
      }
    }
    for (const s of document.scripts) if (!/^\/static\/[a-z]+\.js$/.test(new URL(s.src || 'x:', location.href).pathname) || !s.src) bad.push(`<script ${s.src || 'inline'}>`);
    // the only frame allowed: the lead page's own summary panel, same origin
    for (const f of document.querySelectorAll('iframe, frame, object, embed')) {
      const u = f.localName === 'iframe' && f.getAttribute('src') ? new URL(f.getAttribute('src'), location.href) : null;
      if (u && u.origin === location.origin && /^\/lead\/[^/]+\/summary\/panel$/.test(u.pathname) && f.closest('#summary')) continue;
      bad.push(`<${f.localName}>`);
    }
    return bad;
  });
  assert.deepEqual(found, [], `${what}: nothing a naughty string made`);
}

test('blns stored through the lead page and shown in chromium: no script runs, no dialog, no error', { timeout: 240000 }, async (t) => {
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  const api = context.request;
  const csrf = async () => (await page.locator('input[name="csrf"]').first().getAttribute('value'));
  // a lead named by a markup string, through the new lead form
  const name = MARKUP.find((s) => /<script/i.test(s) && !refusal(s, { line: true, required: true }));
  await page.goto(`${BASE}/leads`);
  await page.locator('details.new-lead > summary').click();
  await page.locator('#new-name').fill(name);
  await Promise.all([page.waitForURL((u) => /^\/lead\/lead_[^/]+\/$/.test(u.pathname)), page.getByRole('button', { name: 'Create lead' }).click()]);
  const pid = new URL(page.url()).pathname.split('/')[2];
  made.push(pid);
  assert.equal(one(`SELECT name FROM leads WHERE pid = ${lit(pid)}`), name.trim());
  const token = await csrf();
  // the rest through the same forms' requests (the browser's own session and cookies)
  const send = (path, form) => api.post(`${BASE}/lead/${pid}/${path}`, { form: { csrf: token, ...form }, maxRedirects: 0 });
  for (const s of BLNS) {
    const r = await send('note', { text: s });
    assert.ok(r.status() === 303 || r.status() === 400, `note ${JSON.stringify(s)}: ${r.status()}`);
  }
  for (const s of SAMPLE) {
    for (const [path, form] of [['task', { text: s }], ['contact', { name: s, title: s }], ['opportunity', { value: '1', value_currency: 'USD', note: s }]]) {
      const r = await send(path, form);
      assert.ok(r.status() === 303 || r.status() === 400, `${path} ${JSON.stringify(s)}: ${r.status()}`);
    }
  }
  const desc = MARKUP.filter((s) => !refusal(s, {})).join('\n');
  assert.equal((await send('edit', { name, url: '', description: desc })).status(), 303);
  // a few typed into the note form by hand
  for (const s of MARKUP.filter((x) => /<script|onerror|javascript:/i.test(x)).slice(0, 5)) {
    await page.goto(`${BASE}/lead/${pid}/`);
    await page.locator('details.note-form > summary').click();
    await page.locator('#note-text').fill(s);
    await Promise.all([page.waitForURL((u) => u.pathname === `/lead/${pid}/`), page.locator('details.note-form button[type="submit"]').click()]);
  }
  // shown: the lead page and every page of its history
  let href = `/lead/${pid}/`;
  let pages = 0;
  while (href) {
    await page.goto(`${BASE}${href}`);
    await page.waitForLoadState('load');
    await assertInert(page, href);
    pages++;
    const more = page.locator('a.load-more');
    href = (await more.count()) ? await more.getAttribute('href') : null;
  }
  // the lead's name in the leads list, and each markup string searched for
  for (const s of MARKUP) {
    await page.goto(`${BASE}/leads?q=${encodeURIComponent(s)}`);
    await assertInert(page, `/leads?q=${JSON.stringify(s)}`);
  }
  // the login form given markup as its email (a fresh context, no session)
  const anon = await browser.newContext();
  const login = await anon.newPage();
  login.on('dialog', (d) => { problems.push(`dialog on /login: ${d.message()}`); d.dismiss().catch(() => {}); });
  login.on('pageerror', (e) => problems.push(`pageerror on /login: ${e.message}`));
  for (const s of MARKUP.slice(0, 15)) {
    await login.goto(`${BASE}/login`);
    await login.evaluate(([v]) => { const e = document.getElementById('email'); e.type = 'text'; e.value = v; }, [s]);
    await login.getByLabel('Password').fill('wrong');
    await Promise.all([login.waitForLoadState('load'), login.getByRole('button', { name: 'Log in' }).click()]);
    await assertInert(login, `login email ${JSON.stringify(s)}`);
  }
  await anon.close();
  await page.waitForTimeout(300);   // let any late handler fire before counting
  assert.deepEqual(problems, [], 'no dialog, page error or console error');
  t.diagnostic(`${BLNS.length} notes, ${SAMPLE.length} markup strings as tasks, contacts and opportunities; ${pages} history pages, ${MARKUP.length} searches`);
  await context.close();
});
