// tests/lib/mail.mjs — the instance's private mail servers (scripts/stack
// mail-start: Dovecot for IMAP and LMTP, Postfix for SMTP), reached the way
// a mail client would, with curl: users, sending, reading a folder.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { ROOT, VAR } from './client.mjs';

export const IMAP_PORT = Number(process.env.IMAP_PORT);
export const IMAPS_PORT = Number(process.env.IMAPS_PORT);
export const SMTP_PORT = Number(process.env.SMTP_PORT);
export const CERT = `${VAR}/tls/cert.pem`;

// Makes (or resets) a mailbox user with this password.
export function mailUser(address, password) {
  execFileSync(`${ROOT}/scripts/stack`, ['mail-user', address, password], { env: process.env });
}

// Hands a raw message to Postfix over SMTP, as any client would.
export function smtpSend(from, rcpts, raw) {
  const args = ['-sS', '--url', `smtp://127.0.0.1:${SMTP_PORT}`, '--mail-from', from];
  for (const r of rcpts) args.push('--mail-rcpt', r);
  args.push('-T', '-');
  execFileSync('curl', args, { input: raw });
}

function imap(user, password, url, extra = [], tls = false) {
  // the certificate names localhost (scripts/stack), the servers listen on 127.0.0.1
  const base = tls ? `imaps://localhost:${IMAPS_PORT}` : `imap://127.0.0.1:${IMAP_PORT}`;
  const args = ['-sS', '--url', `${base}${url}`, '-u', `${user}:${password}`, ...extra];
  if (tls) args.push('--cacert', CERT, '--resolve', `localhost:${IMAPS_PORT}:127.0.0.1`);
  return execFileSync('curl', args, { encoding: 'latin1', maxBuffer: 64 << 20 });
}

// The UIDs of a folder's messages.
export function imapUids(user, password, folder = 'INBOX', tls = false) {
  const out = imap(user, password, `/${encodeURIComponent(folder)}`, ['-X', 'UID SEARCH ALL'], tls);
  const m = out.match(/\* SEARCH([ 0-9]*)/);
  return m ? m[1].trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

// One message of a folder, whole, as a latin1 string (bytes kept).
export function imapFetch(user, password, folder, uid, tls = false) {
  return imap(user, password, `/${encodeURIComponent(folder)};UID=${uid}`, [], tls);
}

// Every message of a folder, whole.
export function imapAll(user, password, folder = 'INBOX') {
  return imapUids(user, password, folder).map((u) => imapFetch(user, password, folder, u));
}

// The files of a user's maildir folder ('' the INBOX, '.Sent' ...), new and cur.
export function maildirFiles(address, folder = '') {
  const dir = `${VAR}/mail/boxes/${address}/Maildir${folder}`;
  const out = [];
  for (const sub of ['new', 'cur']) {
    let names = [];
    try { names = readdirSync(`${dir}/${sub}`); } catch { continue; }
    for (const n of names) out.push(readFileSync(`${dir}/${sub}/${n}`, 'latin1'));
  }
  return out;
}

// Waits until pred() is true (polling every 200 ms) or ms pass; returns its last value.
export async function waitFor(pred, ms = 20000) {
  const end = Date.now() + ms;
  let v;
  while (!(v = await pred()) && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  return v;
}
