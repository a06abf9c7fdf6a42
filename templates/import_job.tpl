{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="import">
<p class="back"><a href="/import">Imports</a> · <a href="/leads">Leads</a></p>
<h1>Import of {{FILE}}</h1>
{{#MAPPING}}
<h2>What each column becomes</h2>
<p>{{ROWS}} rows to import. Check what each column of the file becomes; a column set to
“Do not import” is left out.</p>
{{#MAP_ERROR}}<p class="form-error" role="alert">{{MESSAGE}}</p>{{/MAP_ERROR}}
<form method="post" action="/import/{{PID}}/map" class="import-map">
<input type="hidden" name="csrf" value="{{CSRF}}">
<table class="leads-list mapping">
<thead><tr><th scope="col">Column</th><th scope="col">First row</th><th scope="col">Import as</th></tr></thead>
<tbody>
{{#COLUMN}}<tr>
<th scope="row"><label for="target-{{N}}">{{HEADER}}</label></th>
<td>{{SAMPLE}}</td>
<td><select id="target-{{N}}" name="target">
{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/OPTION}}</select></td>
</tr>
{{/COLUMN}}
</tbody>
</table>
<button type="submit">Import {{ROWS}} rows</button>
</form>
<form method="post" action="/import/{{PID}}/stop" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">Cancel</button>
</form>
{{/MAPPING}}
{{#PROGRESS}}
<h2>Importing…</h2>
<p class="progress-text" role="status">{{DONE}} of {{TOTAL}} rows done ({{PERCENT}}%).</p>
<progress max="{{TOTAL}}" value="{{DONE}}">{{PERCENT}}%</progress>
<p>This page reloads itself while the import runs; leaving it pauses the import, and
opening it again goes on where it stopped.</p>
<form method="post" action="/import/{{PID}}/stop" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">Stop the import</button>
</form>
{{/PROGRESS}}
{{#REPORT}}
{{#DONE}}<h2>Import finished</h2>{{/DONE}}
{{#ENDED}}<h2>Import ended early</h2>
<p class="form-error" role="alert">{{MESSAGE}}</p>{{/ENDED}}
{{#HOW_FAR}}<p class="how-far">It went up to line {{LINE}}: the rows before it are imported whole, none after it.</p>{{/HOW_FAR}}
<dl class="import-report">
<dt>Rows done</dt><dd class="rows-done">{{DONE}} of {{TOTAL}}</dd>
<dt>Leads created</dt><dd class="leads-created">{{LEADS_CREATED}}</dd>
<dt>Leads merged</dt><dd class="leads-merged">{{LEADS_MERGED}}</dd>
<dt>Contacts created</dt><dd class="contacts-created">{{CONTACTS_CREATED}}</dd>
<dt>Rows skipped</dt><dd class="rows-skipped">{{SKIPPED}}</dd>
</dl>
{{#SKIPS}}
<h3>Skipped rows</h3>
<table class="leads-list skips">
<thead><tr><th scope="col">Line</th><th scope="col">Reason</th></tr></thead>
<tbody>
{{#SKIP}}<tr><td class="line">{{LINE}}</td><td class="reason">{{REASON}}</td></tr>
{{/SKIP}}
</tbody>
</table>
{{#MORE_SKIPS}}<p class="more"><a href="/import/{{PID}}/?from={{FROM}}">More skipped rows</a></p>{{/MORE_SKIPS}}
{{/SKIPS}}
<p><a href="/leads">See the leads</a> · <a href="/import">Import another file</a></p>
{{/REPORT}}
</section>
{{>FOOTER}}
