// H6: `llctl migrate` builds a shared host's database from sql/ with
// nothing but leadline.conf — over TCP with the account's password, as a
// host's database is given — applies each migration once, in order, and
// stops at a failing one without recording it. (Every test instance is also
// built by it: scripts/stack migrate runs it.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { sql, ROOT } from '../lib/client.mjs';
import { conf } from '../lib/http-extra.mjs';

const BUILD = process.env.LL_BUILD || `${ROOT}/build`;
const DB = `ll_migrate_${process.pid}`;
const MIGRATIONS = readdirSync(`${ROOT}/sql`).filter((f) => /^\d{3}_\w+\.sql$/.test(f)).sort();

sql(`DROP DATABASE IF EXISTS ${DB}`);
sql(`CREATE DATABASE ${DB}`);
sql(`GRANT ALL ON ${DB}.* TO 'leadline'@'127.0.0.1'`);
after(() => sql(`DROP DATABASE IF EXISTS ${DB}`));

function llctl(dir, extra = {}) {
  const env = {
    ...process.env, LEADLINE_DB_HOST: '127.0.0.1', LEADLINE_DB_PORT: process.env.LL_DB_PORT,
    LEADLINE_DB_NAME: DB, LEADLINE_DB_USER: 'leadline', LEADLINE_DB_PASSWORD: conf('db_password'),
    LEADLINE_DB_SOCKET: '/nonexistent', ...extra,
  };
  return new Promise((resolve) => {
    execFile(`${BUILD}/llctl`, ['migrate', dir], { env, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? err.code : 0, stdout, stderr }));
  });
}

const applied = () => sql(`SELECT version FROM ${DB}.schema_migrations ORDER BY version`).map((r) => r[0]);
const schema = (db) => sql(`SELECT table_name, column_name, column_type FROM information_schema.columns
  WHERE table_schema = '${db}' ORDER BY table_name, column_name`).map((r) => r.join(' ')).join('\n');
const routines = (db) => sql(`SELECT CONCAT('f ', routine_name) FROM information_schema.routines WHERE routine_schema = '${db}'
  UNION ALL SELECT CONCAT('t ', trigger_name) FROM information_schema.triggers WHERE trigger_schema = '${db}' ORDER BY 1`)
  .map((r) => r[0]).join('\n');

test('two runs at once over TCP build the same schema as the instance, each migration applied once', async () => {
  assert.ok(process.env.LL_DB_PORT, 'the instance listens on TCP');
  const [a, b] = await Promise.all([llctl(`${ROOT}/sql`), llctl(`${ROOT}/sql`)]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const lines = (a.stdout + b.stdout).split('\n').filter((l) => /^migrate: \d{3}_/.test(l));
  assert.deepEqual(lines.map((l) => l.slice(9)).sort(), MIGRATIONS.map((f) => f.slice(0, -4)), 'every file once, by one of the two');
  assert.deepEqual(applied(), MIGRATIONS.map((f) => f.slice(0, -4)));
  assert.equal(schema(DB), schema('leadline'));
  assert.equal(routines(DB), routines('leadline'));
  assert.ok(routines(DB).includes('f ll_id'), 'the function of 002_ids (a DELIMITER block)');
  const again = await llctl(`${ROOT}/sql`);
  assert.equal(again.code, 0);
  assert.match(again.stdout, new RegExp(`migrate: 0 applied, ${MIGRATIONS.length} in `));
});

test('a failing migration stops the run with its name and is not recorded; the next run goes on from it', async () => {
  const dir = mkdtempSync(`${tmpdir()}/ll-migrate-`);
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of MIGRATIONS) cpSync(`${ROOT}/sql/${f}`, `${dir}/${f}`);
  // a column named like the client's command, a procedure in a DELIMITER block, then a syntax error
  writeFileSync(`${dir}/900_delimiter_column.sql`, `-- a statement over lines\nCREATE TABLE zz_one (\n  id INT PRIMARY KEY,\n  delimiter CHAR(1) NOT NULL DEFAULT ';'\n);\nINSERT INTO zz_one VALUES (1, ';');\n\nDELIMITER //\nCREATE FUNCTION zz_f() RETURNS INT DETERMINISTIC\nBEGIN\n  RETURN 7;\nEND //\nDELIMITER ;\n`);
  writeFileSync(`${dir}/901_broken.sql`, `CREATE TABLE zz_two (id INT PRIMARY KEY);\nCREATE TABLEE zz_three (id INT);\n`);
  writeFileSync(`${dir}/902_after.sql`, `CREATE TABLE zz_four (id INT PRIMARY KEY);\n`);
  const res = await llctl(dir);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /llctl migrate: 901_broken\.sql: .*syntax/);
  assert.deepEqual(applied().slice(-1), ['900_delimiter_column']);
  assert.equal(sql(`SELECT ${DB}.zz_f(), (SELECT delimiter FROM ${DB}.zz_one)`)[0].join(' '), '7 ;');
  assert.equal(sql(`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '${DB}' AND table_name = 'zz_four'`)[0][0], '0',
    'nothing after the failing file ran');
  writeFileSync(`${dir}/901_broken.sql`, `CREATE TABLE IF NOT EXISTS zz_two (id INT PRIMARY KEY);\n`);
  const fixed = await llctl(dir);
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.deepEqual(applied().slice(-3), ['900_delimiter_column', '901_broken', '902_after']);
});

test('an unreachable database or a missing directory is a clear message and exit 1', async () => {
  const none = await llctl('/nonexistent/sql');
  assert.equal(none.code, 1);
  assert.match(none.stderr, /\/nonexistent\/sql: No such file/);
  const down = await llctl(`${ROOT}/sql`, { LEADLINE_DB_PORT: '1', LEADLINE_DB_CONNECT_TIMEOUT: '1' });
  assert.equal(down.code, 1);
  assert.match(down.stderr, /cannot connect to the database/);
  assert.doesNotMatch(down.stderr + down.stdout, new RegExp(conf('db_password')), 'the password is never shown');
});
