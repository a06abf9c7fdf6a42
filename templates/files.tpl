{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="files-tab" id="files">
<nav class="lead-tabs" aria-label="Lead"><a href="/lead/{{LEAD_PID}}/">Activity</a> <a href="/lead/{{LEAD_PID}}/files" aria-current="page">Files</a></nav>
<h1><a href="/lead/{{LEAD_PID}}/">{{LEAD_NAME}}</a>: files</h1>
<form class="files-filter" method="get" action="/lead/{{LEAD_PID}}/files">
<fieldset><legend>Type</legend>
{{#CAT}}<label class="files-cat"><input type="checkbox" name="category" value="{{NAME}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}} <span class="count" data-category="{{NAME}}">({{COUNT}})</span></label>
{{/CAT}}</fieldset>
<fieldset><legend>Date received</legend>
<label for="files-from">From</label> <input id="files-from" type="date" name="from" value="{{FROM}}">
<label for="files-to">To</label> <input id="files-to" type="date" name="to" value="{{TO}}">
</fieldset>
<p class="actions"><button type="submit">Filter</button> <a href="/lead/{{LEAD_PID}}/files">Clear</a></p>
</form>
<form class="files-upload" id="files-upload" method="post" action="/lead/{{LEAD_PID}}/files" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="files-file">Share files with the lead (at most 25 MB together)</label> <input id="files-file" type="file" name="file" multiple required>
<button type="submit">Upload</button>
</form>
<p class="files-count">{{SHOWN}} of {{TOTAL}} files</p>
<table class="files-list">
<thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Size</th><th scope="col">Received</th><th scope="col">Source</th></tr></thead>
<tbody>
{{#FILE}}<tr class="file" data-file-id="{{PID}}">
<td><a class="file-name" href="/file/{{PID}}">{{NAME}}</a></td>
<td class="file-cat">{{CATEGORY}}</td>
<td class="file-size">{{SIZE}}</td>
<td><time datetime="{{WHEN_UTC}}">{{WHEN}}</time></td>
<td class="file-source">{{#FROM_ACT}}{{#FROM_ACT_separator}} {{/FROM_ACT_separator}}<a class="source source-{{TYPE}}" href="/lead/{{LEAD_PID}}/#activityId={{ACT_PID}}" title="{{TITLE}}"><span aria-hidden="true">{{ICON}}</span> {{LABEL}}</a>{{/FROM_ACT}}{{#DIRECT}}<span class="source source-direct">Shared with the lead</span>{{/DIRECT}}</td>
</tr>
{{/FILE}}</tbody>
</table>
{{#NONE}}<p class="empty">No file matches.</p>{{/NONE}}
<nav class="files-pages" aria-label="More files">{{#NEWEST}}<a class="newest" href="{{HREF}}">Newest files</a> {{/NEWEST}}{{#OLDER}}<a class="older" rel="next" href="{{HREF}}">Older files</a>{{/OLDER}}</nav>
</section>
{{>FOOTER}}
