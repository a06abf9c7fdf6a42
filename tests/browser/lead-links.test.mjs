// A1, A2 — activity links in a real browser: ben copies an activity's link
// with "Copy Link" (the test reads the clipboard: <site>/lead/<lead>/#activityId=<acti>),
// and without the Clipboard API the link is in a selected read-only field; ada
// opens the link and sees the activity scrolled to, highlighted and focused;
// cora (Bloom Dental) opening /activity/<acti> gets the 404; a logged-out
// browser opening /activity/<acti> logs in as ben and lands on it highlighted;
// an activity deep in Initech's history opens highlighted on top as the
// linked activity, and "See it in context" shows the history from it on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { sql } from '../lib/client.mjs';
import { leadPid, lit } from '../lib/http-extra.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
const PASSWORD = 'leadline-demo';

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
});

const historyPids = (leadName, where = '') => sql(`SELECT a.pid FROM activities a JOIN leads l ON l.id = a.lead_id
  WHERE l.name = ${lit(leadName)} AND a.deleted_at IS NULL ${where} ORDER BY a.activity_at DESC, a.id DESC`).map((r) => r[0]);

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  return { context, page, problems };
}

async function logIn(page, email) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function loggedIn(email, options) {
  const s = await newPage(options);
  await s.page.goto(`${BASE}/login`);
  await Promise.all([s.page.waitForURL((u) => u.pathname === '/leads'), logIn(s.page, email)]);
  return s;
}

// The activity `id` is highlighted, focused and in the viewport.
async function assertHighlighted(page, selector) {
  const el = page.locator(selector);
  await el.waitFor();
  await page.waitForFunction((sel) => {
    const e = document.querySelector(sel);
    return e && e.classList.contains('is-linked') && document.activeElement === e;
  }, selector);
  const box = await el.boundingBox();
  const vp = page.viewportSize();
  assert.ok(box && box.y < vp.height && box.y + box.height > 0, `${selector} is in view: ${JSON.stringify(box)}`);
}

const globexName = 'Globex Corporation';
let acti;
let link;

test('ben copies an activity\'s link; the date is a link to it', async () => {
  const globex = leadPid(globexName);
  acti = historyPids(globexName)[30];
  const origin = new URL(BASE).origin;
  const { context, page, problems } = await loggedIn('ben@northwind.test');
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.goto(`${BASE}/lead/${globex}/`);
    const li = page.locator(`li#${acti}`);
    assert.equal(await li.locator('a.act-link').getAttribute('href'), `/lead/${globex}/#activityId=${acti}`);
    await li.getByRole('button', { name: 'Copy Link' }).click();
    await li.getByRole('button', { name: 'Copied' }).waitFor();
    link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(link, `${origin}/lead/${globex}/#activityId=${acti}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without the Clipboard API the link is shown in a selected read-only field', async () => {
  const globex = leadPid(globexName);
  const { context, page, problems } = await loggedIn('ben@northwind.test');
  try {
    await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await page.goto(`${BASE}/lead/${globex}/`);
    const li = page.locator(`li#${acti}`);
    await li.getByRole('button', { name: 'Copy Link' }).click();
    const field = li.locator('input.copy-field');
    await field.waitFor();
    assert.equal(await field.inputValue(), link);
    assert.equal(await field.getAttribute('readonly'), '');
    const selected = await page.evaluate(() => {
      const f = document.activeElement;
      return f && f.classList.contains('copy-field') ? f.value.slice(f.selectionStart, f.selectionEnd) : null;
    });
    assert.equal(selected, link);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('ada opens the link: the activity is scrolled to, highlighted and focused', async () => {
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    await page.goto(link);
    await assertHighlighted(page, `li#${acti}`);
    assert.equal(await page.locator('.is-linked').count(), 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('cora (Bloom Dental) opens /activity/<acti>: the 404', async () => {
  const { context, page } = await loggedIn('cora@bloomdental.test');
  try {
    const res = await page.goto(`${BASE}/activity/${acti}`);
    assert.equal(res.status(), 404);
    assert.match(await page.content(), /There is no such activity\./);
    const lead = await page.goto(link);
    assert.equal(lead.status(), 404, 'the lead page too');
  } finally {
    await context.close();
  }
});

test('logged out, /activity/<acti> asks to log in; ben lands on the activity highlighted', async () => {
  const globex = leadPid(globexName);
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${BASE}/activity/${acti}`);
    assert.equal(new URL(page.url()).pathname, '/login');
    await Promise.all([page.waitForURL((u) => u.pathname === `/lead/${globex}/`), logIn(page, 'ben@northwind.test')]);
    assert.equal(new URL(page.url()).hash, `#activityId=${acti}`);
    await assertHighlighted(page, `li#${acti}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// A Copy Link address (/lead/<lead>/#activityId=<acti>) opened logged out:
// the fragment never reaches the server, the browser keeps it through the
// redirect to the login page, and static/login.js carries it into "next".
test('logged out, the Copy Link address asks to log in; after it ben lands on the activity, highlighted', async () => {
  const globex = leadPid(globexName);
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${BASE}/lead/${globex}/#activityId=${acti}`);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.locator('input[name="next"]').inputValue(), `/lead/${globex}/#activityId=${acti}`,
      'the fragment is in the form\'s next');
    await Promise.all([page.waitForURL((u) => u.pathname === `/lead/${globex}/`), logIn(page, 'ben@northwind.test')]);
    assert.equal(new URL(page.url()).hash, `#activityId=${acti}`);
    await assertHighlighted(page, `li#${acti}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an activity deep in Initech\'s history opens highlighted on top as the linked activity; "See it in context" shows the history from it', async () => {
  const initech = leadPid('Initech (archive)');
  const deep = sql(`SELECT a.pid FROM activities a WHERE a.lead_id = (SELECT id FROM leads WHERE pid = ${lit(initech)})
    AND a.deleted_at IS NULL ORDER BY a.activity_at DESC, a.id DESC LIMIT 1 OFFSET 60000`)[0][0];
  const { context, page, problems } = await loggedIn('ben@northwind.test');
  try {
    await page.goto(`${BASE}/lead/${initech}/#activityId=${deep}`);
    assert.equal(await page.locator(`li#${deep}`).count(), 0, 'not on the first page');
    await assertHighlighted(page, `#linked-${deep}`);
    const linked = page.locator('#linked-activity');
    assert.match(await linked.innerText(), /Linked activity/i);
    // on top of the history
    const above = await page.evaluate(() => {
      const l = document.getElementById('linked-activity');
      const h = document.getElementById('history-list');
      return Boolean(l.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(above, 'the linked activity stands above the history');
    await Promise.all([page.waitForURL((u) => u.searchParams.has('before')),
      linked.getByRole('link', { name: 'See it in context' }).click()]);
    const first = await page.locator('#history-list ol.acts > li').first().getAttribute('id');
    assert.equal(first, deep, 'the history starts with it');
    await assertHighlighted(page, `li#${deep}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the date stands where Close puts it: bottom of calls, SMS, notes and custom activities; right of emails; under a meeting\'s name', async () => {
  const globex = leadPid(globexName);
  const { context, page, problems } = await loggedIn('ben@northwind.test');
  try {
    await page.goto(`${BASE}/lead/${globex}/`);
    const where = await page.evaluate(() => {
      const out = {};
      for (const li of document.querySelectorAll('#history-list ol.acts > li')) {
        const type = li.className.match(/act-([a-z_]+)/)[1];
        if (out[type]) continue;
        const body = li.querySelector('.act-body');
        const date = body.querySelector(':scope > .act-date');
        if (!date) { out[type] = 'none'; continue; }
        const d = date.getBoundingClientRect();
        const b = body.getBoundingClientRect();
        const subject = body.querySelector(':scope > .subject');
        const s = subject && subject.getBoundingClientRect();
        if (date === body.lastElementChild && d.bottom >= b.bottom - 2) out[type] = 'bottom';
        else if (type === 'email' && d.left > b.left + b.width / 2 && d.top <= s.bottom) out[type] = 'right';
        else if (subject && date.previousElementSibling === subject && d.top >= s.bottom - 1) out[type] = 'below-name';
        else out[type] = 'elsewhere';
      }
      return out;
    });
    // the page shows one of each type (the fixture), each date where A1 puts it
    for (const t of ['call', 'sms', 'note', 'custom']) assert.equal(where[t], 'bottom', `${t}: ${JSON.stringify(where)}`);
    assert.equal(where.email, 'right', JSON.stringify(where));
    assert.equal(where.meeting, 'below-name', JSON.stringify(where));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
