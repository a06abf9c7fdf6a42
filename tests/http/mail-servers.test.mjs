// E1-E4 test servers — the instance's private Postfix takes a message over
// SMTP on loopback and hands it to Dovecot over LMTP; Dovecot shows it over
// IMAP and over IMAP with TLS (the instance's certificate) to its user only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mailUser, smtpSend, imapUids, imapFetch, maildirFiles, waitFor, IMAP_PORT } from '../lib/mail.mjs';

const A = 'servers-a@northwind.test';
const B = 'servers-b@globex.example';

test('a message sent over SMTP lands in the recipient\'s maildir and reads back over IMAP and IMAPS', async () => {
  mailUser(A, 'pw-a');
  mailUser(B, 'pw-b');
  const tag = `t${Date.now()}`;
  smtpSend(A, [B], Buffer.from(`From: ${A}\r\nTo: ${B}\r\nSubject: check ${tag}\r\nMessage-ID: <${tag}@leadline.test>\r\n\r\nbody ${tag}\r\n`));
  const files = await waitFor(() => maildirFiles(B).filter((f) => f.includes(tag)).length && maildirFiles(B));
  assert.ok(files, 'delivered into the maildir');
  const f = files.find((x) => x.includes(tag));
  assert.match(f, new RegExp(`^Message-ID: <${tag}@leadline\\.test>`, 'mi'));
  assert.match(f, /^Delivered-To: servers-b@globex\.example/mi);
  const uids = imapUids(B, 'pw-b');
  assert.equal(uids.length, 1);
  assert.match(imapFetch(B, 'pw-b', 'INBOX', uids[0]), new RegExp(`body ${tag}`));
  assert.match(imapFetch(B, 'pw-b', 'INBOX', uids[0], true), new RegExp(`body ${tag}`), 'the same over TLS');
  assert.deepEqual(imapUids(A, 'pw-a'), [], 'the sender\'s INBOX has nothing');
});

test('a wrong password is refused by IMAP', () => {
  mailUser(A, 'pw-a');
  assert.throws(() => execFileSync('curl', ['-sS', '--url', `imap://127.0.0.1:${IMAP_PORT}/INBOX`,
    '-u', `${A}:wrong`, '-X', 'NOOP'], { stdio: 'pipe' }), /Login denied|67/);
});
