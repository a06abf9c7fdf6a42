// tests/lib/fcgi.mjs — a minimal FastCGI 1.0 client over a unix socket, to talk
// to one page program directly (no nginx): one request per connection
// (keep-conn 0), role RESPONDER.
//
//   fcgiRequest(socketPath, params, body = '', { timeout }) →
//     Promise<{ status, headers, body, stderr, appStatus, raw }>
//
// params: an object of CGI variables (REQUEST_METHOD, DOCUMENT_URI, ...); for a
// body, CONTENT_LENGTH is added when absent. headers: lowercase name → value;
// a header given more than once (Set-Cookie) becomes an array of values.
// The promise rejects on a socket error, a timeout, a connection closed before
// FCGI_END_REQUEST, or a protocolStatus other than FCGI_REQUEST_COMPLETE.
import net from 'node:net';

const VERSION = 1;
const BEGIN_REQUEST = 1;
const END_REQUEST = 3;
const PARAMS = 4;
const STDIN = 5;
const STDOUT = 6;
const STDERR = 7;
const RESPONDER = 1;
const MAX_CONTENT = 65535;
const REQUEST_ID = 1;

function record(type, content = Buffer.alloc(0)) {
  const padding = (8 - (content.length % 8)) % 8;
  const h = Buffer.alloc(8);
  h.writeUInt8(VERSION, 0);
  h.writeUInt8(type, 1);
  h.writeUInt16BE(REQUEST_ID, 2);
  h.writeUInt16BE(content.length, 4);
  h.writeUInt8(padding, 6);
  return Buffer.concat([h, content, Buffer.alloc(padding)]);
}

// A stream (PARAMS or STDIN) as records of at most 65535 bytes, then the empty record.
function stream(type, data) {
  const out = [];
  for (let i = 0; i < data.length; i += MAX_CONTENT) out.push(record(type, data.subarray(i, i + MAX_CONTENT)));
  out.push(record(type));
  return out;
}

function nvLength(n) {
  if (n < 128) return Buffer.from([n]);
  const b = Buffer.alloc(4);
  b.writeUInt32BE((n | 0x80000000) >>> 0);
  return b;
}

// Name-value pairs: each length in 1 byte (< 128) or 4 bytes (high bit set).
export function encodeParams(params) {
  const parts = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    const name = Buffer.from(String(k), 'utf8');
    const value = Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
    parts.push(nvLength(name.length), nvLength(value.length), name, value);
  }
  return Buffer.concat(parts);
}

// A CGI response ("Status: 200 OK\r\nName: value\r\n\r\nbody") parsed.
export function parseCgiResponse(buf) {
  let end = buf.indexOf('\r\n\r\n');
  let sep = 4;
  const lf = buf.indexOf('\n\n');
  if (end < 0 || (lf >= 0 && lf < end)) { end = lf; sep = 2; }
  if (end < 0) throw new Error(`no end of headers in the FastCGI response: ${JSON.stringify(buf.subarray(0, 200).toString('latin1'))}`);
  const headers = {};
  let status = 200;
  for (const line of buf.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) throw new Error(`malformed header line in the FastCGI response: ${JSON.stringify(line)}`);
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    if (name === 'status') {
      const m = value.match(/^(\d{3})\b/);
      if (!m) throw new Error(`malformed Status header: ${JSON.stringify(value)}`);
      status = Number(m[1]);
      continue;
    }
    if (name in headers) headers[name] = [].concat(headers[name], value);
    else headers[name] = value;
  }
  return { status, headers, body: buf.subarray(end + sep).toString('utf8') };
}

export function fcgiRequest(socketPath, params, body = '', { timeout = 15000 } = {}) {
  const data = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
  const p = { ...params };
  if (data.length > 0 && p.CONTENT_LENGTH === undefined) p.CONTENT_LENGTH = String(data.length);
  const begin = Buffer.alloc(8);
  begin.writeUInt16BE(RESPONDER, 0);
  begin.writeUInt8(0, 2);   // flags: keep-conn 0, the application closes the connection
  const out = Buffer.concat([
    record(BEGIN_REQUEST, begin),
    ...stream(PARAMS, encodeParams(p)),
    ...stream(STDIN, data),
  ]);

  return new Promise((resolve, reject) => {
    const sock = net.createConnection({ path: socketPath });
    let inbuf = Buffer.alloc(0);
    const stdout = [];
    const stderr = [];
    let done = false;
    const finish = (err, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error(`FastCGI timeout after ${timeout} ms: ${p.REQUEST_METHOD} ${p.DOCUMENT_URI}`)), timeout);
    sock.on('connect', () => sock.write(out));
    sock.on('error', (e) => finish(e));
    sock.on('close', () => finish(new Error(`FastCGI connection closed before END_REQUEST: ${p.REQUEST_METHOD} ${p.DOCUMENT_URI}`)));
    sock.on('data', (chunk) => {
      inbuf = Buffer.concat([inbuf, chunk]);
      while (inbuf.length >= 8) {
        const version = inbuf.readUInt8(0);
        const type = inbuf.readUInt8(1);
        const len = inbuf.readUInt16BE(4);
        const pad = inbuf.readUInt8(6);
        if (inbuf.length < 8 + len + pad) break;
        const content = inbuf.subarray(8, 8 + len);
        inbuf = inbuf.subarray(8 + len + pad);
        if (version !== VERSION) return finish(new Error(`FastCGI record version ${version}`));
        if (type === STDOUT) stdout.push(content);
        else if (type === STDERR) stderr.push(content);
        else if (type === END_REQUEST) {
          const appStatus = content.readUInt32BE(0);
          const protocolStatus = content.readUInt8(4);
          if (protocolStatus !== 0) return finish(new Error(`FastCGI protocolStatus ${protocolStatus}`));
          const raw = Buffer.concat(stdout);
          let parsed;
          try {
            parsed = parseCgiResponse(raw);
          } catch (e) {
            return finish(e);
          }
          return finish(null, { ...parsed, stderr: Buffer.concat(stderr).toString('utf8'), appStatus, raw });
        }
        // other record types (GET_VALUES_RESULT, UNKNOWN_TYPE) are not expected: ignored
      }
    });
  });
}
