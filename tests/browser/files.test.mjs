// F2, F3 — the files tab in a real browser: ada opens Globex's files,
// ticks "PDF" and presses Filter (a plain GET form: the page reloads with
// ?category=pdf, no script involved), sees only PDFs with the counts, reads
// the envelope's hover text of the proposal (title: "Email of <its date>:
// <its subject>"), clicks the envelope and lands on the lead page with that
// email scrolled to, highlighted and focused (its permalink #activityId=).
// And F4 through the lead page's own form: ada writes a note with two files
// chosen in its file input (a plain multipart form post), then follows "Share
// a file with the lead" to the tab, where both are listed with the note.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql, VAR } from '../lib/client.mjs';
import { leadPid, lit, one } from '../lib/http-extra.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
const PASSWORD = 'leadline-demo';
const GLOBEX = leadPid('Globex Corporation');
const PROPOSAL = 'Northwind Proposal – Globex Corporation.pdf';

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

async function loggedIn(email) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.goto(`${BASE}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/leads'),
    page.getByRole('button', { name: 'Log in' }).click()]);
  return { context, page, problems };
}

test('Globex files filtered to PDFs; the envelope tells the email\'s date and subject; clicking it opens that email highlighted', async () => {
  const pdfs = sql(`SELECT f.name FROM files f JOIN leads l ON l.id = f.lead_id WHERE l.pid = ${lit(GLOBEX)} AND f.category = 'pdf'
    ORDER BY f.date_received DESC, f.id DESC`).map((r) => r[0]);
  assert.ok(pdfs.length >= 2 && pdfs.includes(PROPOSAL), 'the demo has Globex PDFs, among them the proposal');
  const viaEmail = Number(one(`SELECT COUNT(*) FROM files f JOIN leads l ON l.id = f.lead_id JOIN activity_files af ON af.file_id = f.id
    JOIN activities a ON a.id = af.activity_id WHERE l.pid = ${lit(GLOBEX)} AND f.category = 'pdf' AND a.type = 'email'`));
  assert.ok(viaEmail >= 2, 'the demo has Globex PDFs attached to emails');
  const [acti, subject] = sql(`SELECT a.pid, a.subject FROM files f JOIN activity_files af ON af.file_id = f.id
    JOIN activities a ON a.id = af.activity_id WHERE f.name = ${lit(PROPOSAL)}`)[0];

  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    await page.goto(`${BASE}/lead/${GLOBEX}/files`);
    const all = await page.locator('tr.file').count();
    assert.ok(all > pdfs.length, 'the tab lists more than the PDFs before filtering');

    // the filter is a plain form: checking the box and pressing Filter loads the filtered page
    await page.getByRole('checkbox', { name: /^PDF/ }).check();
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/lead/${GLOBEX}/files` && u.searchParams.getAll('category').join() === 'pdf'),
      page.getByRole('button', { name: 'Filter' }).click(),
    ]);
    assert.ok(await page.getByRole('checkbox', { name: /^PDF/ }).isChecked(), 'the filter is shown as applied');
    const names = await page.locator('tr.file a.file-name').allInnerTexts();
    assert.deepEqual(names, pdfs, 'only the PDFs, newest received first');
    assert.deepEqual([...new Set(await page.locator('tr.file .file-cat').allInnerTexts())], ['pdf']);
    assert.equal(await page.locator('.count[data-category="pdf"]').innerText(), `(${pdfs.length})`);

    // the envelope of the proposal: its hover text is the email's date and subject
    const row = page.locator('tr.file', { has: page.locator('a.file-name', { hasText: PROPOSAL }) });
    const envelope = row.locator('a.source-email');
    assert.equal(await envelope.count(), 1);
    assert.equal((await envelope.innerText()).trim(), '✉ Email');
    await envelope.hover();
    const received = (await row.locator('time').innerText()).trim();
    assert.equal(await envelope.getAttribute('title'), `Email of ${received}: ${subject}`);

    // clicking it opens the email in the lead's history, highlighted and focused
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/lead/${GLOBEX}/` && u.hash === `#activityId=${acti}`),
      envelope.click(),
    ]);
    await page.waitForFunction((id) => {
      const e = document.querySelector('.is-linked');
      return e && (e.id === id || e.id === `linked-${id}`) && document.activeElement === e;
    }, acti);
    const linked = page.locator('.is-linked');
    assert.equal(await linked.count(), 1);
    assert.ok((await linked.innerText()).includes(subject), 'the highlighted activity is that email');
    const box = await linked.boundingBox();
    assert.ok(box && box.y < 800 && box.y + box.height > 0, `in view: ${JSON.stringify(box)}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('ada writes a note with two files through the lead page\'s form; both are on the files tab with the note as their source', async () => {
  const lumen = leadPid('Lumen Labs');
  const stamp = `${Date.now()}`;
  const files = [
    { name: `agenda-${stamp}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`Agenda ${stamp}\n`) },
    { name: `notes-${stamp}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`a,b\n1,${stamp}\n`) },
  ];
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    await page.goto(`${BASE}/lead/${lumen}/`);
    await page.locator('.act-forms summary', { hasText: 'Write a note' }).click();
    await page.locator('#note-text').fill(`Kickoff notes ${stamp}`);
    await page.locator('#note-file').setInputFiles(files);
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/lead/${lumen}/` && /^#acti_\w{40}$/.test(u.hash)),
      page.getByRole('button', { name: 'Save note' }).click(),
    ]);
    const acti = new URL(page.url()).hash.slice(1);
    await page.getByRole('link', { name: 'Share a file with the lead' }).click();
    await page.waitForURL((u) => u.pathname === `/lead/${lumen}/files`);
    for (const f of files) {
      const row = page.locator('tr.file', { has: page.locator('a.file-name', { hasText: f.name }) });
      assert.equal(await row.count(), 1, `${f.name} is listed`);
      assert.equal(await row.locator('a.source-note').getAttribute('href'), `/lead/${lumen}/#activityId=${acti}`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    for (const f of files) {
      const h = createHash('sha256').update(f.buffer).digest('hex');
      sql(`DELETE af FROM activity_files af JOIN files f ON f.id = af.file_id WHERE f.sha256 = ${lit(h)}`);
      sql(`DELETE FROM files WHERE sha256 = ${lit(h)}`);
      rmSync(`${VAR}/files/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`, { force: true });
    }
  }
});
