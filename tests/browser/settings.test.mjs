// Running an organization from a browser (O1-O4): llctl create-org
// prints the admin's one-time link; the admin follows it and sets a password,
// invites a colleague from Members; the colleague follows the invitation,
// sets name and password and lands in the organization; the admin adds a lead
// status and a custom field, and the colleague sees both on a lead page.
// Then every settings page at 1440 and 375 px: no horizontal scroll, no
// serious or critical axe-core violation, no script error; screenshots in
// tests/out/settings-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { sql } from '../lib/client.mjs';
import { lit, one } from '../lib/http-extra.mjs';
import { createOrg, dropOrgs, uniq } from '../lib/settings.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PAGES = ['account', 'organizations', 'members', 'lead-statuses', 'opportunity-statuses', 'custom-fields', 'activity-types', 'audit'];

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
  dropOrgs(made);
});

async function newPage(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  return { context, page, problems };
}

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const pathOf = (page) => new URL(page.url()).pathname;

let org;
let adminSession;

test('llctl create-org, set the password, invite a colleague who joins; a status and a field reach the colleague\'s lead page', async () => {
  org = createOrg({ name: `Browser Org ${uniq()}` });
  made.push(org.orgId);
  const admin = await newPage();
  const colleague = await newPage();
  try {
    // the admin's link: set the password, logged in on the leads list
    await admin.page.goto(BASE + org.link);
    await admin.page.getByRole('heading', { name: 'Set your password' }).waitFor();
    await admin.page.locator('#password').fill('browser-admin-pw');
    await admin.page.locator('#password2').fill('browser-admin-pw');
    await Promise.all([admin.page.waitForURL((u) => u.pathname === '/leads'),
      admin.page.getByRole('button', { name: 'Set password and log in' }).click()]);
    assert.match(await admin.page.locator('header .org').textContent(), new RegExp(org.name));
    // invite a colleague: the link to copy
    const email = `colleague-${uniq()}@settings.test`;
    await admin.page.goto(`${BASE}/settings/members`);
    await admin.page.locator('#invite-email').fill(email);
    await admin.page.locator('#invite-role').selectOption('user');
    await admin.page.getByRole('button', { name: 'Invite' }).click();
    const link = new URL(await admin.page.locator('#invite-link').inputValue());
    assert.equal(link.pathname, '/invite');
    // the colleague joins
    await colleague.page.goto(BASE + link.pathname + link.search);
    await colleague.page.getByRole('heading', { name: `Join ${org.name}` }).waitFor();
    await colleague.page.locator('#name').fill('Colleague Browser');
    await colleague.page.locator('#password').fill('browser-colleague-pw');
    await colleague.page.locator('#password2').fill('browser-colleague-pw');
    await Promise.all([colleague.page.waitForURL((u) => u.pathname === '/leads'),
      colleague.page.getByRole('button', { name: 'Join' }).click()]);
    assert.match(await colleague.page.locator('header .org').textContent(), new RegExp(org.name));
    assert.equal(one(`SELECT role FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.organization_id = ${org.orgId} AND u.email = ${lit(email)} AND m.active = 1`), 'user');
    // the admin sees the colleague among the members
    await admin.page.goto(`${BASE}/settings/members`);
    assert.match(await admin.page.locator('main, body').first().textContent(), /Colleague Browser/);
    // the admin adds a lead status and a custom field
    await admin.page.goto(`${BASE}/settings/lead-statuses`);
    await admin.page.locator('#new-label').fill('Evaluating');
    await Promise.all([admin.page.waitForURL((u) => u.pathname === '/settings/lead-statuses'),
      admin.page.getByRole('button', { name: 'Add', exact: true }).click()]);
    assert.ok(await admin.page.locator('input[value="Evaluating"]').isVisible());
    await admin.page.goto(`${BASE}/settings/custom-fields`);
    await admin.page.locator('#new-name').fill('Budget Band');
    await admin.page.locator('#new-type').selectOption('choices');
    await admin.page.locator('#new-choices').fill('Small\nMedium\nLarge');
    await Promise.all([admin.page.waitForURL((u) => u.pathname === '/settings/custom-fields'),
      admin.page.getByRole('button', { name: 'Add field' }).click()]);
    assert.ok(await admin.page.locator('input[value="Budget Band"]').isVisible());
    // a lead of the organization: the colleague's page offers both
    sql(`INSERT INTO leads (pid, organization_id, name, status_id) SELECT ll_id('lead_'), ${org.orgId}, 'Browser Org Lead', MIN(id)
      FROM lead_statuses WHERE organization_id = ${org.orgId}`);
    const lead = one(`SELECT pid FROM leads WHERE organization_id = ${org.orgId} AND name = 'Browser Org Lead'`);
    await colleague.page.goto(`${BASE}/lead/${lead}/`);
    assert.ok(await colleague.page.locator('option', { hasText: 'Evaluating' }).count() > 0, 'the new status is offered');
    assert.match(await colleague.page.locator('dl.fields').textContent(), /Budget Band/, 'the new field is shown');
    // the colleague is a user: no admin pages in the navigation, 403 on them
    await colleague.page.goto(`${BASE}/settings/account`);
    assert.equal(await colleague.page.locator('.settings-nav a', { hasText: 'Custom fields' }).count(), 0);
    const refused = await colleague.page.goto(`${BASE}/settings/custom-fields`);
    assert.equal(refused.status(), 403);
    assert.deepEqual(admin.problems.filter((p) => !/status of 403/.test(p)), []);
    assert.deepEqual(colleague.problems.filter((p) => !/status of 403/.test(p)), []);
    adminSession = await admin.context.cookies();
  } finally {
    await admin.context.close();
    await colleague.context.close();
  }
});

for (const [width, height] of [[1440, 900], [375, 812]]) {
  test(`${width}×${height}: every settings page: no sideways scroll, no serious axe violation; screenshots`, async () => {
    assert.ok(adminSession, 'the first test logged the admin in');
    const { context, page, problems } = await newPage({ width, height });
    try {
      await context.addCookies(adminSession);
      for (const name of PAGES) {
        const res = await page.goto(`${BASE}/settings/${name}`);
        assert.equal(res.status(), 200, `${name}: ${res.status()}`);
        assert.equal(pathOf(page), `/settings/${name}`);
        assert.equal(await page.locator('.settings-nav a[aria-current="page"]').count(), 1, `${name}: its navigation entry is marked`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name}: no horizontal scroll (${overflow} px)`);
        assert.deepEqual(await axe(page), [], `${name}: axe`);
        await page.screenshot({ path: path.join(OUT, `settings-${name}-${width}.png`), fullPage: true });
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}
