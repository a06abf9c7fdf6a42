// H2: what an install holds besides its pages is never served — the
// configuration (its database password), the state under var/ (the file
// store, the logs), templates, migrations, the build, dot files. Behind
// nginx and apache.conf.example those paths are outside the document root;
// in a shared host's document root (tests/run's Apache group, mode
// htaccess) ll-bin/leadline.conf and .htaccess really are there, and only
// htdocs/.htaccess keeps them from being read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { get, VAR } from '../lib/client.mjs';

const DOCROOT = `${VAR}/apache/public_html`;
const SHARED = process.env.LL_APACHE_MODE === 'htaccess';

const PATHS = [
  '/ll-bin/leadline.conf', '/ll-bin/./leadline.conf', '/ll-bin//leadline.conf',
  '/ll-bin/LEADLINE.CONF', '/ll-bin/leadline.conf%00', '/.htaccess', '/.HTACCESS',
  '/static/../.htaccess', '/var/leadline.conf', '/var/files/', '/var/log/lead.log',
  '/templates/lead.tpl', '/sql/001_schema.sql', '/build/llctl', '/leadline.conf',
];

test('the files of a shared document root are really there to be refused', { skip: !SHARED }, () => {
  for (const f of ['ll-bin/leadline.conf', '.htaccess', 'll-bin/login']) {
    assert.ok(existsSync(`${DOCROOT}/${f}`), `${f} in the document root`);
  }
  assert.match(readFileSync(`${DOCROOT}/ll-bin/leadline.conf`, 'utf8'), /^db_/m);
});

test('the configuration, the state, templates, migrations and dot files are never served', async () => {
  for (const path of PATHS) {
    const res = await get(path);
    assert.ok([400, 403, 404].includes(res.status), `${path}: ${res.status}`);
    const body = res.body;
    assert.doesNotMatch(body, /db_(socket|host|password|name)\s*=/, `${path} shows the configuration`);
    assert.doesNotMatch(body, /RewriteRule|AllowOverride/, `${path} shows the .htaccess`);
    assert.doesNotMatch(body, /CREATE TABLE|AUTOESCAPE/, `${path} shows the install`);
  }
});

test('a program is reached by its routes; its directory is not listed', async () => {
  const login = await get('/login');
  assert.equal(login.status, 200);
  const dir = await get('/ll-bin/');
  assert.ok([403, 404].includes(dir.status), `/ll-bin/: ${dir.status}`);
  assert.doesNotMatch(dir.body, /Index of|leadline\.conf/);
});
