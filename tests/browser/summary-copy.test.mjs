// S5, S8 — in a real browser: ada generates a summary of Globex with
// the offline backend from the lead page, copies it from its More menu (the
// test reads the clipboard: the stored body as plain text) and follows one
// citation to its activity, highlighted on the lead page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { sql } from '../lib/client.mjs';
import { leadPid, lit } from '../lib/http-extra.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
const PASSWORD = 'leadline-demo';
const startId = Number(sql('SELECT COALESCE(MAX(id), 0) FROM summaries')[0][0]);
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
  sql(`DELETE FROM summaries WHERE id > ${startId}`);
});

test('ada generates, copies and follows a citation of a Globex summary', async () => {
  const globex = leadPid('Globex Corporation');
  const origin = new URL(BASE).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Email').fill('ada@northwind.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/leads'),
      page.getByRole('button', { name: 'Log in' }).click()]);
    await page.goto(`${BASE}/lead/${globex}/`);
    // the collapsed panel: expanding it loads the panel view in its frame, with Generate
    await page.locator('#summary').getByText('The summary', { exact: true }).click();
    const frame = page.frameLocator('#summary iframe.summary-frame');
    await frame.getByRole('button', { name: /^(Generate|Regenerate)$/ }).click();
    await frame.locator('.summary-body').waitFor();
    assert.equal(page.url(), `${BASE}/lead/${globex}/`, 'the lead page stays');
    await page.locator('#summary').getByRole('link', { name: 'Show the lead summary' }).click();
    await page.waitForURL((u) => u.pathname === `/lead/${globex}/summary`);
    const body = sql(`SELECT body FROM summaries WHERE lead_id = (SELECT id FROM leads WHERE pid = ${lit(globex)})
      AND id > ${startId} ORDER BY id DESC LIMIT 1`);
    assert.equal(body.length, 1, 'one summary stored');
    await page.getByText('More', { exact: true }).click();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith('Offline summary (generated without a language model)\n'), copied.slice(0, 80));
    // the stored body (the mariadb client shows its newlines as \n)
    assert.equal(copied, body[0][0].replace(/\\n/g, '\n'));
    const cite = page.locator('a.cite').first();
    const href = await cite.getAttribute('href');
    const acti = href.match(/#activityId=(acti_[0-9A-Za-z]{40})$/)[1];
    await cite.click();
    await page.waitForURL((u) => u.pathname === `/lead/${globex}/` && u.hash === `#activityId=${acti}`);
    await page.waitForFunction((id) => {
      const e = document.getElementById(id);
      return e && e.classList.contains('is-linked') && document.activeElement === e;
    }, acti);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// S6: 49 hours after new activity the summary is shown collapsed; expanding
// it regenerates it (the page's script POSTs the form with its CSRF token).
test('expanding a summary outdated for more than 48 hours regenerates it', async () => {
  const globex = leadPid('Globex Corporation');
  const leadId = sql(`SELECT id FROM leads WHERE pid = ${lit(globex)}`)[0][0];
  const count = () => Number(sql(`SELECT COUNT(*) FROM summaries WHERE lead_id = ${leadId} AND id > ${startId}`)[0][0]);
  const lastPid = () => sql(`SELECT pid FROM summaries WHERE lead_id = ${leadId} ORDER BY id DESC LIMIT 1`)[0][0];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const note = `acti_${'S6'.repeat(20)}`;
  try {
    assert.ok(count() >= 1, 'the first test stored a summary');
    sql(`UPDATE summaries SET date_created = UTC_TIMESTAMP(6) - INTERVAL 100 HOUR WHERE lead_id = ${leadId}`);
    sql(`INSERT INTO activities (pid, organization_id, lead_id, type, activity_at, date_created, body_text)
      SELECT ${lit(note)}, organization_id, id, 'note', UTC_TIMESTAMP(6) - INTERVAL 49 HOUR,
        UTC_TIMESTAMP(6) - INTERVAL 49 HOUR, 'S6 browser note' FROM leads WHERE id = ${leadId}`);
    const before = count();
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Email').fill('ada@northwind.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/leads'),
      page.getByRole('button', { name: 'Log in' }).click()]);
    await page.goto(`${BASE}/lead/${globex}/summary`);
    const details = page.locator('details.summary-details');
    assert.equal(await details.getAttribute('data-auto-regenerate'), '1');
    assert.equal(await details.evaluate((d) => d.open), false, 'collapsed');
    assert.equal(count(), before, 'showing it stored nothing');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/lead/${globex}/summary`)),
      page.getByText('Summary of Globex Corporation', { exact: true }).click()]);
    await page.waitForURL((u) => u.pathname === `/lead/${globex}/summary`);
    await page.locator('details.summary-details[open]').waitFor();
    assert.equal(count(), before + 1, 'regenerated once');
    assert.equal(await page.locator('.summary-outdated').count(), 0, 'fresh again');

    // the same on the lead page: expanding its collapsed panel regenerates the stale summary
    sql(`UPDATE summaries SET date_created = UTC_TIMESTAMP(6) - INTERVAL 100 HOUR WHERE lead_id = ${leadId}`);
    const before2 = count();
    await page.goto(`${BASE}/lead/${globex}/`);
    await page.waitForLoadState('networkidle');   // the frame, if it loaded while collapsed, did nothing
    assert.equal(count(), before2, 'the lead page with its collapsed panel stored nothing');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/lead/${globex}/summary`)),
      page.locator('#summary').getByText('The summary', { exact: true }).click()]);
    const frame = page.frameLocator('#summary iframe.summary-frame');
    // the frame shows the new summary: not outdated any more
    await frame.locator('.summary-outdated').waitFor({ state: 'detached' });
    assert.equal(count(), before2 + 1, 'regenerated once by expanding the panel');
    assert.equal(await frame.locator('article.summary').getAttribute('data-summary-id'), lastPid());
    assert.equal(page.url(), `${BASE}/lead/${globex}/`);
    assert.deepEqual(problems, []);
  } finally {
    sql(`DELETE FROM activities WHERE pid = ${lit(note)}`);
    await context.close();
  }
});
