{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="leads">
<h1>Leads</h1>
<table class="leads-list">
<thead><tr><th scope="col">Lead</th><th scope="col">Status</th><th scope="col">Contact</th><th scope="col">Updated</th></tr></thead>
<tbody>
{{#LEAD}}<tr>
<td><a href="/lead/{{PID}}/">{{NAME}}</a></td>
<td><span class="status">{{STATUS}}</span></td>
<td>{{CONTACT}}</td>
<td><time>{{UPDATED}}</time></td>
</tr>
{{/LEAD}}
</tbody>
</table>
{{#EMPTY}}<p class="empty">No leads yet.</p>{{/EMPTY}}
{{#MORE}}<p class="more"><a href="/leads?after={{AFTER}}">Next page</a></p>{{/MORE}}
</section>
{{>FOOTER}}
