{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<article class="lead" id="{{PID}}">
<header class="lead-head">
<div class="lead-title">
<h1>{{NAME}}</h1>
{{#URL_LINK}}<p class="url"><a href="{{URL}}" rel="noopener noreferrer nofollow">{{URL}}</a></p>{{/URL_LINK}}
{{#URL_TEXT}}<p class="url">{{URL}}</p>{{/URL_TEXT}}
{{#DESCRIPTION}}<p class="description">{{TEXT:pre_escape}}</p>{{/DESCRIPTION}}
</div>
<form class="lead-status" method="post" action="/lead/{{PID}}/status">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="current">Status <span class="status">{{STATUS}}</span></p>
<p class="change">
<label for="status-select">Change status to</label>
<select id="status-select" name="status">
{{#STATUS_OPTION}}<option value="{{SPID}}"{{#CURRENT}} selected{{/CURRENT}}>{{LABEL}}</option>
{{/STATUS_OPTION}}</select>
<button type="submit">Change</button>
</p>
</form>
</header>
<div class="lead-body">
<div class="lead-side">
<section class="panel tasks" aria-labelledby="tasks-h">
<h2 id="tasks-h">Tasks <span class="n">{{NTASKS}}</span></h2>
{{#NO_TASKS}}<p class="none">No open tasks.</p>{{/NO_TASKS}}
<ul class="items">
{{#TASK}}<li class="task{{#LATE}} overdue{{/LATE}}" id="{{TPID}}">
{{! L5: the control that completes the task goes here, before its text (writes engineer). }}
<p class="task-text">{{TEXT:pre_escape}}</p>
<p class="meta">{{#DUE}}<span class="due">Due <time datetime="{{ISO}}">{{DATE}}</time>{{#OVERDUE}} <strong class="flag late">Overdue</strong>{{/OVERDUE}}{{#TODAY}} <strong class="flag today">Today</strong>{{/TODAY}}</span>{{/DUE}}
{{#ASSIGNEE}}<span class="assignee" title="Assigned to">{{NAME}}</span>{{/ASSIGNEE}}{{#CONTACT}}<span class="with">with {{NAME}}</span>{{/CONTACT}}</p>
</li>
{{/TASK}}</ul>
</section>
<section class="panel opportunities" aria-labelledby="opps-h">
<h2 id="opps-h">Opportunities <span class="n">{{NOPPS}}</span></h2>
{{#NO_OPPS}}<p class="none">No opportunities.</p>{{/NO_OPPS}}
<ul class="items">
{{#OPP}}<li class="opp opp-{{STATUS_TYPE}}" id="{{OPID}}">
<p class="opp-line"><span class="value">{{VALUE}}</span> <span class="opp-status">{{STATUS}}</span></p>
<p class="meta"><span class="confidence">{{CONFIDENCE}}%</span>{{#CLOSE}}<span class="close">Close {{DATE}}</span>{{/CLOSE}}{{#OWNER}}<span class="owner" title="Owner">{{NAME}}</span>{{/OWNER}}{{#CONTACT}}<span class="with">with {{NAME}}</span>{{/CONTACT}}</p>
{{#NOTE}}<p class="note">{{TEXT:pre_escape}}</p>{{/NOTE}}
</li>
{{/OPP}}</ul>
</section>
<section class="panel contacts" aria-labelledby="contacts-h">
<h2 id="contacts-h">Contacts <span class="n">{{NCONTACTS}}</span></h2>
{{#NO_CONTACTS}}<p class="none">No contacts.</p>{{/NO_CONTACTS}}
<ul class="items">
{{#CONTACT}}<li class="contact" id="{{CPID}}">
<p class="contact-name">{{NAME}}</p>
{{#TITLE}}<p class="contact-title">{{TEXT}}</p>{{/TITLE}}
<ul class="points">
{{#EMAIL}}<li><a href="mailto:{{ADDRESS}}">{{ADDRESS}}</a> <span class="kind">{{KIND}}</span></li>
{{/EMAIL}}{{#PHONE}}<li><a href="tel:{{TEL}}">{{NUMBER}}</a> <span class="kind">{{KIND}}</span></li>
{{/PHONE}}</ul>
</li>
{{/CONTACT}}</ul>
</section>
<section class="panel custom-fields" aria-labelledby="fields-h">
<h2 id="fields-h">Custom fields</h2>
{{#NO_FIELDS}}<p class="none">This organization has no custom fields.</p>{{/NO_FIELDS}}
{{>FIELDS}}
</section>
</div>
<section class="history" aria-labelledby="history-h">
<div class="history-head">
<h2 id="history-h">Activity</h2>
<details class="filter" id="filter">
<summary>Show: <span class="filter-label">{{FILTER_LABEL}}</span></summary>
<form method="get" action="/lead/{{PID}}/" class="filter-form" id="filter-form">
<fieldset>
<legend>Activity types</legend>
<ul>
{{#KIND}}<li><label><input type="checkbox" name="type" value="{{KEY}}"{{#CHECKED}} checked{{/CHECKED}}> <span class="kind-label">{{LABEL}}</span> <span class="count">{{COUNT}}</span></label></li>
{{/KIND}}</ul>
</fieldset>
<p class="filter-actions"><button type="submit">Apply</button> <a class="filter-all" href="/lead/{{PID}}/">All activities <span class="count">{{TOTAL}}</span></a></p>
</form>
</details>
</div>
{{>HISTORY}}
</section>
</div>
</article>
<script src="/static/lead.js" defer></script>
{{>FOOTER}}
