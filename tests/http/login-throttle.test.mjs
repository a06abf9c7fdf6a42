// ASVS 6.3.1 — password guessing is throttled per account and per client
// address (lib/throttle.c, rows in MariaDB: every worker agrees). After 5
// the 5th failure for an email and each one after pauses it for a time that
// doubles (5 s, 10 s, ... at most 15 min); during a pause POST /login answers 429 with
// Retry-After and a message, the form again, and checks nothing: not even
// the right password. A known and an unknown email get exactly the same
// answers. The right password after the pause works and ends the count.
// After 50 failures from one address every login from it pauses alike.
import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from '../lib/client.mjs';
import { postLogin, setsSession, sessionCount, clearThrottle, PASSWORD } from '../lib/http-extra.mjs';

// What waiting out the pauses would do: they end now.
const endPause = () => sql('UPDATE auth_throttle SET blocked_until = UTC_TIMESTAMP(6) WHERE blocked_until IS NOT NULL');

// The answer with what may differ between two of them taken out: the email
// echoed in its field and the form's csrf token.
function normalized(body) {
  return body
    .replace(/(name="email"[^>]*value=")[^"]*"/g, '$1EMAIL"')
    .replace(/(value=")[^"]*("[^>]*name="email")/g, '$1EMAIL$2')
    .replace(/(name="csrf" value=")[^"]*"/g, '$1CSRF"');
}

async function attempt(email, password = 'not-the-password') {
  const res = await postLogin(new Map(), { email, password, next: '/leads' });
  return { status: res.status, retry: res.headers['retry-after'], body: res.body, session: setsSession(res) };
}

beforeEach(() => clearThrottle());
after(() => clearThrottle());

test('5 wrong passwords are 403; the 6th is a 429 with Retry-After; the right one waits too', async () => {
  const before = sessionCount();
  for (let i = 1; i <= 5; i++) {
    const a = await attempt('ada@northwind.test');
    assert.equal(a.status, 403, `wrong password ${i}: 403`);
    assert.equal(a.retry, undefined);
  }
  const paused = await attempt('ada@northwind.test');
  assert.equal(paused.status, 429, 'the 6th at once: 429');
  assert.ok(Number(paused.retry) >= 1 && Number(paused.retry) <= 5, `Retry-After: the first pause is 5 s (${paused.retry})`);
  assert.match(paused.body, new RegExp(`Too many failed logins with this email or from your address: wait ${paused.retry} seconds?, then try again\\.`));
  assert.match(paused.body, /<form[^>]*action="\/login"/, 'the form again');
  const right = await attempt('ada@northwind.test', PASSWORD);
  assert.equal(right.status, 429, 'during the pause the right password is not even checked');
  assert.ok(!right.session);
  assert.equal(sessionCount(), before, 'no session made');
});

test('a known and an unknown email get the same answers, byte for byte', async () => {
  const unknown = `nobody-${randomBytes(4).toString('hex')}@northwind.test`;
  for (let i = 1; i <= 6; i++) {
    const k = await attempt('ben@northwind.test');
    const u = await attempt(unknown);
    assert.equal(u.status, k.status, `attempt ${i}: the same status (${k.status})`);
    assert.equal(u.retry, k.retry, `attempt ${i}: the same Retry-After`);
    assert.equal(normalized(u.body), normalized(k.body), `attempt ${i}: the same page`);
  }
  assert.equal(Number(sql(`SELECT COUNT(*) FROM auth_throttle WHERE kind = 'account'`)[0][0]), 2,
    'a count for the unknown email as for the known one');
  const dump = sql('SELECT HEX(key_hash), failures FROM auth_throttle').flat().join(' ');
  assert.doesNotMatch(dump, /northwind|nobody|127\.0\.0\.1/i, 'no email or address kept in clear');
});

test('the pause grows, and the real user gets in once it is over; that ends the count', async () => {
  for (let i = 1; i <= 5; i++) assert.equal((await attempt('ada@northwind.test')).status, 403);
  let a = await attempt('ada@northwind.test');
  assert.equal(a.status, 429);
  assert.ok(Number(a.retry) <= 5, `the first pause: 5 s (${a.retry})`);
  endPause();
  assert.equal((await attempt('ada@northwind.test')).status, 403, 'after the pause a guess is checked again');
  a = await attempt('ada@northwind.test');
  assert.equal(a.status, 429);
  assert.ok(Number(a.retry) > 5 && Number(a.retry) <= 10, `the next pause is twice as long: 10 s (${a.retry})`);
  endPause();
  const right = await attempt('ada@northwind.test', PASSWORD);
  assert.equal(right.status, 303, 'the right password after the pause logs in');
  assert.ok(right.session);
  assert.equal((await attempt('ada@northwind.test')).status, 403, 'the count started again from nothing');
});

test('50 failures from one address pause every login from it, whatever the email', { timeout: 120000 }, async () => {
  for (let i = 0; i < 50; i++) {
    const a = await attempt(`guess-${i}-${randomBytes(3).toString('hex')}@nowhere.example`);
    assert.equal(a.status, 403, `guess ${i + 1} from the address: 403`);
  }
  const fresh = await attempt(`fresh-${randomBytes(3).toString('hex')}@nowhere.example`);
  assert.equal(fresh.status, 429, 'a new email from the same address: 429');
  assert.ok(Number(fresh.retry) >= 1 && Number(fresh.retry) <= 5, `the address's first pause: 5 s (${fresh.retry})`);
  const right = await attempt('cora@bloomdental.test', PASSWORD);
  assert.equal(right.status, 429, 'even a real account from that address waits');
  sql(`DELETE FROM auth_throttle WHERE kind = 'address'`);
  assert.equal((await attempt('cora@bloomdental.test', PASSWORD)).status, 303, 'the account itself was never paused');
});

test('the counts live in MariaDB: a worker that saw none of the failures refuses too', async () => {
  // every login worker answers in turn; one row decides for all of them
  for (let i = 1; i <= 5; i++) assert.equal((await attempt('ben@northwind.test')).status, 403);
  const [failures, paused] = sql(`SELECT failures, blocked_until > UTC_TIMESTAMP(6) FROM auth_throttle WHERE kind = 'account'`)[0];
  assert.equal(failures, '5');
  assert.equal(paused, '1');
  for (let i = 0; i < 6; i++) assert.equal((await attempt('ben@northwind.test')).status, 429, `attempt ${i}: 429 from any worker`);
});
