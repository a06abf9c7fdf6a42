// tests/lib/lead-page.mjs — reading the lead page (L1-L4) in the HTTP tests:
// its activities, its "Load more" link, the statement count header, and the
// same history as the database orders it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { get, sql, stack, VAR } from './client.mjs';
import { lit, one } from './http-extra.mjs';

// HTML text with the entities ctemplate writes undone.
export function decode(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&#61;/g, '=').replace(/&amp;/g, '&');
}

// The visible text of an HTML piece: tags dropped, entities undone, spaces collapsed.
export function textOf(html) {
  return decode(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

// The activities of a history (a page or a fragment), in order:
// { pid, type, pinned, kind, who, utc, when, html }.
export function acts(html) {
  const re = /<li class="act act-([a-z_]+)( is-pinned)?" id="(acti_[0-9A-Za-z]{40})">/g;
  const starts = [...html.matchAll(re)];
  return starts.map((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : html.indexOf('</ol>', m.index);
    const body = html.slice(m.index, end);
    const time = body.match(/<time class="act-when" datetime="([^"]+)">([^<]*)<\/time>/);
    const kind = body.match(/<span class="act-kind">([^<]*)<\/span>/);
    const who = body.match(/<span class="act-who">([^<]*)/);
    return {
      pid: m[3], type: m[1], pinned: Boolean(m[2]), html: body,
      kind: kind ? decode(kind[1]) : null, who: who ? decode(who[1]).trim() : null,
      utc: time ? time[1] : null, when: time ? decode(time[2]) : null,
    };
  });
}

// The href of "Load more" (entities undone), or null.
export function moreHref(html) {
  const m = html.match(/<a class="load-more" href="([^"]+)">Load more<\/a>/);
  return m ? decode(m[1]) : null;
}

export function leadId(pid) {
  const id = one(`SELECT id FROM leads WHERE pid = ${lit(pid)}`);
  assert.ok(id, `lead ${pid} exists`);
  return id;
}

// The lead's activity pids as the history must show them: newest first by
// activity_at, then id; `where` narrows them (SQL on activities a).
export function historyPids(leadIdValue, where = '') {
  return sql(`SELECT a.pid FROM activities a WHERE a.lead_id = ${leadIdValue} AND a.deleted_at IS NULL ${where}
    ORDER BY a.activity_at DESC, a.id DESC`).map((r) => r[0]);
}

// The n-th (from 0) activity pid of the lead's history, newest first.
export function historyPidAt(leadIdValue, n) {
  return one(`SELECT a.pid FROM activities a WHERE a.lead_id = ${leadIdValue} AND a.deleted_at IS NULL
    ORDER BY a.activity_at DESC, a.id DESC LIMIT 1 OFFSET ${Number(n)}`);
}

// Follows "Load more" from href to the end; returns every activity pid in order
// and the pages' responses.
export async function walkHistory(jar, href, { maxPages = 100 } = {}) {
  const pids = [];
  const pages = [];
  for (let i = 0; href; i++) {
    assert.ok(i < maxPages, `more than ${maxPages} pages from ${href}`);
    const res = await get(href, { jar });
    assert.equal(res.status, 200, `GET ${href}: ${res.status} ${res.body.slice(0, 200)}`);
    pages.push(res);
    pids.push(...acts(res.body).map((a) => a.pid));
    href = moreHref(res.body);
  }
  return { pids, pages };
}

// The page with the activity `pid` of the lead first in its history: the page
// "before" the activity that precedes it in order (SQL), under the filter query q.
export async function pageStartingAt(jar, leadPid, pid, q = '') {
  const order = historyPids(leadId(leadPid));
  const i = order.indexOf(pid);
  assert.ok(i >= 0, `${pid} is in the history of ${leadPid}`);
  const href = `/lead/${leadPid}/?${q}${i > 0 ? `before=${order[i - 1]}` : ''}`;
  const res = await get(href, { jar });
  assert.equal(res.status, 200, `GET ${href}: ${res.status}`);
  const first = acts(res.body)[0];
  assert.equal(first?.pid, pid, `${pid} is first on ${href}`);
  return { res, act: first };
}

// The statements a response cost, from the X-SQL-Statements header.
export function sqlStatements(res) {
  const v = res.headers['x-sql-statements'];
  assert.ok(v !== undefined, 'the response has an X-SQL-Statements header (LEADLINE_TEST_SQLCOUNT)');
  return Number(v);
}

// Makes the page workers answer X-SQL-Statements: when a probe lacks it, they
// are restarted with LEADLINE_TEST_SQLCOUNT set. Returns a function that puts
// them back as they were.
export async function withSqlCount(jar, path) {
  const probe = await get(path, { jar });
  if (probe.headers['x-sql-statements'] !== undefined) return async () => {};
  restartWorkers();
  return async () => {
    delete process.env.LEADLINE_TEST_SQLCOUNT;
    stack('fcgi-stop');
    stack('fcgi-start');
  };
}

// Restarts the page workers, answering X-SQL-Statements (their statements are
// prepared again: the general log shows parameter values only for statements
// prepared while it is on).
export function restartWorkers() {
  process.env.LEADLINE_TEST_SQLCOUNT = '1';
  stack('fcgi-stop');
  stack('fcgi-start');
}

// SQL as root without the batch escaping of sql() (ANALYZE FORMAT=JSON is one
// value with newlines); returns the raw output.
export function sqlRaw(query) {
  return execFileSync('mariadb', ['--no-defaults', '-S', `${VAR}/run/mysqld.sock`, '-u', 'root',
    '-N', '-B', '-r', 'leadline', '-e', query], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
