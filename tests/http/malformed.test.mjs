// Hostile input ("Quality every page shares": bad input anywhere
// gets a clear error with the right status and changes nothing): oversized,
// truncated and malformed requests to the write forms of the lead page (L5),
// the files upload (F4) and the import (L9). Each is a 4xx with a message and
// leaves every data table (CHECKSUM TABLE) and the file store as they were.
// bad-input.test.mjs has the same for the login form and the list's query.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { request, get, post, VAR, BASE } from '../lib/client.mjs';
import { session, leadPid, assertErrorPage, errorMessage } from '../lib/http-extra.mjs';
import { snapshot } from '../lib/tables.mjs';
import { fcgiRequest } from '../lib/fcgi.mjs';

let s;
let lead;
before(async () => {
  s = await session('ada@northwind.test');
  lead = leadPid('Globex Corporation');
});

// Runs fn and asserts that no data table and no file of the store changed.
async function unchanged(what, fn) {
  const before0 = snapshot();
  const out = await fn();
  assert.deepEqual(snapshot(), before0, `${what}: nothing changed`);
  return out;
}

const form = (body) => ({ jar: s.jar, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

// A 4xx error page of the application with a message.
// The parser's message, or the files tab's own when the body ends inside or
// after a file part it was streaming to the store: both name the upload as cut.
const MP_MALFORMED = /^The upload is (not well-formed multipart\/form-data|incomplete or not a well-formed form \(its fields come first, then its files\))\.$/;

function refused(res, status, re, what) {
  return assertErrorPage(res, status, re, what);
}

// nginx's own answer (it refuses before a page program sees the request):
// the status and nginx's page naming it.
function refusedByNginx(res, status, re, what) {
  assert.equal(res.status, status, `${what}: status`);
  assert.match(res.body, re, `${what}: a message naming the problem`);
}

test('a body over its limit: a 2 MB note → 413 from nginx, nothing changed', async () => {
  await unchanged('2 MB note', async () => {
    const body = `csrf=${s.csrf}&text=${'a'.repeat(2 * 1024 * 1024)}`;
    const res = await request('POST', `/lead/${lead}/note`, form(body));
    refusedByNginx(res, 413, /413|too large/i, '2 MB note');
  });
});

test('a body over the program\'s own limit (max_body, straight to the worker) → 413 naming the limit', async () => {
  await unchanged('CONTENT_LENGTH over max_body', async () => {
    const res = await fcgiRequest(`${VAR}/run/lead.sock`, {
      ...cgi('POST', `/lead/${lead}/note`), CONTENT_TYPE: 'application/x-www-form-urlencoded',
      CONTENT_LENGTH: String(1048576 + 1),
    }, `csrf=${s.csrf}&text=x`);
    assert.equal(res.status, 413);
    assert.match(errorMessage(res.body) ?? '', /too large.*1048576 bytes/i);
  });
});

test('a header over nginx\'s limit (large_client_header_buffers 4 16k) → 400 from nginx, nothing changed', async () => {
  await unchanged('20 KB header', async () => {
    const res = await request('POST', `/lead/${lead}/note`, { ...form({ csrf: s.csrf, text: 'big header' }), headers: { 'x-big': 'h'.repeat(20 * 1024) } });
    refusedByNginx(res, 400, /Request Header Or Cookie Too Large/i, '20 KB header');
  });
  await unchanged('a 20 KB URI', async () => {
    const res = await request('GET', `/lead/${lead}/?type=${'n'.repeat(20 * 1024)}`, { jar: s.jar });
    refusedByNginx(res, 414, /414|too large|too long/i, '20 KB URI');
  });
});

test('invalid UTF-8 in a text field (note, lead name, contact name, task) → 400 naming UTF-8, nothing changed', async () => {
  for (const [path, field] of [[`/lead/${lead}/note`, 'text'], ['/leads', 'name'], [`/lead/${lead}/contact`, 'name'],
    [`/lead/${lead}/task`, 'text'], [`/lead/${lead}/edit`, 'description']]) {
    for (const bad of ['%FF', 'ok%C3%28', '%ED%A0%80', '%C0%AF', 'cut%F0%9F']) {
      await unchanged(`${path} ${field}=${bad}`, async () => {
        const extra = path.endsWith('/edit') ? '&name=Globex%20Corporation' : '';
        const res = await request('POST', path, form(`csrf=${s.csrf}&${field}=${bad}${extra}`));
        refused(res, 400, /UTF-8/i, `${path} ${field}=${bad}`);
      });
    }
  }
});

test('a missing parameter: a note without text → 400 with the message beside the field; without csrf → 403', async () => {
  await unchanged('note without text', async () => {
    const res = await request('POST', `/lead/${lead}/note`, form(`csrf=${s.csrf}`));
    assert.equal(res.status, 400, 'note without text');
    assert.match(res.body, /class="field-error"|role="alert"|aria-invalid="true"/, 'the form shows its message');
  });
  await unchanged('lead without name', async () => {
    const res = await request('POST', '/leads', form(`csrf=${s.csrf}&url=&description=`));
    assert.equal(res.status, 400, 'lead without a name');
  });
  await unchanged('note without csrf', async () => {
    const res = await request('POST', `/lead/${lead}/note`, form('text=no%20token'));
    refused(res, 403, /token|expired|form/i, 'note without csrf');
  });
});

test('a doubled parameter: text twice, csrf twice → 400 naming it, nothing changed', async () => {
  await unchanged('text twice', async () => {
    const res = await request('POST', `/lead/${lead}/note`, form(`csrf=${s.csrf}&text=one&text=two`));
    const msg = refused(res, 400, /(&quot;|")text(&quot;|")/, 'text twice');
    assert.match(msg, /more than once/);
  });
  await unchanged('csrf twice', async () => {
    const res = await request('POST', `/lead/${lead}/note`, form(`csrf=${s.csrf}&csrf=${s.csrf}&text=x`));
    refused(res, 400, /(&quot;|")csrf(&quot;|").*more than once/, 'csrf twice (the same value)');
  });
  await unchanged('csrf twice, a wrong one first', async () => {
    const res = await request('POST', `/lead/${lead}/note`, form(`csrf=wrong&csrf=${s.csrf}&text=x`));
    refused(res, 400, /more than once/, 'csrf twice (a wrong one, then the right one)');
  });
  await unchanged('name twice on a new lead', async () => {
    const res = await request('POST', '/leads', form(`csrf=${s.csrf}&name=A&name=B`));
    refused(res, 400, /(&quot;|")name(&quot;|")/, 'name twice');
  });
});

test('a wrong method: GET, PUT, DELETE on a POST-only form → 405 with Allow: POST, nothing changed', async () => {
  for (const m of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    await unchanged(`${m} note`, async () => {
      const res = await request(m, `/lead/${lead}/note`, m === 'GET' ? { jar: s.jar } : form(`csrf=${s.csrf}&text=x`));
      refused(res, 405, /method/i, `${m} /lead/<id>/note`);
      assert.equal(res.headers.allow, 'POST');
    });
  }
  await unchanged('PUT the lead page', async () => {
    const res = await request('PUT', `/lead/${lead}/`, form(`csrf=${s.csrf}`));
    refused(res, 405, /method/i, 'PUT /lead/<id>/');
    assert.equal(res.headers.allow, 'GET, HEAD');
  });
});

// A multipart body to the files tab (csrf first), cut before its end.
function multipart(boundary, parts, { close = true } = {}) {
  let text = '';
  for (const [name, value, filename] of parts) {
    text += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n`;
    if (filename) text += 'Content-Type: text/plain\r\n';
    text += `\r\n${value}\r\n`;
  }
  if (close) text += `--${boundary}--\r\n`;
  return text;
}

test('a truncated multipart body (upload to the files tab, the import): 400 naming it, no row, no file kept', async () => {
  const csrf = (await get(`/lead/${lead}/files`, { jar: s.jar })).body.match(/name="csrf" value="([^"]+)"/)?.[1];
  assert.ok(csrf, 'the files tab has its upload form');
  const b = `----ll${randomBytes(8).toString('hex')}`;
  const whole = multipart(b, [['csrf', csrf], ['file', 'hello, this file is cut '.repeat(200), 'cut.txt']], { close: false });
  const cuts = [
    ['no closing boundary', whole],
    ['cut inside the file part', whole.slice(0, whole.length - 1000)],
    ['cut inside the part headers', whole.slice(0, whole.indexOf('filename=') + 5)],
    ['cut inside the csrf part', whole.slice(0, whole.indexOf(csrf) + 4)],
  ];
  for (const [what, body] of cuts) {
    for (const path of [`/lead/${lead}/files`, '/import']) {
      await unchanged(`${path}: ${what}`, async () => {
        const res = await request('POST', path, { jar: s.jar, body: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
        refused(res, 400, MP_MALFORMED, `${path} ${what}`);
      });
    }
  }
  // the message says what is wrong, for the plain case
  const res = await request('POST', `/lead/${lead}/files`, { jar: s.jar, body: Buffer.from(whole), headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
  refused(res, 400, MP_MALFORMED, 'no closing boundary');
});

// The CGI variables nginx passes (fastcgi_params), for a request straight to a worker.
function cgi(method, uri) {
  return {
    GATEWAY_INTERFACE: 'CGI/1.1', SERVER_PROTOCOL: 'HTTP/1.1', REQUEST_METHOD: method,
    DOCUMENT_URI: uri, SCRIPT_NAME: uri, REQUEST_URI: uri, QUERY_STRING: '',
    HTTP_HOST: '127.0.0.1', REMOTE_ADDR: '127.0.0.1', HTTP_COOKIE: `${s.name}=${s.token}`,
  };
}

test('a Content-Length larger than the body, straight to the worker → 400 "shorter than its length", nothing changed', async () => {
  for (const [sock, uri, body] of [['lead', `/lead/${lead}/note`, `csrf=${s.csrf}&text=short`],
    ['leads', '/leads', `csrf=${s.csrf}&name=Short%20body`], ['login', '/logout', `csrf=${s.csrf}`]]) {
    await unchanged(`${uri} with a short body`, async () => {
      const res = await fcgiRequest(`${VAR}/run/${sock}.sock`, {
        ...cgi('POST', uri), CONTENT_TYPE: 'application/x-www-form-urlencoded', CONTENT_LENGTH: String(Buffer.byteLength(body) + 500),
      }, body);
      assert.equal(res.status, 400, `${uri}: ${res.status}`);
      assert.match(errorMessage(res.body) ?? '', /shorter than its length/);
    });
  }
  // the session survived (the logout above did nothing)
  assert.equal((await get('/leads', { jar: s.jar })).status, 200);
});

// Sends raw bytes on one connection, closes the sending side, and resolves the
// whole answer (possibly empty: nginx may just close a connection whose client
// went away).
function rawExchange(bytes) {
  const u = new URL(BASE);
  return new Promise((resolve, reject) => {
    const sock = net.createConnection({ host: u.hostname, port: Number(u.port) });
    const chunks = [];
    sock.on('connect', () => { sock.write(bytes); sock.end(); });
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', (e) => (e.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks).toString('latin1')) : reject(e)));
    sock.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    sock.setTimeout(90000, () => { sock.destroy(); reject(new Error('no answer and no close')); });
  });
}

test('a Content-Length larger than the body through nginx (the client stops sending): no 2xx/5xx, nothing changed', async () => {
  for (const path of [`/lead/${lead}/note`, '/leads']) {
    await unchanged(`${path} with a short body`, async () => {
      const body = `csrf=${s.csrf}&text=short&name=Short`;
      const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${s.name}=${s.token}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length + 500}\r\nConnection: close\r\n\r\n`;
      const answer = await rawExchange(head + body);
      const status = answer.match(/^HTTP\/1\.1 (\d{3})/)?.[1];
      // nginx reads the body before the program sees the request: a client that
      // stops short gets a 400 or no answer at all, never a page program's 2xx/3xx
      assert.ok(status === undefined || /^4/.test(status), `${path}: ${status ?? 'closed without an answer'}`);
    });
  }
});

test('a body with bytes after a NUL, and a NUL in a text field → 400, nothing changed', async () => {
  await unchanged('NUL in note text', async () => {
    const res = await request('POST', `/lead/${lead}/note`, form(`csrf=${s.csrf}&text=a%00b`));
    assert.equal(res.status, 400, `NUL: ${res.status}`);
  });
});
