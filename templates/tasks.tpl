{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="tasks-page">
<h1>{{HEADING}}</h1>
{{#REFUSED}}<p class="form-error" role="alert">{{MSG}}</p>{{/REFUSED}}
<form method="get" action="/tasks" class="tasks-filter">
{{#WHO_FILTER}}<label for="f-who">Whose</label>
<select id="f-who" name="who"><option value="me"{{#WHO_ME}} selected{{/WHO_ME}}>Mine</option><option value="anyone"{{#WHO_ANYONE}} selected{{/WHO_ANYONE}}>Everyone's</option>{{#MEMBER}}<option value="{{M_PID}}"{{#SEL}} selected{{/SEL}}>{{M_NAME}}</option>{{/MEMBER}}</select>{{/WHO_FILTER}}
<label for="f-due">Due</label>
<select id="f-due" name="due">{{#DUE_OPT}}<option value="{{D_VALUE}}"{{#SEL}} selected{{/SEL}}>{{D_LABEL}}</option>{{/DUE_OPT}}</select>
<button type="submit">Show</button>
</form>
<div class="panel">
<ul class="items tasks-list">
{{#TASK}}<li class="task due-{{T_WHEN}}{{#T_OVERDUE_ROW}} overdue{{/T_OVERDUE_ROW}}" id="{{T_PID}}">
<form class="complete" method="post" action="/tasks/{{T_PID}}/complete"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="who" value="{{WHO}}"><input type="hidden" name="due" value="{{DUE}}"><button type="submit" class="done" aria-label="Complete: {{T_TEXT}}" title="Complete">✓</button></form>
<p class="task-text">{{T_TEXT}}</p>
<p class="meta">{{#T_DUE}}<span class="due">{{#T_OVERDUE}}Overdue · {{/T_OVERDUE}}{{#T_TODAY}}Today · {{/T_TODAY}}{{D}}</span>{{/T_DUE}}<a class="lead-link" href="/lead/{{T_LEAD}}/#tasks">{{T_LEAD_NAME}}</a>{{#T_CONTACT}}<span class="with">with {{N}}</span>{{/T_CONTACT}}{{#T_ASSIGNEE}}<span class="owner">{{N}}</span>{{/T_ASSIGNEE}}</p>
</li>
{{/TASK}}
</ul>
{{#NO_TASKS}}<p class="none">No open tasks here.</p>{{/NO_TASKS}}
</div>
{{#MORE}}<p class="meta">The first {{N}} are shown: narrow the list with the filters.</p>{{/MORE}}
</section>
{{>FOOTER}}
