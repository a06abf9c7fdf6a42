// L9 in a real browser (Debian's chromium through playwright-core): ada
// opens the import from the leads list, uploads a CSV with the labelled file
// field, sees each column's guessed target on the mapping step, changes one
// (Title: Do not import), starts the import and, without any script, sees
// the page reload itself into the report: leads created and merged, contacts
// created, the skipped row with its line and reason. No script error,
// console error or dialog on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { sql } from '../lib/client.mjs';
import { cleanupZz } from '../lib/import.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');
const CSV = [
  'Company,Contact Name,Title,Email',
  'Zz Browser Co,Zz Bea Browser,Buyer,bea@browser.example',
  '"Zz Browser Co",Zz Ben Browser,CTO,ben@browser.example',
  'Globex Corporation,Zz Gus Browser,,gus@browser.example',
  ',Zz No Company,,nc@browser.example',
  '',
].join('\r\n');

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
  cleanupZz();
});

test('ada imports a CSV through the mapping step and reads the report', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  try {
    await page.goto(`${BASE}/login?next=/leads`);
    await page.getByLabel('Email').fill('ada@northwind.test');
    await page.getByLabel('Password').fill('leadline-demo');
    await Promise.all([page.waitForURL((u) => u.pathname === '/leads'), page.getByRole('button', { name: 'Log in' }).click()]);
    await Promise.all([page.waitForURL((u) => u.pathname === '/import'), page.getByRole('link', { name: 'Import a CSV file' }).click()]);
    await page.getByLabel('CSV file').setInputFiles({ name: 'browser.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await Promise.all([
      page.waitForURL((u) => /^\/import\/impo_[0-9A-Za-z]{40}\/$/.test(u.pathname)),
      page.getByRole('button', { name: 'Upload' }).click(),
    ]);
    await page.getByRole('heading', { name: 'What each column becomes' }).waitFor();
    assert.equal(await page.getByLabel('Company').inputValue(), 'lead_name');
    assert.equal(await page.getByLabel('Contact Name').inputValue(), 'contact_name');
    assert.equal(await page.getByLabel('Email').inputValue(), 'email');
    assert.equal(await page.getByLabel('Title').inputValue(), 'title');
    await page.getByLabel('Title').selectOption('ignore');
    await page.screenshot({ path: path.join(OUT, 'browser-import-mapping.png'), fullPage: true });
    await page.getByRole('button', { name: /^Import 4 rows$/ }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 30000 });
    const dd = async (cls) => (await page.locator(`dd.${cls}`).innerText()).trim();
    assert.equal(await dd('rows-done'), '4 of 4');
    assert.equal(await dd('leads-created'), '1');
    assert.equal(await dd('leads-merged'), '1');
    assert.equal(await dd('contacts-created'), '3');
    assert.equal(await dd('rows-skipped'), '1');
    const skip = page.locator('table.skips tbody tr');
    assert.equal(await skip.count(), 1);
    assert.equal((await skip.locator('.line').innerText()).trim(), '5');
    assert.match(await skip.locator('.reason').innerText(), /No company/);
    await page.screenshot({ path: path.join(OUT, 'browser-import-report.png'), fullPage: true });
    const titles = sql("SELECT COUNT(*) FROM contacts WHERE name LIKE 'Zz B% Browser' AND title IS NOT NULL")[0][0];
    assert.equal(titles, '0', 'the ignored Title column was not imported');
    await Promise.all([page.waitForURL((u) => u.pathname === '/leads'), page.getByRole('link', { name: 'See the leads' }).click()]);
    await page.getByLabel('Search leads').fill('Zz Browser');
    await Promise.all([page.waitForURL((u) => u.search.includes('q=')), page.getByRole('button', { name: 'Search' }).click()]);
    assert.equal(await page.getByRole('link', { name: 'Zz Browser Co', exact: true }).count(), 1, 'the new lead is found');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
