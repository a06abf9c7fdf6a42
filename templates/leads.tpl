{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="leads">
<div class="leads-head">
<h1>Leads</h1>
<p class="leads-actions"><a href="/import">Import a CSV file</a></p>
</div>
<form method="get" action="/leads" class="leads-search" role="search">
<label for="q">Search leads</label>
<input id="q" name="q" type="search" value="{{Q}}" maxlength="200" placeholder="Name, contact, email or phone">
<button type="submit">Search</button>
{{#SEARCHED}}<a href="/leads">Show all leads</a>{{/SEARCHED}}
</form>
<details class="new-lead"{{#FORM_OPEN}} open{{/FORM_OPEN}}>
<summary>New lead</summary>
<form method="post" action="/leads" class="lead-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<label for="new-name">Name</label>
<input id="new-name" name="name" required maxlength="255" value="{{NAME}}"{{#NAME_ERR}} aria-invalid="true" aria-describedby="new-name-error"{{/NAME_ERR}}>
{{#NAME_ERR}}<p class="form-error" id="new-name-error" role="alert">{{MSG}}</p>{{/NAME_ERR}}
<label for="new-url">URL</label>
<input id="new-url" name="url" maxlength="2048" value="{{URL}}"{{#URL_ERR}} aria-invalid="true" aria-describedby="new-url-error"{{/URL_ERR}}>
{{#URL_ERR}}<p class="form-error" id="new-url-error" role="alert">{{MSG}}</p>{{/URL_ERR}}
<label for="new-description">Description</label>
<textarea id="new-description" name="description" rows="3"{{#DESCRIPTION_ERR}} aria-invalid="true" aria-describedby="new-description-error"{{/DESCRIPTION_ERR}}>{{DESCRIPTION:pre_escape}}</textarea>
{{#DESCRIPTION_ERR}}<p class="form-error" id="new-description-error" role="alert">{{MSG}}</p>{{/DESCRIPTION_ERR}}
<button type="submit">Create lead</button>
</form>
</details>
<form method="get" action="/leads" class="leads-filter" aria-labelledby="filter-h">
<h2 id="filter-h" class="filter-h">Filter and sort</h2>
<div class="filter-fields">
<p class="filter-field"><label for="f-owner">Owner</label>
<select id="f-owner" name="owner"><option value="">Anyone</option><option value="me"{{#OWNER_ME}} selected{{/OWNER_ME}}>Me</option>{{#OWNER_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/OWNER_OPT}}</select></p>
<fieldset class="filter-field filter-statuses"><legend>Status</legend>
{{#STATUS_OPT}}<label class="check"><input type="checkbox" name="status" value="{{V}}"{{#CHECKED}} checked{{/CHECKED}}> {{L}}</label>
{{/STATUS_OPT}}</fieldset>
<p class="filter-field"><label for="f-since">Last activity since</label>
<input id="f-since" name="active_since" type="date" value="{{ACTIVE_SINCE}}"></p>
<p class="filter-field"><label for="f-before">No activity since</label>
<input id="f-before" name="active_before" type="date" value="{{ACTIVE_BEFORE}}"></p>
<p class="filter-field"><label for="f-tasks">Open tasks</label>
<select id="f-tasks" name="tasks"><option value="">Any</option><option value="with"{{#TASKS_WITH}} selected{{/TASKS_WITH}}>With open tasks</option><option value="without"{{#TASKS_WITHOUT}} selected{{/TASKS_WITHOUT}}>Without</option></select></p>
<p class="filter-field"><label for="f-opp">Active opportunity</label>
<select id="f-opp" name="opportunity"><option value="">Any</option><option value="with"{{#OPP_WITH}} selected{{/OPP_WITH}}>With an active one</option><option value="without"{{#OPP_WITHOUT}} selected{{/OPP_WITHOUT}}>Without</option></select></p>
<p class="filter-field"><label for="f-sort">Sort by</label>
<select id="f-sort" name="sort">{{#SORT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/SORT_OPT}}</select></p>
</div>
<p class="filter-actions"><button type="submit">Apply</button>{{#FILTERED}} <a href="/leads">Clear the filter</a>{{/FILTERED}}</p>
</form>
{{#SEARCHED}}<p class="search-for">Leads matching “{{Q}}”</p>{{/SEARCHED}}
{{#TOO_MANY}}<p class="notice">More than {{MAX}} leads match; {{MAX}} are shown. Type more of the name, email or number to narrow the search.</p>{{/TOO_MANY}}
<table class="leads-list">
<thead><tr><th scope="col">Lead</th><th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Contact</th><th scope="col">Last activity</th></tr></thead>
<tbody>
{{#LEAD}}<tr>
<td><a href="/lead/{{PID}}/">{{NAME}}</a></td>
<td><span class="status">{{STATUS}}</span></td>
<td class="owner">{{OWNER}}</td>
<td>{{CONTACT}}</td>
<td><time>{{LAST_ACTIVITY}}</time></td>
</tr>
{{/LEAD}}
</tbody>
</table>
{{#EMPTY}}<p class="empty">No leads yet.</p>{{/EMPTY}}
{{#NO_FILTER_MATCH}}<p class="empty">No lead passes the filter.</p>{{/NO_FILTER_MATCH}}
{{#NO_MATCH}}<p class="empty">No lead matches “{{Q}}”.</p>{{/NO_MATCH}}
{{#MORE}}<p class="more"><a href="/leads?{{AFTER}}">Next page</a></p>{{/MORE}}
</section>
{{>FOOTER}}
