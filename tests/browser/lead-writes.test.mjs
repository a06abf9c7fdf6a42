// The lead page's writes in a real browser (L5, L6; Debian's chromium driven by
// playwright-core): a note written from the history's tabs shows on top of the
// history; a task completed with its round check leaves the open tasks and a
// task-completed activity appears; a logged email shows; on a Bloom Dental
// (B2C) lead a second contact is refused with its message; invalid input shows
// the form open with a message under the field. axe-core finds no serious or
// critical violation with a form open and its errors shown; no console error,
// page error or dialog on the way. Screenshots: tests/out/lead-forms-1280.png
// and lead-forms-390.png. Every test works on leads it creates through the
// "New lead" form of /leads and deletes them after, so the demo data stays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { sql } from '../lib/client.mjs';
import { one, lit } from '../lib/http-extra.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'leadline-demo';

let browser;
const made = [];

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
  for (const pid of made) {
    const id = one(`SELECT id FROM leads WHERE pid = ${lit(pid)}`);
    if (!id) continue;
    sql(`SET FOREIGN_KEY_CHECKS = 0;
      DELETE FROM activity_custom_values WHERE activity_id IN (SELECT id FROM activities WHERE lead_id = ${id});
      DELETE FROM activities WHERE lead_id = ${id}; DELETE FROM lead_activity_counts WHERE lead_id = ${id};
      DELETE FROM tasks WHERE lead_id = ${id}; DELETE FROM opportunities WHERE lead_id = ${id};
      DELETE FROM contact_emails WHERE contact_id IN (SELECT id FROM contacts WHERE lead_id = ${id});
      DELETE FROM contact_phones WHERE contact_id IN (SELECT id FROM contacts WHERE lead_id = ${id});
      DELETE FROM contacts WHERE lead_id = ${id}; DELETE FROM lead_custom_values WHERE lead_id = ${id};
      DELETE FROM leads WHERE id = ${id}; SET FOREIGN_KEY_CHECKS = 1;`);
  }
});

// A logged-in page that records every page error, console error and dialog.
async function loggedIn(email, { viewport = { width: 1280, height: 800 }, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[09]/.test(m.text())) {
      problems.push(`console error: ${m.text()} (${m.location().url || 'no url'})`);
    }
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

// A new lead through /leads' "New lead" form; the browser ends on its page.
async function newLead(page, name) {
  await page.goto(`${BASE}/leads`);
  await page.locator('details.new-lead > summary').click();
  await page.locator('#new-name').fill(name);
  await Promise.all([
    page.waitForURL((u) => /^\/lead\/lead_[^/]+\/$/.test(u.pathname)),
    page.getByRole('button', { name: 'Create lead' }).click(),
  ]);
  const pid = new URL(page.url()).pathname.split('/')[2];
  made.push(pid);
  assert.equal(one(`SELECT name FROM leads WHERE pid = ${lit(pid)}`), name);
  return pid;
}

// Submits the form of this action and waits for the page it leads to; its status.
async function submit(page, action, button) {
  const form = page.locator(`form[action$="${action}"]`);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(action)),
    form.getByRole('button', { name: button }).click(),
  ]);
  await page.waitForLoadState('load');
  return res.status();
}

const firstAct = (page) => page.locator('#history-list ol.acts > li').first();

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a note from the history\'s tabs shows on top of the history', async () => {
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    const pid = await newLead(page, 'Browser Writes Note');
    await page.locator('.act-forms summary', { hasText: 'Write a note' }).click();
    await page.locator('#note-text').fill('Asked for the pricing sheet & a demo');
    assert.equal(await submit(page, `/lead/${pid}/note`, 'Save note'), 303);
    const first = firstAct(page);
    assert.match(await first.getAttribute('class'), /\bact-note\b/);
    assert.match(await first.innerText(), /Asked for the pricing sheet & a demo/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a task completed with its round check leaves the open tasks and a task-completed activity appears', async () => {
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    const pid = await newLead(page, 'Browser Writes Task');
    await page.locator('.tasks summary', { hasText: '+ Task' }).click();
    await page.locator('#task-text').fill('Send the contract');
    assert.equal(await submit(page, `/lead/${pid}/task`, 'Add task'), 303);
    const tasks = page.locator('.tasks .items > li.task');
    assert.equal(await tasks.count(), 1);
    const check = page.getByRole('button', { name: 'Complete: Send the contract' });
    const box = await check.boundingBox();
    const text = await page.locator('.tasks .task-text').boundingBox();
    assert.ok(box.x + box.width <= text.x, 'the check is beside the text, before it');
    assert.ok(Math.abs(box.y - text.y) < 12, `the check is on the text's line (${box.y}, ${text.y})`);
    assert.ok(Math.abs(box.width - box.height) < 1, 'the check is round (as wide as high)');
    const taskPid = await tasks.first().getAttribute('id');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/task/${taskPid}/complete`)),
      check.click(),
    ]);
    assert.equal(res.status(), 303);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('.tasks .items > li.task').count(), 0);
    assert.match(await page.locator('.tasks .none').innerText(), /No open tasks/);
    const first = firstAct(page);
    assert.match(await first.getAttribute('class'), /\bact-task_completed\b/);
    assert.match(await first.innerText(), /Send the contract/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a logged email shows on top of the history', async () => {
  const { context, page, problems } = await loggedIn('ada@northwind.test');
  try {
    const pid = await newLead(page, 'Browser Writes Email');
    await page.locator('.act-forms summary', { hasText: 'Log email' }).click();
    await page.locator('#email-direction').selectOption('outgoing');
    await page.locator('#email-subject').fill('Proposal for Q3');
    await page.locator('#email-sender').fill('ada@northwind.test');
    await page.locator('#email-to').fill('buyer@example.test');
    await page.locator('#email-body_text').fill('Hello,\nthe proposal is attached.');
    assert.equal(await submit(page, `/lead/${pid}/email`, 'Log email'), 303);
    const first = firstAct(page);
    assert.match(await first.getAttribute('class'), /\bact-email\b/);
    const t = await first.innerText();
    assert.match(t, /Proposal for Q3/);
    assert.match(t, /the proposal is attached/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Bloom Dental (B2C): a second contact is refused and the message shows in the open form', async () => {
  const { context, page, problems } = await loggedIn('cora@bloomdental.test');
  try {
    const pid = await newLead(page, 'Robin Browserwrites');
    assert.equal(await page.locator('.contacts .items > li.contact').count(), 1, 'a B2C lead has its one contact');
    await page.locator('.contacts summary', { hasText: '+ Contact' }).click();
    await page.locator('#contact-new-name').fill('Second Person');
    assert.equal(await submit(page, `/lead/${pid}/contact`, 'Add contact'), 409);
    const form = page.locator('details.contact-form');
    assert.equal(await form.getAttribute('open'), '');
    const msg = form.locator('.form-error').first();
    assert.ok(await msg.isVisible(), 'the message is shown');
    assert.ok((await msg.innerText()).trim().length > 0);
    assert.equal(await page.locator('.contacts .items > li.contact').count(), 1);
    assert.equal(Number(one(`SELECT COUNT(*) FROM contacts c JOIN leads l ON l.id = c.lead_id WHERE l.pid = ${lit(pid)}`)), 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

for (const [width, height] of [[1280, 800], [390, 844]]) {
  test(`${width}×${height}: a form open with its errors: messages under their fields, no serious axe violation, screenshot`, async () => {
    // axe is injected as an inline script: this context alone bypasses the CSP for it
    const { context, page, problems } = await loggedIn('ada@northwind.test', { viewport: { width, height }, bypassCSP: true });
    try {
      const pid = await newLead(page, `Browser Writes Errors ${width}`);
      await page.locator('.act-forms summary', { hasText: 'Log email' }).click();
      await page.locator('#email-subject').fill('Kept subject');
      await page.locator('#email-sender').fill('not-an-address');
      // the browser's own check of type=email is skipped: the server's answer is the test
      await page.locator('details.email-form > form').evaluate((f) => { f.noValidate = true; });
      await page.locator('#email-to').fill('a@b.test');
      assert.equal(await submit(page, `/lead/${pid}/email`, 'Log email'), 400);
      const input = page.locator('#email-sender');
      const err = page.locator('#email-sender-err');
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      assert.ok(await err.isVisible());
      assert.equal(await page.locator('#email-subject').inputValue(), 'Kept subject');
      const ib = await input.boundingBox();
      const eb = await err.boundingBox();
      assert.ok(eb.y >= ib.y + ib.height - 1, 'the message is under its field');
      assert.equal(await err.evaluate((e) => getComputedStyle(e).color), 'rgb(179, 38, 30)');
      const lb = await page.locator('label[for="email-sender"]').boundingBox();
      assert.ok(lb.y + lb.height <= ib.y + 1, 'the label is above its input');
      if (width === 390) {
        const card = await page.locator('details.email-form > form').boundingBox();
        assert.ok(ib.width >= card.width - 2 * 16 - 4, `the input takes the card's width (${ib.width} of ${card.width})`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no horizontal scroll (${overflow} px)`);
      }
      // the tabs: one row of summaries (two at most at 390 px), the open form a card below them
      const tabs = await page.locator('.act-forms > details > summary').evaluateAll((ss) => ss.map((s) => s.getBoundingClientRect().top));
      const rows = tabs.sort((a, b) => a - b).filter((t, i) => i === 0 || t - tabs[i - 1] > 8).length;
      assert.ok(rows <= (width === 390 ? 3 : 1), `the tabs take ${rows} rows`);
      const card = await page.locator('details.email-form > form').boundingBox();
      assert.ok(card.y >= Math.max(...tabs), 'the open form is under the tabs');
      await page.locator('details.email-form > summary').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -60));
      assert.deepEqual(await axe(page), []);
      await page.screenshot({ path: path.join(OUT, `lead-forms-${width}.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

// C3 without JavaScript's dialog: a task's Edit leads to its own page, each
// removal link to a confirm page (opened as a browser without JavaScript
// follows it); every new screen at 1440 and 375 px, no serious
// axe violation, no horizontal scroll, screenshots.
for (const [width, height] of [[1440, 900], [375, 812]]) {
  test(`${width}×${height}: C3: edit a task on its page, delete it and remove a contact through confirm pages; screenshots`, async () => {
    const { context, page, problems } = await loggedIn('ada@northwind.test', { viewport: { width, height }, bypassCSP: true });
    const noScroll = async (what) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll (${overflow} px)`);
    };
    try {
      const pid = await newLead(page, `Browser C3 ${width}`);
      await page.locator('details.task-form > summary').click();
      await page.locator('#task-text').fill('Send the quote');
      assert.equal(await submit(page, `/lead/${pid}/task`, 'Add task'), 303);
      await page.locator('details.contact-form > summary').click();
      await page.locator('#contact-new-name').fill('Removable Person');
      assert.equal(await submit(page, `/lead/${pid}/contact`, 'Add contact'), 303);
      await page.locator('details.opp-form > summary').click();
      await page.locator('#opp-new-value').fill('1200');
      assert.equal(await submit(page, `/lead/${pid}/opportunity`, 'Add opportunity'), 303);
      const task = page.locator('li.task').first();
      assert.ok(await task.locator('a.act-edit-link').isVisible(), 'the task has Edit');
      assert.ok(await task.locator('a.act-delete-link').isVisible(), 'and Delete');
      assert.ok(await page.locator('li.opp a.act-delete-link').isVisible(), 'the opportunity has Delete');
      await noScroll('the lead page');
      await page.locator('section.tasks').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(OUT, `c3-lead-${width}.png`), fullPage: true });
      // Edit: its own page, the stored text, saved
      await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/edit')), task.locator('a.act-edit-link').click()]);
      assert.equal(await page.locator('#edit-text').inputValue(), 'Send the quote');
      await noScroll('the task edit page');
      assert.deepEqual(await axe(page), []);
      await page.screenshot({ path: path.join(OUT, `c3-task-edit-${width}.png`), fullPage: true });
      await page.locator('#edit-text').fill('Send the final quote');
      await page.locator('#edit-due_date').fill('2031-05-06');
      await Promise.all([page.waitForURL((u) => /^\/lead\/lead_[^/]+\/$/.test(u.pathname)), page.getByRole('button', { name: 'Save' }).click()]);
      assert.match(await page.locator('li.task').first().textContent(), /Send the final quote/);
      // Delete: the confirm page, then gone
      // (the link as followed without JavaScript: lead.js would open the dialog below)
      await page.goto(new URL(await page.locator('li.task a.act-delete-link').first().getAttribute('href'), page.url()).href);
      assert.match(await page.locator('h1').textContent(), /Delete this task\?/);
      await noScroll('the confirm page');
      assert.deepEqual(await axe(page), []);
      await page.screenshot({ path: path.join(OUT, `c3-confirm-${width}.png`), fullPage: true });
      await Promise.all([page.waitForURL((u) => /^\/lead\/lead_[^/]+\/$/.test(u.pathname)), page.getByRole('button', { name: 'Delete' }).click()]);
      assert.equal(await page.locator('li.task').count(), 0);
      // Remove a contact: the confirm page first
      await page.goto(new URL(await page.getByRole('link', { name: 'Remove Removable Person' }).getAttribute('href'), page.url()).href);
      assert.equal(Number(one(`SELECT COUNT(*) FROM contacts c JOIN leads l ON l.id = c.lead_id WHERE l.pid = ${lit(pid)}`)), 1, 'nothing removed yet');
      await Promise.all([page.waitForURL((u) => /^\/lead\/lead_[^/]+\/$/.test(u.pathname)), page.getByRole('button', { name: 'Remove' }).click()]);
      assert.equal(Number(one(`SELECT COUNT(*) FROM contacts c JOIN leads l ON l.id = c.lead_id WHERE l.pid = ${lit(pid)}`)), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

// C3 with JavaScript: a removal asks in a dialog holding the confirm page's
// form; Cancel (and Escape) change nothing; the dialog's button removes.
for (const [width, height] of [[1440, 900], [375, 812]]) {
  test(`${width}×${height}: C3: Delete and Remove ask in a dialog; Cancel and Escape keep, the button removes; screenshot`, async () => {
    const { context, page, problems } = await loggedIn('ada@northwind.test', { viewport: { width, height }, bypassCSP: true });
    const count = (table) => Number(one(`SELECT COUNT(*) FROM ${table} x JOIN leads l ON l.id = x.lead_id WHERE l.pid = ${lit(pid)}`));
    let pid;
    try {
      pid = await newLead(page, `Browser C3 dialog ${width}`);
      await page.locator('details.task-form > summary').click();
      await page.locator('#task-text').fill('Call back Tuesday');
      assert.equal(await submit(page, `/lead/${pid}/task`, 'Add task'), 303);
      await page.locator('details.opp-form > summary').click();
      await page.locator('#opp-new-value').fill('900');
      assert.equal(await submit(page, `/lead/${pid}/opportunity`, 'Add opportunity'), 303);
      await page.locator('details.contact-form > summary').click();
      await page.locator('#contact-new-name').fill('Dialog Person');
      assert.equal(await submit(page, `/lead/${pid}/contact`, 'Add contact'), 303);
      const here = page.url();
      const dialog = page.locator('dialog.confirm-dialog');
      // Cancel keeps the task, and the page stays where it is
      await page.locator('li.task a.act-delete-link').first().click();
      await dialog.waitFor({ state: 'visible' });
      assert.match(await dialog.locator('h2').textContent(), /Delete this task\?/);
      assert.match(await dialog.textContent(), /Call back Tuesday/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no horizontal scroll with the dialog (${overflow} px)`);
      assert.deepEqual(await axe(page), []);
      await page.screenshot({ path: path.join(OUT, `c3-dialog-${width}.png`) });
      await dialog.getByRole('link', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(page.url(), here);
      assert.equal(count('tasks'), 1, 'Cancel removed nothing');
      // Escape keeps it too
      await page.locator('li.task a.act-delete-link').first().click();
      await dialog.waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(count('tasks'), 1, 'Escape removed nothing');
      // the dialog's button deletes: back on the lead page without the task
      await page.locator('li.task a.act-delete-link').first().click();
      await Promise.all([page.waitForURL((u) => /^\/lead\/lead_[^/]+\/$/.test(u.pathname)), dialog.getByRole('button', { name: 'Delete' }).click()]);
      assert.equal(count('tasks'), 0);
      assert.equal(await page.locator('li.task').count(), 0);
      // the opportunity and the contact the same way
      await page.locator('li.opp a.act-delete-link').first().click();
      await Promise.all([page.waitForURL((u) => /^\/lead\/lead_[^/]+\/$/.test(u.pathname)), dialog.getByRole('button', { name: 'Delete' }).click()]);
      assert.equal(count('opportunities'), 0);
      await page.getByRole('link', { name: 'Remove Dialog Person' }).click();
      await dialog.waitFor({ state: 'visible' });
      await Promise.all([page.waitForURL((u) => /^\/lead\/lead_[^/]+\/$/.test(u.pathname)), dialog.getByRole('button', { name: 'Remove' }).click()]);
      assert.equal(count('contacts'), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}
