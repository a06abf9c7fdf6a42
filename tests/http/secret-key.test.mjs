// E1 — the instance's key for sealed mailbox passwords: scripts/stack makes
// it on first start, 32 random bytes readable by its owner only, and names
// it in leadline.conf as secret_key_file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { VAR } from '../lib/client.mjs';

test('the key file is named by the configuration, 32 bytes, mode 0600', () => {
  const conf = readFileSync(`${VAR}/leadline.conf`, 'utf8');
  const m = conf.match(/^secret_key_file\s*=\s*(.+)$/m);
  assert.ok(m, 'leadline.conf names secret_key_file');
  const st = statSync(m[1].trim());
  assert.equal(st.size, 32);
  assert.equal(st.mode & 0o777, 0o600);
  assert.notDeepEqual(readFileSync(m[1].trim()), Buffer.alloc(32), 'not all zeros');
});
