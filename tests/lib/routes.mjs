// tests/lib/routes.mjs — the route tables of the page programs, as each prints
// it with --routes (lib/req.c print_routes): "METHODS PATTERN FLAGS...", e.g.
// "GET,HEAD /lead/*/ session" or "POST /lead/*/files session upload". Tests
// that must cover every route (tenant-matrix, asvs) read them from here, so a
// route added to a program is covered without touching the tests.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const BUILD = process.env.LL_BUILD || `${process.env.LL_ROOT}/build`;

// [{ program, methods: ['GET','HEAD','POST'], pattern, flags: Set, holes: [kind...] }]
export function routes() {
  const out = [];
  for (const program of readdirSync(`${BUILD}/cgi-bin`).sort()) {
    const text = execFileSync(`${BUILD}/cgi-bin/${program}`, ['--routes'], { encoding: 'utf8' });
    for (const line of text.split('\n').filter(Boolean)) {
      const [methods, pattern, ...flags] = line.trim().split(/\s+/);
      out.push({ program, methods: methods.split(','), pattern, flags: new Set(flags), holes: holes(pattern) });
    }
  }
  if (!out.length) throw new Error(`no routes printed by the programs of ${BUILD}/cgi-bin`);
  return out;
}

// The kind of each placeholder ("*") of a pattern: the path segment before it
// ("/lead/*/task/*/complete" → ['lead', 'task']).
export function holes(pattern) {
  const segs = pattern.split('/');
  const kinds = [];
  segs.forEach((s, i) => { if (s === '*') kinds.push(segs[i - 1] ?? ''); });
  return kinds;
}

// The path of a pattern with its placeholders filled in order.
export function fill(pattern, ids) {
  let i = 0;
  return pattern.replace(/\*/g, () => ids[i++]);
}

// Placeholder kind (the segment before "*") → the table of its ids and their prefix.
export const KINDS = {
  lead: { table: 'leads', prefix: 'lead_' },
  contact: { table: 'contacts', prefix: 'cont_' },
  opportunity: { table: 'opportunities', prefix: 'oppo_' },
  task: { table: 'tasks', prefix: 'task_' },
  tasks: { table: 'tasks', prefix: 'task_', noun: 'task' },   // /tasks/*/complete (My tasks)
  activity: { table: 'activities', prefix: 'acti_' },
  file: { table: 'files', prefix: 'file_' },
  summary: { table: 'summaries', prefix: 'summ_' },
  import: { table: 'imports', prefix: 'impo_' },
  // the API's typed activity routes (/api/v1/activity/note/*/ ...)
  note: { table: 'activities', prefix: 'acti_', type: 'note' },
  call: { table: 'activities', prefix: 'acti_', type: 'call' },
  email: { table: 'activities', prefix: 'acti_', type: 'email' },
};
