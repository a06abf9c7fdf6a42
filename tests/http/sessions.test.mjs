// Session lifetime (U1, U4): idle and absolute timeouts end a session; a
// deactivated membership or user loses access at once and its sessions end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, login, sql } from '../lib/client.mjs';

function sessionIdOf(email) {
  const rows = sql(`SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
                    WHERE u.email = '${email}' ORDER BY s.id DESC LIMIT 1`);
  return rows.length ? Number(rows[0][0]) : null;
}

test('a session idle longer than session_idle_timeout ends (U1)', async () => {
  const jar = await login('ben@northwind.test');
  assert.equal((await get('/leads', { jar })).status, 200);
  const id = sessionIdOf('ben@northwind.test');
  // 43200 s is the configured idle timeout: one second more
  sql(`UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 43201 SECOND WHERE id = ${id}`);
  const res = await get('/leads', { jar });
  assert.equal(res.status, 302);
  assert.match(res.headers.location, /^\/login\?next=/);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE id = ${id}`)[0][0], '0');
});

test('an idle session within the timeout stays and is touched', async () => {
  const jar = await login('ben@northwind.test');
  const id = sessionIdOf('ben@northwind.test');
  sql(`UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 3600 SECOND WHERE id = ${id}`);
  assert.equal((await get('/leads', { jar })).status, 200);
  const idle = Number(sql(`SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP(6)) FROM sessions WHERE id = ${id}`)[0][0]);
  assert.ok(idle < 60, `last_seen_at was touched (idle ${idle} s)`);
});

test('a session older than session_absolute_timeout ends even when active (U1)', async () => {
  const jar = await login('ben@northwind.test');
  const id = sessionIdOf('ben@northwind.test');
  sql(`UPDATE sessions SET date_created = UTC_TIMESTAMP(6) - INTERVAL 1209601 SECOND WHERE id = ${id}`);
  const res = await get('/leads', { jar });
  assert.equal(res.status, 302);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE id = ${id}`)[0][0], '0');
});

test('a deactivated membership loses access at once and its session ends (U4)', async () => {
  const jar = await login('ben@northwind.test');
  const id = sessionIdOf('ben@northwind.test');
  try {
    sql(`UPDATE memberships m JOIN users u ON u.id = m.user_id SET m.active = 0 WHERE u.email = 'ben@northwind.test'`);
    const res = await get('/leads', { jar });
    assert.equal(res.status, 302);
    assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE id = ${id}`)[0][0], '0');
  } finally {
    sql(`UPDATE memberships m JOIN users u ON u.id = m.user_id SET m.active = 1 WHERE u.email = 'ben@northwind.test'`);
  }
});

test('a deactivated user loses access at once and its session ends (U4)', async () => {
  const jar = await login('ben@northwind.test');
  const id = sessionIdOf('ben@northwind.test');
  try {
    sql(`UPDATE users SET active = 0 WHERE email = 'ben@northwind.test'`);
    const res = await get('/leads', { jar });
    assert.equal(res.status, 302);
    assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE id = ${id}`)[0][0], '0');
  } finally {
    sql(`UPDATE users SET active = 1 WHERE email = 'ben@northwind.test'`);
  }
});
