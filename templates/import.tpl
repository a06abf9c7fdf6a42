{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="import">
<p class="back"><a href="/leads">Leads</a></p>
<h1>Import leads</h1>
<p>Upload a CSV file (up to {{MAX}}) whose first row names its columns: company,
contact name, title, email, phone, URL, description, status, or the name of a custom
field. {{MODE}} Next you confirm what each column becomes.</p>
{{#UPLOAD_ERROR}}<p class="form-error" role="alert">{{MESSAGE}}</p>{{/UPLOAD_ERROR}}
<form method="post" action="/import" enctype="multipart/form-data" class="import-upload">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="file">CSV file</label>
<input id="file" name="file" type="file" accept=".csv,text/csv,text/plain" required>
<button type="submit">Upload</button>
</form>
{{#RECENT}}
<h2>Latest imports</h2>
<table class="leads-list imports">
<thead><tr><th scope="col">File</th><th scope="col">State</th><th scope="col">Rows</th><th scope="col">By</th><th scope="col">When (UTC)</th></tr></thead>
<tbody>
{{#IMPORT}}<tr>
<td><a href="/import/{{PID}}/">{{FILE}}</a></td>
<td>{{STATE}}</td>
<td>{{DONE}} of {{TOTAL}}</td>
<td>{{WHO}}</td>
<td><time>{{WHEN}}</time></td>
</tr>
{{/IMPORT}}
</tbody>
</table>
{{/RECENT}}
</section>
{{>FOOTER}}
