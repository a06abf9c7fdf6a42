// S7 — the ratings export is safe in a spreadsheet whatever separator it
// reads the file with (lib/csvout): every cell is quoted, and a formula start
// (= + - @) gets a ' before it at a cell's start and after a ; , tab, CR or
// LF inside the cell. The review's two feedbacks, `x;=cmd|' /C calc'!A0` and
// `a\n=2+2`, were exported unquoted: a reader splitting at ";" (or at lines)
// saw cells starting with "=".
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, login, csrfOf, sql } from '../lib/client.mjs';
import { lit, one, randomId } from '../lib/http-extra.mjs';

const ORG = one(`SELECT id FROM organizations WHERE name = 'Northwind Traders'`);
const STATUS = one(`SELECT id FROM lead_statuses WHERE organization_id = ${ORG} ORDER BY position, id LIMIT 1`);
const LEAD = randomId('lead_');
sql(`INSERT INTO leads (pid, organization_id, name, status_id) VALUES (${lit(LEAD)}, ${ORG}, '=Zz CSV;=1', ${STATUS})`);
const LEAD_ID = one(`SELECT id FROM leads WHERE pid = ${lit(LEAD)}`);

after(() => {
  sql(`DELETE r FROM summary_ratings r JOIN summaries s ON s.id = r.summary_id WHERE s.lead_id = ${LEAD_ID}`);
  sql(`DELETE FROM summaries WHERE lead_id = ${LEAD_ID}`);
  sql(`DELETE FROM leads WHERE id = ${LEAD_ID}`);
});

// RFC 4180 rows: every cell must be quoted; returns the cells as written
// (with the guard's ') and unquoted.
function parse(text) {
  const rows = [];
  let i = 0;
  while (i < text.length) {
    const row = [];
    for (;;) {
      assert.equal(text[i], '"', `a quoted cell at ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
      let v = '';
      for (i++; ; i++) {
        if (text[i] === '"' && text[i + 1] === '"') { v += '"'; i++; } else if (text[i] === '"') break; else v += text[i];
      }
      row.push(v);
      i++;
      if (text[i] === ',') { i++; continue; }
      assert.equal(text.slice(i, i + 2), '\r\n', 'a row ends with CRLF');
      i += 2;
      break;
    }
    rows.push(row);
  }
  return rows;
}

test('the review\'s feedbacks: quoted, and no piece of a cell split at ; , tab or a line starts a formula', async () => {
  const ada = await login('ada@northwind.test');
  const ben = await login('ben@northwind.test');
  const csrf = async (jar) => csrfOf((await get(`/lead/${LEAD}/summary`, { jar })).body);
  assert.equal((await post(`/lead/${LEAD}/summary`, { csrf: await csrf(ada) }, { jar: ada })).status, 303);
  const summ = one(`SELECT pid FROM summaries WHERE lead_id = ${LEAD_ID}`);
  const feedbacks = { 'ada@northwind.test': "a\n=2+2", 'ben@northwind.test': "x;=cmd|' /C calc'!A0" };
  for (const [jar, email] of [[ada, 'ada@northwind.test'], [ben, 'ben@northwind.test']]) {
    const res = await post(`/lead/${LEAD}/summary/rate`, { csrf: await csrf(jar), summary: summ, rating: 'down', feedback: feedbacks[email] }, { jar });
    assert.equal(res.status, 303);
  }

  const csv = await get('/summaries/ratings.csv', { jar: ada });
  assert.equal(csv.status, 200);
  const rows = parse(csv.body);
  assert.deepEqual(rows[0], ['rated_at_utc', 'lead', 'lead_id', 'summary_id', 'user', 'email', 'rating', 'feedback', 'backend', 'model', 'summary_deleted']);
  const mine = rows.filter((r) => r[3] === summ);
  assert.equal(mine.length, 2);
  const by = Object.fromEntries(mine.map((r) => [r[5], r]));
  assert.equal(by['ben@northwind.test'][7], "x;'=cmd|' /C calc'!A0", 'a \' after the ;');
  assert.equal(by['ada@northwind.test'][7], "a\n'=2+2", 'a \' after the line break');
  assert.equal(by['ada@northwind.test'][1], "'=Zz CSV;'=1", 'the lead\'s name too, at its start and after its ;');

  // what a spreadsheet reading ";" (or "," or tabs) as the separator sees: no cell starting a formula
  for (const line of csv.body.split(/\r\n|\n|\r/)) {
    for (const piece of line.split(/[;,\t]/)) {
      assert.doesNotMatch(piece.replace(/^[ "]+/, ''), /^[=+\-@]/, `a piece of ${JSON.stringify(line)}: ${JSON.stringify(piece)}`);
    }
  }
});
