// tests/lib/import.mjs — driving /import over HTTP: a multipart upload built
// by hand (so a test can put the csrf field after the file, or none), the
// mapping form, the progress page until the report, and the report read back.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { get, post, request, csrfOf, sql, ROOT, VAR } from './client.mjs';

export const CSV = (name) => readFileSync(`${ROOT}/tests/csv/${name}`);

// A multipart/form-data body: parts [{ name, value } | { name, filename, data }] in order.
export function multipart(parts, boundary = `----llTest${Date.now()}`) {
  const chunks = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"\r\nContent-Type: text/csv`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`), Buffer.isBuffer(p.data ?? p.value) ? (p.data ?? p.value) : Buffer.from(String(p.data ?? p.value)), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

export async function upload(jar, csrf, filename, data, { csrfFirst = true } = {}) {
  const file = { name: 'file', filename, data };
  const parts = csrf === null ? [file] : csrfFirst ? [{ name: 'csrf', value: csrf }, file] : [file, { name: 'csrf', value: csrf }];
  const { body, type } = multipart(parts);
  return request('POST', '/import', { jar, body, headers: { 'content-type': type }, timeout: 60000 });
}

export const importPid = (res) => {
  const m = (res.headers.location || '').match(/^\/import\/(impo_[0-9A-Za-z]{40})\/$/);
  return m ? m[1] : null;
};

// The mapping form's selected targets, in column order, and the column headers.
export function mappingOf(html) {
  const cols = [...html.matchAll(/<label for="target-(\d+)">([^<]*)<\/label>[\s\S]*?<select id="target-\1" name="target">([\s\S]*?)<\/select>/g)];
  return cols.map((m) => ({
    header: m[2],
    target: (m[3].match(/<option value="([^"]+)" selected>/) || [])[1],
    options: [...m[3].matchAll(/<option value="([^"]+)"/g)].map((o) => o[1]),
  }));
}

// Uploads, confirms the guessed mapping (or `targets`), runs it to its end.
// Returns { pid, report, html }.
export async function importFile(jar, csrf, name, { data, targets } = {}) {
  const up = await upload(jar, csrf, name, data ?? CSV(name));
  assert.equal(up.status, 303, `upload ${name}: ${up.status} ${up.body.slice(0, 300)}`);
  const pid = importPid(up);
  assert.ok(pid, 'the upload goes to the import');
  const page = await get(`/import/${pid}/`, { jar });
  assert.equal(page.status, 200);
  const map = mappingOf(page.body);
  const chosen = targets ?? map.map((c) => c.target);
  const body = new URLSearchParams([['csrf', csrf], ...chosen.map((t) => ['target', t])]).toString();
  const m = await request('POST', `/import/${pid}/map`, { jar, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(m.status, 303, `map: ${m.status} ${m.body.slice(0, 500)}`);
  const html = await runToEnd(jar, pid);
  return { pid, report: reportOf(html), html };
}

export async function runToEnd(jar, pid) {
  for (let i = 0; i < 500; i++) {
    const res = await get(`/import/${pid}/`, { jar, timeout: 60000 });
    assert.equal(res.status, 200, `progress page: ${res.status}`);
    if (!res.headers.refresh) return res.body;
  }
  throw new Error('the import did not end');
}

const num = (html, cls) => {
  const m = html.match(new RegExp(`<dd class="${cls}">([^<]*)</dd>`));
  return m ? m[1] : null;
};

export function reportOf(html) {
  const skips = [...html.matchAll(/<tr><td class="line">(\d+)<\/td><td class="reason">([^<]*)<\/td><\/tr>/g)]
    .map((m) => ({ line: Number(m[1]), reason: m[2].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&') }));
  return {
    finished: /<h2>Import finished<\/h2>/.test(html),
    rowsDone: num(html, 'rows-done'),
    leadsCreated: Number(num(html, 'leads-created')),
    leadsMerged: Number(num(html, 'leads-merged')),
    contactsCreated: Number(num(html, 'contacts-created')),
    rowsSkipped: Number(num(html, 'rows-skipped')),
    skips,
  };
}

export const tmpFiles = () => {
  try {
    return readdirSync(`${VAR}/files/tmp`);
  } catch {
    return [];
  }
};

// Removes what tests imported: leads and contacts whose names start with "Zz ".
export function cleanupZz(org) {
  const where = org ? ` AND organization_id = ${org}` : '';
  sql(`DELETE e FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE c.name LIKE 'Zz %'${where.replace('organization_id', 'c.organization_id')}`);
  sql(`DELETE p FROM contact_phones p JOIN contacts c ON c.id = p.contact_id WHERE c.name LIKE 'Zz %'${where.replace('organization_id', 'c.organization_id')}`);
  sql(`DELETE c FROM contacts c JOIN leads l ON l.id = c.lead_id WHERE l.name LIKE 'Zz %'${where.replace('organization_id', 'l.organization_id')}`);
  sql(`DELETE c FROM contacts c WHERE c.name LIKE 'Zz %'${where}`);
  sql(`DELETE v FROM lead_custom_values v JOIN leads l ON l.id = v.lead_id WHERE l.name LIKE 'Zz %'`);
  sql(`DELETE FROM leads WHERE name LIKE 'Zz %'${where}`);
}

// The imports a test left unfinished (at the mapping step, or running) and
// their uploads: removed, so that the next test files find the tmp
// directory as they left it (the Apache group runs files-upload after them).
export function dropUnfinishedImports() {
  for (const [path] of sql("SELECT path FROM imports WHERE state IN ('mapping', 'running')")) {
    try { unlinkSync(path); } catch { /* already gone */ }
  }
  sql("DELETE FROM imports WHERE state IN ('mapping', 'running')");
}

export { get, post, csrfOf, sql };
