// tests/lib/tables.mjs — "nothing changed", measured: CHECKSUM TABLE of the
// tables a request could write, and the files of the store.
import { readdirSync, existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { sql, VAR } from './client.mjs';

// Every table of the schema but the bookkeeping ones. sessions changes on its
// own (the once-a-minute touch): it has its own helpers in http-extra.mjs.
export const DATA_TABLES = [
  'organizations', 'users', 'memberships', 'lead_statuses', 'opportunity_statuses', 'leads', 'contacts',
  'contact_emails', 'contact_phones', 'opportunities', 'tasks', 'custom_fields', 'lead_custom_values',
  'custom_activity_types', 'custom_activity_fields', 'activities', 'activity_custom_values', 'files',
  'activity_files', 'summaries', 'summary_ratings', 'lead_activity_counts', 'imports', 'import_columns',
  'import_skips', 'import_leads',
];

// The tables of DATA_TABLES this instance has (a branch may not have all yet).
export function existingTables(list = DATA_TABLES) {
  const have = new Set(sql('SHOW TABLES').map((r) => r[0]));
  return list.filter((t) => have.has(t));
}

// { table: checksum } of the given tables (all of DATA_TABLES by default).
export function checksums(list = existingTables()) {
  const out = {};
  for (const [t, c] of sql(`CHECKSUM TABLE ${list.join(', ')} EXTENDED`)) out[t.replace(/^leadline\./, '')] = c;
  return out;
}

// Every file under the file store (the temp dir included), sorted.
export function storeFiles(dir = `${VAR}/files`, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) storeFiles(join(dir, e.name), out);
    else out.push(join(dir, e.name));
  }
  return out.sort();
}

// A snapshot of everything a refused request must leave as it was.
export function snapshot() {
  return { tables: checksums(), files: storeFiles() };
}

// Removes an import a test made: its rows and the uploaded file it keeps in the
// store's temp dir while it lives (files-upload checks that dir is empty).
export function dropImport(pid) {
  const rows = sql(`SELECT id, path FROM imports WHERE pid = '${pid.replace(/[^0-9A-Za-z_]/g, '')}'`);
  if (!rows.length) return;
  const [id, path] = rows[0];
  sql(`DELETE FROM import_leads WHERE import_id = ${id}; DELETE FROM import_skips WHERE import_id = ${id};
    DELETE FROM import_columns WHERE import_id = ${id}; DELETE FROM imports WHERE id = ${id};`);
  const full = path && (path.startsWith('/') ? path : `${VAR}/files/${path}`);
  if (full && full.startsWith(`${VAR}/`) && existsSync(full)) unlinkSync(full);
}
