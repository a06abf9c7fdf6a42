// The lead page in a real browser (Debian's chromium driven by playwright-core):
// the status changed from the top right shows at the top of the history (L1);
// the history filter switches to calls without reloading the page, the address
// follows and Back returns (L4); "Load more" appends the next page in place,
// and without JavaScript it is a plain link (L3); Globex at 1280×800 has two
// columns with the status at the top right and at 390×844 and 320 px one
// readable column (screenshots in tests/out/); axe-core finds no serious or
// critical violation; no console error, page error or dialog on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { sql } from '../lib/client.mjs';
import { leadPid, one, lit } from '../lib/http-extra.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'leadline-demo';

let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
});

// A logged-in page that records every page error, console error and dialog.
async function loggedIn(email, { viewport = { width: 1280, height: 800 }, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url || 'no url'})`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog (${d.type()}): ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.goto(`${BASE}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/leads'),
    page.getByRole('button', { name: 'Log in' }).click(),
  ]);
  return { context, page, problems };
}

const historyIds = (page) => page.locator('#history-list ol.acts > li').evaluateAll((lis) => lis.map((li) => li.id));
const historyPids = (leadName, where = '') => sql(`SELECT a.pid FROM activities a JOIN leads l ON l.id = a.lead_id
  WHERE l.name = ${lit(leadName)} AND a.deleted_at IS NULL ${where} ORDER BY a.activity_at DESC, a.id DESC`).map((r) => r[0]);

test('the status is changed at the top right and the change shows at the top of the history', async () => {
  const lead = 'Helios Solar Systems';
  const pid = leadPid(lead);
  const { context, page, problems } = await loggedIn('ben@northwind.test');
  try {
    await page.goto(`${BASE}/lead/${pid}/`);
    const current = (await page.locator('.lead-status .status').innerText()).trim();
    const select = page.getByLabel('Change status to');
    const options = await select.locator('option').allInnerTexts();
    const target = options.find((o) => o !== current);
    await select.selectOption({ label: target });
    await Promise.all([
      page.waitForURL(`${BASE}/lead/${pid}/`, { waitUntil: 'load' }),
      page.locator('form.lead-status[action$="/status"]').getByRole('button', { name: 'Change' }).click(),
    ]);
    assert.equal((await page.locator('.lead-status .status').innerText()).trim(), target);
    const top = page.locator('#history-list ol.acts > li').first();
    assert.match(await top.getAttribute('class'), /act-lead_status_change/);
    assert.match(await top.innerText(), new RegExp(`${current}\\s*→\\s*${target}`));
    assert.match(await top.innerText(), /Ben Okafor/);
    assert.equal(await select.inputValue(), one(`SELECT s.pid FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE l.pid = ${lit(pid)}`));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the filter switches the history to calls without reloading; the address follows; Back returns', async () => {
  const lead = 'Globex Corporation';
  const pid = leadPid(lead);
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    await page.goto(`${BASE}/lead/${pid}/`);
    let loads = 0;
    page.on('load', () => { loads++; });
    await page.evaluate(() => { window.__sameDocument = 'yes'; });
    const before = await historyIds(page);
    assert.deepEqual(before, historyPids(lead).slice(0, 50));

    await page.locator('.filter summary').click();
    const calls = page.getByRole('checkbox', { name: /^Calls \d+$/ });
    await calls.check();
    await page.waitForURL((u) => u.searchParams.getAll('type').join() === 'call');
    const wantCalls = historyPids(lead, "AND a.type = 'call'").slice(0, 50);
    await page.waitForFunction((first) => document.querySelector('#history-list ol.acts > li')?.id === first, wantCalls[0]);
    assert.deepEqual(await historyIds(page), wantCalls, 'only calls, newest first');
    assert.equal(await page.evaluate(() => window.__sameDocument), 'yes', 'the same document: no reload');
    assert.equal(loads, 0, 'no load event');
    assert.equal((await page.locator('.filter-label').innerText()).trim(), 'Calls');

    await page.goBack();
    await page.waitForURL(`${BASE}/lead/${pid}/`);
    await page.waitForFunction((first) => document.querySelector('#history-list ol.acts > li')?.id === first, before[0]);
    assert.deepEqual(await historyIds(page), before, 'Back shows all activities again');
    assert.equal(await calls.isChecked(), false);
    assert.equal(await page.evaluate(() => window.__sameDocument), 'yes');
    assert.equal(loads, 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('"Load more" appends the next 50 in place and moves the focus to the first of them', async () => {
  const lead = 'Globex Corporation';
  const pid = leadPid(lead);
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    await page.goto(`${BASE}/lead/${pid}/`);
    await page.evaluate(() => { window.__sameDocument = 'yes'; });
    const want = historyPids(lead);
    await page.getByRole('link', { name: 'Load more' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#history-list ol.acts > li').length === 100);
    assert.deepEqual(await historyIds(page), want.slice(0, 100));
    assert.equal(await page.evaluate(() => document.activeElement?.id), want[50], 'focus on the first new activity');
    assert.equal(await page.evaluate(() => window.__sameDocument), 'yes');
    assert.equal(new URL(page.url()).search, '', 'the address stays');
    await page.getByRole('link', { name: 'Load more' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#history-list ol.acts > li').length === 150);
    assert.deepEqual(await historyIds(page), want.slice(0, 150));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without JavaScript the filter form and "Load more" work as a form and a link', async () => {
  const lead = 'Globex Corporation';
  const pid = leadPid(lead);
  const { context, page, problems } = await loggedIn('ada@northwind.test', { javaScriptEnabled: false });
  try {
    await page.goto(`${BASE}/lead/${pid}/`);
    await page.locator('.filter summary').click();
    await page.getByRole('checkbox', { name: /^Notes \d+$/ }).check();
    await page.getByRole('checkbox', { name: /^SMS \d+$/ }).check();
    await Promise.all([page.waitForURL(/type=/), page.getByRole('button', { name: 'Apply' }).click()]);
    assert.deepEqual(new URL(page.url()).searchParams.getAll('type').sort(), ['note', 'sms']);
    const want = historyPids(lead, "AND a.type IN ('note', 'sms')");
    assert.deepEqual(await historyIds(page), want.slice(0, 50));
    await Promise.all([page.waitForURL(/before=/), page.getByRole('link', { name: 'Load more' }).click()]);
    assert.deepEqual(await historyIds(page), want.slice(50, 100));
    assert.deepEqual(new URL(page.url()).searchParams.getAll('type').sort(), ['note', 'sms'], 'the filter is kept');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Globex looks like Close: two columns at 1280×800 with the status at the top right, one readable column at 390 and 320 px', async () => {
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    await page.goto(`${BASE}/lead/${leadPid('Globex Corporation')}/`);
    await page.screenshot({ path: path.join(OUT, 'lead-globex-1280.png') });
    await page.screenshot({ path: path.join(OUT, 'lead-globex-1280-full.png'), fullPage: true });
    const box = async (sel) => page.locator(sel).first().boundingBox();
    let side = await box('.lead-side');
    let history = await box('.history');
    const head = await box('.lead-head');
    const status = await box('.lead-status');
    const title = await box('.lead-title h1');
    assert.ok(side.x + side.width <= history.x, 'the left column is left of the history');
    assert.ok(Math.abs(side.y - history.y) < 5, 'side by side');
    assert.ok(side.width > 0.25 * (side.width + history.width) && side.width < 0.42 * (side.width + history.width),
      `the left column is about a third (${side.width} of ${side.width + history.width})`);
    assert.ok(status.x + status.width > head.x + head.width - 40 && status.x > head.x + head.width / 2, 'status on the right');
    assert.ok(status.y < title.y + title.height, 'status at the top');

    for (const [width, height] of [[390, 844], [320, 640]]) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: path.join(OUT, `lead-globex-${width}.png`) });
      if (width === 390) await page.screenshot({ path: path.join(OUT, 'lead-globex-390-full.png'), fullPage: true });
      side = await box('.lead-side');
      history = await box('.history');
      assert.ok(history.y >= side.y + side.height, `${width} px: the history below the left column`);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= width + 1, `${width} px: no horizontal scroll (${scroll})`);
      const fontSize = await page.locator('.act .body-text').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(fontSize >= 14, `${width} px: readable text (${fontSize}px)`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('keyboard: the status select, its button, the filter and "Load more" are reachable with Tab', async () => {
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    await page.goto(`${BASE}/lead/${leadPid('Globex Corporation')}/`);
    const reached = new Set();
    for (let i = 0; i < 400 && reached.size < 4; i++) {
      await page.keyboard.press('Tab');
      const which = await page.evaluate(() => {
        const el = document.activeElement;
        if (el.id === 'status-select') return 'select';
        if (el.closest('.lead-status') && el.tagName === 'BUTTON') return 'change';
        if (el.tagName === 'SUMMARY' && el.closest('.filter')) return 'filter';
        if (el.classList.contains('load-more')) return 'more';
        return null;
      });
      if (which) reached.add(which);
    }
    assert.deepEqual([...reached].sort(), ['change', 'filter', 'more', 'select']);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('axe-core finds no serious or critical violation on the lead page, filter open', async () => {
  // axe is injected as an inline script: this context alone bypasses the CSP for it
  const { context, page, problems } = await loggedIn('ada@northwind.test', { bypassCSP: true });
  try {
    for (const q of ['', '?type=email']) {
      await page.goto(`${BASE}/lead/${leadPid('Globex Corporation')}/${q}`);
      await page.locator('.filter summary').click();
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(bad, [], `axe on ${q || 'the page'}`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
