// F5 in a real browser — an uploaded file never runs as a script of the
// site. ada uploads notes.txt (declared text/plain; libmagic takes it for
// JavaScript); a page of the site (a static page this test writes into
// htdocs/static/, removed afterwards) references the download with
// <script src="/file/<id>"> beside a script of /static/. Chromium runs the
// static one and refuses the upload: the CSP's script-src names only
// /static/. And each defence alone: from a page of the same origin without a
// CSP (answered by the browser, page.route) the download still does not run,
// its type not being a script's (application/octet-stream, nosniff).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { writeFileSync, rmSync } from 'node:fs';
import { ROOT, sql } from '../lib/client.mjs';
import { leadPid, lit } from '../lib/http-extra.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080';
const GLOBEX = leadPid('Globex Corporation');
const TAG = randomBytes(6).toString('hex');
const NAME = `notes-${TAG}.txt`;
const PAGE = `${ROOT}/htdocs/static/probe-${TAG}.html`;
const CONTROL = `${ROOT}/htdocs/static/probe-${TAG}.js`;
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
  rmSync(PAGE, { force: true });
  rmSync(CONTROL, { force: true });
  sql(`DELETE FROM files WHERE name = ${lit(NAME)}`);
});

test('a page of the site with <script src="/file/<id>"> does not run the uploaded file', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const dialogs = [];
  const consoleLines = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('console', (m) => consoleLines.push(m.text()));
  try {
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Email').fill('ada@northwind.test');
    await page.getByLabel('Password').fill('leadline-demo');
    await Promise.all([page.waitForURL((u) => u.pathname === '/leads'),
      page.getByRole('button', { name: 'Log in' }).click()]);

    // the upload through the files tab's own form, as a member would
    await page.goto(`${BASE}/lead/${GLOBEX}/files`);
    await page.locator('input[type="file"]').setInputFiles({
      name: NAME, mimeType: 'text/plain',
      buffer: Buffer.from("#!/usr/bin/env node\ndocument.documentElement.dataset.upload = 'ran'; alert(document.domain)\n"),
    });
    // the answer to the form: 303 back to the tab, which is then loaded
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('input[type="file"]').evaluate((i) => i.form.requestSubmit())]);
    const [pid, sniffed] = sql(`SELECT pid, sniffed_type FROM files WHERE name = ${lit(NAME)}`)[0];
    assert.match(sniffed, /javascript/, 'libmagic takes the upload for JavaScript');

    writeFileSync(CONTROL, "document.documentElement.dataset.control = 'ran';\n");
    writeFileSync(PAGE, `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>probe</title>
<script src="/file/${pid}"></script>
<script src="/static/probe-${TAG}.js"></script>
</head><body><p>probe</p></body></html>\n`);
    const downloads = [];
    page.on('response', (r) => { if (r.url().includes(`/file/${pid}`)) downloads.push(r); });
    await page.goto(`${BASE}/static/probe-${TAG}.html`);
    await page.waitForFunction(() => document.documentElement.dataset.control === 'ran');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.upload), undefined,
      'the uploaded file did not run');
    assert.deepEqual(dialogs, [], 'no alert');
    assert.ok(consoleLines.some((l) => l.includes(`/file/${pid}`) &&
      /violates the following Content Security Policy directive: "script-src [^"]*\/static\/"/.test(l)),
      `Chromium says the CSP refused it: ${JSON.stringify(consoleLines)}`);

    // The type alone holds too: the same reference from a page of the site's
    // origin without any CSP (answered by the browser itself, not nginx).
    consoleLines.length = 0;
    await page.route(`${BASE}/probe-${TAG}`, (route) => route.fulfill({ status: 200, contentType: 'text/html',
      body: `<!DOCTYPE html><html><head><script src="/file/${pid}"></script><script>document.documentElement.dataset.inline = 'ran';</script></head><body></body></html>` }));
    await page.goto(`${BASE}/probe-${TAG}`);
    await page.waitForFunction(() => document.documentElement.dataset.inline === 'ran');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.upload), undefined,
      'the uploaded file did not run without the CSP either');
    assert.deepEqual(dialogs, [], 'no alert');
    assert.ok(consoleLines.some((l) => l.includes(`/file/${pid}`) &&
      /Refused to execute script .* MIME type \('application\/octet-stream'\) is not executable/.test(l)),
      `Chromium says its type is not a script's: ${JSON.stringify(consoleLines)}`);
  } finally {
    await context.close();
  }
});
