// "Every user-visible string is escaped by the template engine" — a lead
// whose name, url and description are markup shows them as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, sql } from '../lib/client.mjs';
import { one, lit, session, orgId, allListedLeads, nextPageHref, postLogin } from '../lib/http-extra.mjs';

const NAME = `<script>alert(1)</script>&"'`;
const DESC = '<img src=x onerror=alert(2)> and <b>bold</b>';
const URL_JS = 'javascript:alert(3)';
let pid;

before(() => {
  const nw = orgId('Northwind Traders');
  const status = one(`SELECT id FROM lead_statuses WHERE organization_id = ${nw} ORDER BY position, id LIMIT 1`);
  assert.ok(status, 'Northwind has a lead status');
  pid = one('SELECT ll_id(\'lead_\')');
  sql(`INSERT INTO leads (pid, organization_id, name, url, description, status_id)
       VALUES (${lit(pid)}, ${nw}, ${lit(NAME)}, ${lit(URL_JS)}, ${lit(DESC)}, ${status})`);
  assert.equal(one(`SELECT name FROM leads WHERE pid = ${lit(pid)}`), NAME, 'stored as given');
});

after(() => {
  if (pid) sql(`DELETE FROM leads WHERE pid = ${lit(pid)}`);
});

function assertNoRawMarkup(body, where) {
  assert.ok(!body.includes('<script>alert(1)'), `${where}: the raw <script> tag`);
  // the page's own scripts (same-origin files under /static/) are the only script elements
  assert.ok(!/<script\b(?![^>]*\bsrc="\/static\/[a-z]+\.js"[^>]*><\/script>)/i.test(body), `${where}: a <script> element at all`);
  assert.ok(!body.includes('<img src=x'), `${where}: the raw <img> tag`);
  assert.ok(!/\bonerror=/i.test(body.replace(/&lt;img src=x onerror=alert\(2\)&gt;/g, '')), `${where}: an onerror attribute`);
  assert.ok(!/href\s*=\s*["']?\s*javascript:/i.test(body), `${where}: a javascript: link`);
}

test('the lead page shows the name, description and url escaped, never the raw tags', async () => {
  const { jar } = await session('ada@northwind.test');
  const res = await get(`/lead/${pid}/`, { jar });
  assert.equal(res.status, 200);
  assertNoRawMarkup(res.body, 'lead page');
  assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;'), 'the name escaped in the page');
  assert.match(res.body, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt;&amp;(&quot;|&#34;|&#x22;|")(&#39;|&#x27;|&apos;|')<\/h1>/,
    'the whole name, escaped, as the heading');
  assert.match(res.body, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt;&amp;/, 'escaped in the title too');
  assert.ok(res.body.includes('&lt;img src=x onerror=alert(2)&gt; and &lt;b&gt;bold&lt;/b&gt;'), 'the description escaped');
  assert.ok(!res.body.includes('<b>bold</b>'));
});

test('/leads lists the lead with its name escaped, never the raw tag', async () => {
  const { jar } = await session('ada@northwind.test');
  const listed = await allListedLeads(jar);
  assert.ok(listed.includes(pid), 'the lead is listed');
  let href = '/leads';
  let found = false;
  while (href) {
    const res = await get(href, { jar });
    assert.equal(res.status, 200);
    assertNoRawMarkup(res.body, href);
    if (res.body.includes(`/lead/${pid}/`)) {
      found = true;
      assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;'), 'the name escaped in the list');
    }
    href = nextPageHref(res.body);
  }
  assert.ok(found);
});

test('an attribute value cannot be broken out of: the echoed email on a refused login', async () => {
  const jar = new Map();
  const evil = '"><script>alert(4)</script>@x.test';
  const res = await postLogin(jar, { email: evil, password: 'wrong' });
  assert.equal(res.status, 403);
  assert.ok(!res.body.includes('<script>alert(4)'), 'the raw tag');
  assert.ok(!res.body.includes('"><script'), 'the attribute is not closed by the input');
  assert.match(res.body, /value="(&quot;|&#34;|&#x22;)&gt;&lt;script&gt;alert\(4\)&lt;\/script&gt;@x\.test"/, 'echoed escaped in its field');
});
