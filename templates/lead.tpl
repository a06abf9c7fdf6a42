{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<article class="lead" id="{{PID}}">
<header class="lead-head">
<div class="lead-title">
<h1>{{NAME}}</h1>
<nav class="lead-tabs" aria-label="Lead"><a href="/lead/{{PID}}/files">Files</a> <a href="/lead/{{PID}}/trash">Trash</a></nav>
{{#URL_LINK}}<p class="url"><a href="{{URL}}" rel="noopener noreferrer nofollow">{{URL}}</a></p>{{/URL_LINK}}
{{#URL_TEXT}}<p class="url">{{URL}}</p>{{/URL_TEXT}}
{{#DESCRIPTION}}<p class="description">{{TEXT:pre_escape}}</p>{{/DESCRIPTION}}
</div>
{{#LEAD_FORM}}<details class="form lead-edit"{{#OPEN}} open{{/OPEN}}>
<summary>Edit lead</summary>
<form method="post" action="/lead/{{PID}}/edit">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="lead-name">Name</label><input id="lead-name" name="name" type="text" required value="{{NAME}}"{{#NAME_ERR}} aria-invalid="true" aria-describedby="lead-name-err"{{/NAME_ERR}}>{{#NAME_ERR}}<span class="form-error" id="lead-name-err">{{MSG}}</span>{{/NAME_ERR}}</p>
<p class="row"><label for="lead-url">URL</label><input id="lead-url" name="url" type="text" value="{{URL}}"{{#URL_ERR}} aria-invalid="true" aria-describedby="lead-url-err"{{/URL_ERR}}>{{#URL_ERR}}<span class="form-error" id="lead-url-err">{{MSG}}</span>{{/URL_ERR}}</p>
<p class="row"><label for="lead-description">Description</label><textarea id="lead-description" name="description" rows="3"{{#DESCRIPTION_ERR}} aria-invalid="true" aria-describedby="lead-description-err"{{/DESCRIPTION_ERR}}>{{DESCRIPTION:pre_escape}}</textarea>{{#DESCRIPTION_ERR}}<span class="form-error" id="lead-description-err">{{MSG}}</span>{{/DESCRIPTION_ERR}}</p>
<p class="actions"><button type="submit">Save lead</button></p>
</form>
</details>
{{/LEAD_FORM}}
<div class="lead-controls">
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
<form class="lead-status lead-owner" method="post" action="/lead/{{PID}}/owner">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="current">Owner <span class="owner">{{OWNER}}</span></p>
<p class="change">
<label for="owner-select">Change owner to</label>
<select id="owner-select" name="owner">
{{#OWNER_NONE_OPTION}}<option value=""{{#SELECTED}} selected{{/SELECTED}}>—</option>
{{/OWNER_NONE_OPTION}}{{#OWNER_OPTION}}<option value="{{UPID}}"{{#OWNER_CURRENT}} selected{{/OWNER_CURRENT}}>{{LABEL}}</option>
{{/OWNER_OPTION}}</select>
<button type="submit">Change</button>
</p>
</form>
</div>
</header>
<div class="lead-body">
<div class="lead-side">
<section class="panel summary-panel" id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>
<details class="summary-fold"><summary>The summary</summary>
<iframe class="summary-frame" src="/lead/{{PID}}/summary/panel" loading="lazy" title="Summary of the lead" width="100%" height="420"></iframe>
</details>
<p><a class="summary-open" href="/lead/{{PID}}/summary">Show the lead summary</a></p></section>
<section class="panel tasks" id="tasks" aria-labelledby="tasks-h">
<h2 id="tasks-h">Tasks <span class="n">{{NTASKS}}</span></h2>
{{#NO_TASKS}}<p class="none">No open tasks.</p>{{/NO_TASKS}}
{{#TASK_FORM}}<details class="form task-form"{{#OPEN}} open{{/OPEN}}>
<summary>+ Task</summary>
<form method="post" action="/lead/{{PID}}/task">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="task-text">Task</label><input id="task-text" name="text" type="text" required value="{{TEXT}}"{{#TEXT_ERR}} aria-invalid="true" aria-describedby="task-text-err"{{/TEXT_ERR}}>{{#TEXT_ERR}}<span class="form-error" id="task-text-err">{{MSG}}</span>{{/TEXT_ERR}}</p>
<p class="row"><label for="task-due_date">Due</label><input id="task-due_date" name="due_date" type="date" value="{{DUE_DATE}}"{{#DUE_DATE_ERR}} aria-invalid="true" aria-describedby="task-due_date-err"{{/DUE_DATE_ERR}}>{{#DUE_DATE_ERR}}<span class="form-error" id="task-due_date-err">{{MSG}}</span>{{/DUE_DATE_ERR}}</p>
<p class="row"><label for="task-assigned_to">Assigned to</label><select id="task-assigned_to" name="assigned_to"{{#ASSIGNED_TO_ERR}} aria-invalid="true" aria-describedby="task-assigned_to-err"{{/ASSIGNED_TO_ERR}}><option value="">Me</option>{{#USER_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/USER_OPT}}</select>{{#ASSIGNED_TO_ERR}}<span class="form-error" id="task-assigned_to-err">{{MSG}}</span>{{/ASSIGNED_TO_ERR}}</p>
<p class="row"><label for="task-contact_id">With contact</label><select id="task-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="task-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="task-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="actions"><button type="submit">Add task</button></p>
</form>
</details>
{{/TASK_FORM}}
{{#TASKS_ERR}}<p class="form-error" id="tasks-err" role="alert">{{MSG}}</p>{{/TASKS_ERR}}
<ul class="items">
{{#TASK}}<li class="task{{#LATE}} overdue{{/LATE}}" id="{{TPID}}">
<form class="complete" method="post" action="/lead/{{PID}}/task/{{TPID}}/complete"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="done" aria-label="Complete: {{TEXT}}">✓</button></form>
<p class="task-text">{{TEXT:pre_escape}}</p>
<p class="meta">{{#DUE}}<span class="due">Due <time datetime="{{ISO}}">{{DATE}}</time>{{#OVERDUE}} <strong class="flag late">Overdue</strong>{{/OVERDUE}}{{#TODAY}} <strong class="flag today">Today</strong>{{/TODAY}}</span>{{/DUE}}
{{#ASSIGNEE}}<span class="assignee" title="Assigned to">{{NAME}}</span>{{/ASSIGNEE}}{{#WITH_CONTACT}}<span class="with">with {{NAME}}</span>{{/WITH_CONTACT}}</p>
<p class="item-tools act-tools"><a class="act-edit-link" href="/lead/{{PID}}/task/{{TPID}}/edit" aria-label="Edit task: {{TEXT}}">Edit</a><a class="act-delete-link" href="/lead/{{PID}}/task/{{TPID}}/delete" aria-label="Delete task: {{TEXT}}">Delete</a></p>
</li>
{{/TASK}}</ul>
</section>
<section class="panel opportunities" aria-labelledby="opps-h">
<h2 id="opps-h">Opportunities <span class="n">{{NOPPS}}</span></h2>
{{#NO_OPPS}}<p class="none">No opportunities.</p>{{/NO_OPPS}}
{{#OPP_FORM}}<details class="form opp-form"{{#OPEN}} open{{/OPEN}}>
<summary>+ Opportunity</summary>
<form method="post" action="/lead/{{PID}}/opportunity">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="opp-new-status_id">Status</label><select id="opp-new-status_id" name="status_id"{{#STATUS_ID_ERR}} aria-invalid="true" aria-describedby="opp-new-status_id-err"{{/STATUS_ID_ERR}}>{{#STATUS_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/STATUS_OPT}}</select>{{#STATUS_ID_ERR}}<span class="form-error" id="opp-new-status_id-err">{{MSG}}</span>{{/STATUS_ID_ERR}}</p>
<p class="row"><label for="opp-new-value">Value</label><input id="opp-new-value" name="value" type="text" inputmode="decimal" value="{{VALUE}}"{{#VALUE_ERR}} aria-invalid="true" aria-describedby="opp-new-value-err"{{/VALUE_ERR}}>{{#VALUE_ERR}}<span class="form-error" id="opp-new-value-err">{{MSG}}</span>{{/VALUE_ERR}}</p>
<p class="row"><label for="opp-new-value_currency">Currency</label><input id="opp-new-value_currency" name="value_currency" type="text" maxlength="3" value="{{VALUE_CURRENCY}}"{{#VALUE_CURRENCY_ERR}} aria-invalid="true" aria-describedby="opp-new-value_currency-err"{{/VALUE_CURRENCY_ERR}}>{{#VALUE_CURRENCY_ERR}}<span class="form-error" id="opp-new-value_currency-err">{{MSG}}</span>{{/VALUE_CURRENCY_ERR}}</p>
<p class="row"><label for="opp-new-value_period">Period</label><select id="opp-new-value_period" name="value_period"{{#VALUE_PERIOD_ERR}} aria-invalid="true" aria-describedby="opp-new-value_period-err"{{/VALUE_PERIOD_ERR}}>{{#PERIOD_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/PERIOD_OPT}}</select>{{#VALUE_PERIOD_ERR}}<span class="form-error" id="opp-new-value_period-err">{{MSG}}</span>{{/VALUE_PERIOD_ERR}}</p>
<p class="row"><label for="opp-new-confidence">Confidence (%)</label><input id="opp-new-confidence" name="confidence" type="number" min="0" max="100" value="{{CONFIDENCE}}"{{#CONFIDENCE_ERR}} aria-invalid="true" aria-describedby="opp-new-confidence-err"{{/CONFIDENCE_ERR}}>{{#CONFIDENCE_ERR}}<span class="form-error" id="opp-new-confidence-err">{{MSG}}</span>{{/CONFIDENCE_ERR}}</p>
<p class="row"><label for="opp-new-expected_date">Close date</label><input id="opp-new-expected_date" name="expected_date" type="date" value="{{EXPECTED_DATE}}"{{#EXPECTED_DATE_ERR}} aria-invalid="true" aria-describedby="opp-new-expected_date-err"{{/EXPECTED_DATE_ERR}}>{{#EXPECTED_DATE_ERR}}<span class="form-error" id="opp-new-expected_date-err">{{MSG}}</span>{{/EXPECTED_DATE_ERR}}</p>
<p class="row"><label for="opp-new-user_id">Owner</label><select id="opp-new-user_id" name="user_id"{{#USER_ID_ERR}} aria-invalid="true" aria-describedby="opp-new-user_id-err"{{/USER_ID_ERR}}><option value="">—</option>{{#USER_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/USER_OPT}}</select>{{#USER_ID_ERR}}<span class="form-error" id="opp-new-user_id-err">{{MSG}}</span>{{/USER_ID_ERR}}</p>
<p class="row"><label for="opp-new-contact_id">With contact</label><select id="opp-new-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="opp-new-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="opp-new-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="row"><label for="opp-new-note">Note</label><textarea id="opp-new-note" name="note" rows="3"{{#NOTE_ERR}} aria-invalid="true" aria-describedby="opp-new-note-err"{{/NOTE_ERR}}>{{NOTE:pre_escape}}</textarea>{{#NOTE_ERR}}<span class="form-error" id="opp-new-note-err">{{MSG}}</span>{{/NOTE_ERR}}</p>
<p class="actions"><button type="submit">Add opportunity</button></p>
</form>
</details>
{{/OPP_FORM}}
<ul class="items">
{{#OPP}}<li class="opp opp-{{STATUS_TYPE}}" id="{{OPID}}">
<p class="opp-line"><span class="value">{{VALUE}}</span> <span class="opp-status">{{STATUS}}</span></p>
<p class="meta"><span class="confidence">{{CONFIDENCE}}%</span>{{#CLOSE}}<span class="close">Close {{DATE}}</span>{{/CLOSE}}{{#OWNER}}<span class="owner" title="Owner">{{NAME}}</span>{{/OWNER}}{{#WITH_CONTACT}}<span class="with">with {{NAME}}</span>{{/WITH_CONTACT}}</p>
{{#NOTE}}<p class="note">{{TEXT:pre_escape}}</p>{{/NOTE}}
<p class="item-tools act-tools"><a class="act-delete-link" href="/lead/{{PID}}/opportunity/{{OPID}}/delete" aria-label="Delete opportunity: {{VALUE}} {{STATUS}}">Delete</a></p>
{{#EDIT}}<details class="form opp-edit"{{#OPEN}} open{{/OPEN}}>
<summary>Edit</summary>
<form method="post" action="/lead/{{PID}}/opportunity/{{OPID}}/edit">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="{{OPID}}-status_id">Status</label><select id="{{OPID}}-status_id" name="status_id"{{#STATUS_ID_ERR}} aria-invalid="true" aria-describedby="{{OPID}}-status_id-err"{{/STATUS_ID_ERR}}>{{#STATUS_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/STATUS_OPT}}</select>{{#STATUS_ID_ERR}}<span class="form-error" id="{{OPID}}-status_id-err">{{MSG}}</span>{{/STATUS_ID_ERR}}</p>
<p class="row"><label for="{{OPID}}-value">Value</label><input id="{{OPID}}-value" name="value" type="text" inputmode="decimal" value="{{VALUE}}"{{#VALUE_ERR}} aria-invalid="true" aria-describedby="{{OPID}}-value-err"{{/VALUE_ERR}}>{{#VALUE_ERR}}<span class="form-error" id="{{OPID}}-value-err">{{MSG}}</span>{{/VALUE_ERR}}</p>
<p class="row"><label for="{{OPID}}-value_currency">Currency</label><input id="{{OPID}}-value_currency" name="value_currency" type="text" maxlength="3" value="{{VALUE_CURRENCY}}"{{#VALUE_CURRENCY_ERR}} aria-invalid="true" aria-describedby="{{OPID}}-value_currency-err"{{/VALUE_CURRENCY_ERR}}>{{#VALUE_CURRENCY_ERR}}<span class="form-error" id="{{OPID}}-value_currency-err">{{MSG}}</span>{{/VALUE_CURRENCY_ERR}}</p>
<p class="row"><label for="{{OPID}}-value_period">Period</label><select id="{{OPID}}-value_period" name="value_period"{{#VALUE_PERIOD_ERR}} aria-invalid="true" aria-describedby="{{OPID}}-value_period-err"{{/VALUE_PERIOD_ERR}}>{{#PERIOD_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/PERIOD_OPT}}</select>{{#VALUE_PERIOD_ERR}}<span class="form-error" id="{{OPID}}-value_period-err">{{MSG}}</span>{{/VALUE_PERIOD_ERR}}</p>
<p class="row"><label for="{{OPID}}-confidence">Confidence (%)</label><input id="{{OPID}}-confidence" name="confidence" type="number" min="0" max="100" value="{{CONFIDENCE}}"{{#CONFIDENCE_ERR}} aria-invalid="true" aria-describedby="{{OPID}}-confidence-err"{{/CONFIDENCE_ERR}}>{{#CONFIDENCE_ERR}}<span class="form-error" id="{{OPID}}-confidence-err">{{MSG}}</span>{{/CONFIDENCE_ERR}}</p>
<p class="row"><label for="{{OPID}}-expected_date">Close date</label><input id="{{OPID}}-expected_date" name="expected_date" type="date" value="{{EXPECTED_DATE}}"{{#EXPECTED_DATE_ERR}} aria-invalid="true" aria-describedby="{{OPID}}-expected_date-err"{{/EXPECTED_DATE_ERR}}>{{#EXPECTED_DATE_ERR}}<span class="form-error" id="{{OPID}}-expected_date-err">{{MSG}}</span>{{/EXPECTED_DATE_ERR}}</p>
<p class="row"><label for="{{OPID}}-user_id">Owner</label><select id="{{OPID}}-user_id" name="user_id"{{#USER_ID_ERR}} aria-invalid="true" aria-describedby="{{OPID}}-user_id-err"{{/USER_ID_ERR}}><option value="">—</option>{{#USER_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/USER_OPT}}</select>{{#USER_ID_ERR}}<span class="form-error" id="{{OPID}}-user_id-err">{{MSG}}</span>{{/USER_ID_ERR}}</p>
<p class="row"><label for="{{OPID}}-contact_id">With contact</label><select id="{{OPID}}-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="{{OPID}}-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="{{OPID}}-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="row"><label for="{{OPID}}-note">Note</label><textarea id="{{OPID}}-note" name="note" rows="3"{{#NOTE_ERR}} aria-invalid="true" aria-describedby="{{OPID}}-note-err"{{/NOTE_ERR}}>{{NOTE:pre_escape}}</textarea>{{#NOTE_ERR}}<span class="form-error" id="{{OPID}}-note-err">{{MSG}}</span>{{/NOTE_ERR}}</p>
<p class="actions"><button type="submit">Save opportunity</button></p>
</form>
</details>
{{/EDIT}}
</li>
{{/OPP}}</ul>
</section>
<section class="panel contacts" aria-labelledby="contacts-h">
<h2 id="contacts-h">Contacts <span class="n">{{NCONTACTS}}</span></h2>
{{#CONTACTS_ERR}}<p class="form-error" id="contacts-err" role="alert">{{MSG}}</p>{{/CONTACTS_ERR}}
{{#NO_CONTACTS}}<p class="none">No contacts.</p>{{/NO_CONTACTS}}
{{#CONTACT_FORM}}<details class="form contact-form"{{#OPEN}} open{{/OPEN}}>
<summary>+ Contact</summary>
<form method="post" action="/lead/{{PID}}/contact">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="contact-new-name">Name</label><input id="contact-new-name" name="name" type="text" required value="{{NAME}}"{{#NAME_ERR}} aria-invalid="true" aria-describedby="contact-new-name-err"{{/NAME_ERR}}>{{#NAME_ERR}}<span class="form-error" id="contact-new-name-err">{{MSG}}</span>{{/NAME_ERR}}</p>
<p class="row"><label for="contact-new-title">Title</label><input id="contact-new-title" name="title" type="text" value="{{TITLE}}"{{#TITLE_ERR}} aria-invalid="true" aria-describedby="contact-new-title-err"{{/TITLE_ERR}}>{{#TITLE_ERR}}<span class="form-error" id="contact-new-title-err">{{MSG}}</span>{{/TITLE_ERR}}</p>
{{#EMAILS_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/EMAILS_ERR}}
{{#EMAIL_ROW}}<p class="row point"><label for="{{ID}}">Email {{N}}</label><input id="{{ID}}" name="email" type="email" value="{{V}}"{{#V_ERR}} aria-invalid="true" aria-describedby="{{ID}}-err"{{/V_ERR}}><label class="visually-hidden" for="{{ID}}-type">Email {{N}} type</label><select id="{{ID}}-type" name="email_type">{{#TYPE_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/TYPE_OPT}}</select>{{#V_ERR}}<span class="form-error" id="{{ID}}-err">{{MSG}}</span>{{/V_ERR}}{{#T_ERR}}<span class="form-error">{{MSG}}</span>{{/T_ERR}}</p>
{{/EMAIL_ROW}}{{#PHONES_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/PHONES_ERR}}
{{#PHONE_ROW}}<p class="row point"><label for="{{ID}}">Phone {{N}}</label><input id="{{ID}}" name="phone" type="tel" value="{{V}}"{{#V_ERR}} aria-invalid="true" aria-describedby="{{ID}}-err"{{/V_ERR}}><label class="visually-hidden" for="{{ID}}-type">Phone {{N}} type</label><select id="{{ID}}-type" name="phone_type">{{#TYPE_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/TYPE_OPT}}</select>{{#V_ERR}}<span class="form-error" id="{{ID}}-err">{{MSG}}</span>{{/V_ERR}}{{#T_ERR}}<span class="form-error">{{MSG}}</span>{{/T_ERR}}</p>
{{/PHONE_ROW}}<p class="actions"><button type="submit">Add contact</button></p>
</form>
</details>
{{/CONTACT_FORM}}
<ul class="items">
{{#CONTACT}}<li class="contact" id="{{CPID}}">
<p class="contact-name">{{NAME}}</p>
{{#TITLE}}<p class="contact-title">{{TEXT}}</p>{{/TITLE}}
<ul class="points">
{{#EMAIL}}<li><a href="mailto:{{ADDRESS}}">{{ADDRESS}}</a> <span class="kind">{{KIND}}</span></li>
{{/EMAIL}}{{#PHONE}}<li><a href="tel:{{TEL}}">{{NUMBER}}</a> <span class="kind">{{KIND}}</span></li>
{{/PHONE}}</ul>
<p class="item-tools act-tools"><a class="act-delete-link" href="/lead/{{PID}}/contact/{{CPID}}/remove">Remove {{NAME}}</a></p>
{{#EDIT}}<details class="form contact-edit"{{#OPEN}} open{{/OPEN}}>
<summary>Edit</summary>
<form method="post" action="/lead/{{PID}}/contact/{{CPID}}/edit">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="{{CPID}}-name">Name</label><input id="{{CPID}}-name" name="name" type="text" required value="{{NAME}}"{{#NAME_ERR}} aria-invalid="true" aria-describedby="{{CPID}}-name-err"{{/NAME_ERR}}>{{#NAME_ERR}}<span class="form-error" id="{{CPID}}-name-err">{{MSG}}</span>{{/NAME_ERR}}</p>
<p class="row"><label for="{{CPID}}-title">Title</label><input id="{{CPID}}-title" name="title" type="text" value="{{TITLE}}"{{#TITLE_ERR}} aria-invalid="true" aria-describedby="{{CPID}}-title-err"{{/TITLE_ERR}}>{{#TITLE_ERR}}<span class="form-error" id="{{CPID}}-title-err">{{MSG}}</span>{{/TITLE_ERR}}</p>
{{#EMAILS_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/EMAILS_ERR}}
{{#EMAIL_ROW}}<p class="row point"><label for="{{ID}}">Email {{N}}</label><input id="{{ID}}" name="email" type="email" value="{{V}}"{{#V_ERR}} aria-invalid="true" aria-describedby="{{ID}}-err"{{/V_ERR}}><label class="visually-hidden" for="{{ID}}-type">Email {{N}} type</label><select id="{{ID}}-type" name="email_type">{{#TYPE_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/TYPE_OPT}}</select>{{#V_ERR}}<span class="form-error" id="{{ID}}-err">{{MSG}}</span>{{/V_ERR}}{{#T_ERR}}<span class="form-error">{{MSG}}</span>{{/T_ERR}}</p>
{{/EMAIL_ROW}}{{#PHONES_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/PHONES_ERR}}
{{#PHONE_ROW}}<p class="row point"><label for="{{ID}}">Phone {{N}}</label><input id="{{ID}}" name="phone" type="tel" value="{{V}}"{{#V_ERR}} aria-invalid="true" aria-describedby="{{ID}}-err"{{/V_ERR}}><label class="visually-hidden" for="{{ID}}-type">Phone {{N}} type</label><select id="{{ID}}-type" name="phone_type">{{#TYPE_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/TYPE_OPT}}</select>{{#V_ERR}}<span class="form-error" id="{{ID}}-err">{{MSG}}</span>{{/V_ERR}}{{#T_ERR}}<span class="form-error">{{MSG}}</span>{{/T_ERR}}</p>
{{/PHONE_ROW}}<p class="actions"><button type="submit">Save contact</button></p>
</form>
</details>
{{/EDIT}}
</li>
{{/CONTACT}}</ul>
</section>
<section class="panel custom-fields" aria-labelledby="fields-h">
<h2 id="fields-h">Custom fields</h2>
{{#NO_FIELDS}}<p class="none">This organization has no custom fields.</p>{{/NO_FIELDS}}
{{>FIELDS}}
{{#FIELDS_FORM}}<details class="form fields-form"{{#OPEN}} open{{/OPEN}}>
<summary>Edit custom fields</summary>
<form method="post" action="/lead/{{PID}}/fields">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
{{#CF}}{{>INPUT}}{{/CF}}
<p class="actions"><button type="submit">Save fields</button></p>
</form>
</details>
{{/FIELDS_FORM}}
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
<p class="share-file"><a href="/lead/{{PID}}/files#files-upload">Share a file with the lead</a></p>
<div class="act-forms" aria-label="Write a note or log an activity">
{{#NOTE_FORM}}<details class="form note-form"{{#OPEN}} open{{/OPEN}}>
<summary>Write a note</summary>
<form method="post" action="/lead/{{PID}}/note" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="note-text">Note</label><textarea id="note-text" name="text" rows="3" required{{#TEXT_ERR}} aria-invalid="true" aria-describedby="note-text-err"{{/TEXT_ERR}}>{{TEXT:pre_escape}}</textarea>{{#TEXT_ERR}}<span class="form-error" id="note-text-err">{{MSG}}</span>{{/TEXT_ERR}}</p>
<p class="row"><label for="note-contact_id">With contact</label><select id="note-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="note-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="note-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="row"><label for="note-activity_at">When (empty: now)</label><input id="note-activity_at" name="activity_at" type="datetime-local" value="{{ACTIVITY_AT}}"{{#ACTIVITY_AT_ERR}} aria-invalid="true" aria-describedby="note-activity_at-err"{{/ACTIVITY_AT_ERR}}>{{#ACTIVITY_AT_ERR}}<span class="form-error" id="note-activity_at-err">{{MSG}}</span>{{/ACTIVITY_AT_ERR}}</p>
<p class="row"><label for="note-file">Attach files (at most 25 MB together)</label><input id="note-file" name="file" type="file" multiple></p>
<p class="actions"><button type="submit">Save note</button></p>
</form>
</details>
{{/NOTE_FORM}}
{{#CALL_FORM}}<details class="form call-form"{{#OPEN}} open{{/OPEN}}>
<summary>Log call</summary>
<form method="post" action="/lead/{{PID}}/call">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="call-direction">Direction</label><select id="call-direction" name="direction"{{#DIRECTION_ERR}} aria-invalid="true" aria-describedby="call-direction-err"{{/DIRECTION_ERR}}>{{#DIRECTION_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/DIRECTION_OPT}}</select>{{#DIRECTION_ERR}}<span class="form-error" id="call-direction-err">{{MSG}}</span>{{/DIRECTION_ERR}}</p>
<p class="row"><label for="call-phone">Phone</label><input id="call-phone" name="phone" type="tel" value="{{PHONE}}"{{#PHONE_ERR}} aria-invalid="true" aria-describedby="call-phone-err"{{/PHONE_ERR}}>{{#PHONE_ERR}}<span class="form-error" id="call-phone-err">{{MSG}}</span>{{/PHONE_ERR}}</p>
<p class="row"><label for="call-duration">Duration (m:ss)</label><input id="call-duration" name="duration" type="text" value="{{DURATION}}"{{#DURATION_ERR}} aria-invalid="true" aria-describedby="call-duration-err"{{/DURATION_ERR}}>{{#DURATION_ERR}}<span class="form-error" id="call-duration-err">{{MSG}}</span>{{/DURATION_ERR}}</p>
<p class="row"><label for="call-outcome">Outcome</label><select id="call-outcome" name="outcome"{{#OUTCOME_ERR}} aria-invalid="true" aria-describedby="call-outcome-err"{{/OUTCOME_ERR}}><option value="">—</option>{{#OUTCOME_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/OUTCOME_OPT}}</select>{{#OUTCOME_ERR}}<span class="form-error" id="call-outcome-err">{{MSG}}</span>{{/OUTCOME_ERR}}</p>
<p class="row"><label for="call-note">Note</label><textarea id="call-note" name="note" rows="3"{{#NOTE_ERR}} aria-invalid="true" aria-describedby="call-note-err"{{/NOTE_ERR}}>{{NOTE:pre_escape}}</textarea>{{#NOTE_ERR}}<span class="form-error" id="call-note-err">{{MSG}}</span>{{/NOTE_ERR}}</p>
<p class="row"><label for="call-contact_id">With contact</label><select id="call-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="call-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="call-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="row"><label for="call-activity_at">When (empty: now)</label><input id="call-activity_at" name="activity_at" type="datetime-local" value="{{ACTIVITY_AT}}"{{#ACTIVITY_AT_ERR}} aria-invalid="true" aria-describedby="call-activity_at-err"{{/ACTIVITY_AT_ERR}}>{{#ACTIVITY_AT_ERR}}<span class="form-error" id="call-activity_at-err">{{MSG}}</span>{{/ACTIVITY_AT_ERR}}</p>
<p class="actions"><button type="submit">Log call</button></p>
</form>
</details>
{{/CALL_FORM}}
{{#EMAIL_FORM}}<details class="form email-form"{{#OPEN}} open{{/OPEN}}>
<summary>Log email</summary>
<form method="post" action="/lead/{{PID}}/email" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="email-direction">Direction</label><select id="email-direction" name="direction"{{#DIRECTION_ERR}} aria-invalid="true" aria-describedby="email-direction-err"{{/DIRECTION_ERR}}>{{#DIRECTION_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/DIRECTION_OPT}}</select>{{#DIRECTION_ERR}}<span class="form-error" id="email-direction-err">{{MSG}}</span>{{/DIRECTION_ERR}}</p>
<p class="row"><label for="email-subject">Subject</label><input id="email-subject" name="subject" type="text" value="{{SUBJECT}}"{{#SUBJECT_ERR}} aria-invalid="true" aria-describedby="email-subject-err"{{/SUBJECT_ERR}}>{{#SUBJECT_ERR}}<span class="form-error" id="email-subject-err">{{MSG}}</span>{{/SUBJECT_ERR}}</p>
<p class="row"><label for="email-sender">From</label><input id="email-sender" name="sender" type="email" value="{{SENDER}}"{{#SENDER_ERR}} aria-invalid="true" aria-describedby="email-sender-err"{{/SENDER_ERR}}>{{#SENDER_ERR}}<span class="form-error" id="email-sender-err">{{MSG}}</span>{{/SENDER_ERR}}</p>
<p class="row"><label for="email-to">To</label><input id="email-to" name="to" type="text" value="{{TO}}"{{#TO_ERR}} aria-invalid="true" aria-describedby="email-to-err"{{/TO_ERR}}>{{#TO_ERR}}<span class="form-error" id="email-to-err">{{MSG}}</span>{{/TO_ERR}}</p>
<p class="row"><label for="email-cc">Cc</label><input id="email-cc" name="cc" type="text" value="{{CC}}"{{#CC_ERR}} aria-invalid="true" aria-describedby="email-cc-err"{{/CC_ERR}}>{{#CC_ERR}}<span class="form-error" id="email-cc-err">{{MSG}}</span>{{/CC_ERR}}</p>
<p class="row"><label for="email-body_text">Body</label><textarea id="email-body_text" name="body_text" rows="3"{{#BODY_TEXT_ERR}} aria-invalid="true" aria-describedby="email-body_text-err"{{/BODY_TEXT_ERR}}>{{BODY_TEXT:pre_escape}}</textarea>{{#BODY_TEXT_ERR}}<span class="form-error" id="email-body_text-err">{{MSG}}</span>{{/BODY_TEXT_ERR}}</p>
<p class="row"><label for="email-contact_id">With contact</label><select id="email-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="email-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="email-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="row"><label for="email-activity_at">When (empty: now)</label><input id="email-activity_at" name="activity_at" type="datetime-local" value="{{ACTIVITY_AT}}"{{#ACTIVITY_AT_ERR}} aria-invalid="true" aria-describedby="email-activity_at-err"{{/ACTIVITY_AT_ERR}}>{{#ACTIVITY_AT_ERR}}<span class="form-error" id="email-activity_at-err">{{MSG}}</span>{{/ACTIVITY_AT_ERR}}</p>
<p class="row"><label for="email-file">Attachments (at most 25 MB together)</label><input id="email-file" name="file" type="file" multiple></p>
<p class="actions"><button type="submit">Log email</button></p>
</form>
</details>
{{/EMAIL_FORM}}
{{#SMS_FORM}}<details class="form sms-form"{{#OPEN}} open{{/OPEN}}>
<summary>Log SMS</summary>
<form method="post" action="/lead/{{PID}}/sms" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="sms-direction">Direction</label><select id="sms-direction" name="direction"{{#DIRECTION_ERR}} aria-invalid="true" aria-describedby="sms-direction-err"{{/DIRECTION_ERR}}>{{#DIRECTION_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{V}}</option>{{/DIRECTION_OPT}}</select>{{#DIRECTION_ERR}}<span class="form-error" id="sms-direction-err">{{MSG}}</span>{{/DIRECTION_ERR}}</p>
<p class="row"><label for="sms-local_phone">Our number</label><input id="sms-local_phone" name="local_phone" type="tel" value="{{LOCAL_PHONE}}"{{#LOCAL_PHONE_ERR}} aria-invalid="true" aria-describedby="sms-local_phone-err"{{/LOCAL_PHONE_ERR}}>{{#LOCAL_PHONE_ERR}}<span class="form-error" id="sms-local_phone-err">{{MSG}}</span>{{/LOCAL_PHONE_ERR}}</p>
<p class="row"><label for="sms-remote_phone">Their number</label><input id="sms-remote_phone" name="remote_phone" type="tel" value="{{REMOTE_PHONE}}"{{#REMOTE_PHONE_ERR}} aria-invalid="true" aria-describedby="sms-remote_phone-err"{{/REMOTE_PHONE_ERR}}>{{#REMOTE_PHONE_ERR}}<span class="form-error" id="sms-remote_phone-err">{{MSG}}</span>{{/REMOTE_PHONE_ERR}}</p>
<p class="row"><label for="sms-text">Message</label><textarea id="sms-text" name="text" rows="3"{{#TEXT_ERR}} aria-invalid="true" aria-describedby="sms-text-err"{{/TEXT_ERR}}>{{TEXT:pre_escape}}</textarea>{{#TEXT_ERR}}<span class="form-error" id="sms-text-err">{{MSG}}</span>{{/TEXT_ERR}}</p>
<p class="row"><label for="sms-contact_id">With contact</label><select id="sms-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="sms-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="sms-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="row"><label for="sms-activity_at">When (empty: now)</label><input id="sms-activity_at" name="activity_at" type="datetime-local" value="{{ACTIVITY_AT}}"{{#ACTIVITY_AT_ERR}} aria-invalid="true" aria-describedby="sms-activity_at-err"{{/ACTIVITY_AT_ERR}}>{{#ACTIVITY_AT_ERR}}<span class="form-error" id="sms-activity_at-err">{{MSG}}</span>{{/ACTIVITY_AT_ERR}}</p>
<p class="row"><label for="sms-file">Attachments (5 MB each, 25 MB together)</label><input id="sms-file" name="file" type="file" multiple></p>
<p class="actions"><button type="submit">Log SMS</button></p>
</form>
</details>
{{/SMS_FORM}}
{{#MEETING_FORM}}<details class="form meeting-form"{{#OPEN}} open{{/OPEN}}>
<summary>Log meeting</summary>
<form method="post" action="/lead/{{PID}}/meeting">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="meeting-title">Title</label><input id="meeting-title" name="title" type="text" value="{{TITLE}}"{{#TITLE_ERR}} aria-invalid="true" aria-describedby="meeting-title-err"{{/TITLE_ERR}}>{{#TITLE_ERR}}<span class="form-error" id="meeting-title-err">{{MSG}}</span>{{/TITLE_ERR}}</p>
<p class="row"><label for="meeting-starts_at">Starts</label><input id="meeting-starts_at" name="starts_at" type="datetime-local" value="{{STARTS_AT}}"{{#STARTS_AT_ERR}} aria-invalid="true" aria-describedby="meeting-starts_at-err"{{/STARTS_AT_ERR}}>{{#STARTS_AT_ERR}}<span class="form-error" id="meeting-starts_at-err">{{MSG}}</span>{{/STARTS_AT_ERR}}</p>
<p class="row"><label for="meeting-ends_at">Ends</label><input id="meeting-ends_at" name="ends_at" type="datetime-local" value="{{ENDS_AT}}"{{#ENDS_AT_ERR}} aria-invalid="true" aria-describedby="meeting-ends_at-err"{{/ENDS_AT_ERR}}>{{#ENDS_AT_ERR}}<span class="form-error" id="meeting-ends_at-err">{{MSG}}</span>{{/ENDS_AT_ERR}}</p>
<p class="row"><label for="meeting-attendees">Attendees</label><input id="meeting-attendees" name="attendees" type="text" value="{{ATTENDEES}}"{{#ATTENDEES_ERR}} aria-invalid="true" aria-describedby="meeting-attendees-err"{{/ATTENDEES_ERR}}>{{#ATTENDEES_ERR}}<span class="form-error" id="meeting-attendees-err">{{MSG}}</span>{{/ATTENDEES_ERR}}</p>
<p class="row"><label for="meeting-location">Location</label><input id="meeting-location" name="location" type="text" value="{{LOCATION}}"{{#LOCATION_ERR}} aria-invalid="true" aria-describedby="meeting-location-err"{{/LOCATION_ERR}}>{{#LOCATION_ERR}}<span class="form-error" id="meeting-location-err">{{MSG}}</span>{{/LOCATION_ERR}}</p>
<p class="row"><label for="meeting-note">Note</label><textarea id="meeting-note" name="note" rows="3"{{#NOTE_ERR}} aria-invalid="true" aria-describedby="meeting-note-err"{{/NOTE_ERR}}>{{NOTE:pre_escape}}</textarea>{{#NOTE_ERR}}<span class="form-error" id="meeting-note-err">{{MSG}}</span>{{/NOTE_ERR}}</p>
<p class="row"><label for="meeting-contact_id">With contact</label><select id="meeting-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="meeting-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="meeting-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="row"><label for="meeting-activity_at">When (empty: now)</label><input id="meeting-activity_at" name="activity_at" type="datetime-local" value="{{ACTIVITY_AT}}"{{#ACTIVITY_AT_ERR}} aria-invalid="true" aria-describedby="meeting-activity_at-err"{{/ACTIVITY_AT_ERR}}>{{#ACTIVITY_AT_ERR}}<span class="form-error" id="meeting-activity_at-err">{{MSG}}</span>{{/ACTIVITY_AT_ERR}}</p>
<p class="actions"><button type="submit">Log meeting</button></p>
</form>
</details>
{{/MEETING_FORM}}
{{#ATYPE_FORM}}<details class="form custom-form"{{#OPEN}} open{{/OPEN}}>
<summary>Log {{ANAME}}</summary>
<form method="post" action="/lead/{{PID}}/custom">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="custom_activity_type_id" value="{{ATPID}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
{{#CF}}{{>INPUT}}{{/CF}}
<p class="row"><label for="{{ATPID}}-contact_id">With contact</label><select id="{{ATPID}}-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="{{ATPID}}-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="{{ATPID}}-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="row"><label for="{{ATPID}}-activity_at">When (empty: now)</label><input id="{{ATPID}}-activity_at" name="activity_at" type="datetime-local" value="{{ACTIVITY_AT}}"{{#ACTIVITY_AT_ERR}} aria-invalid="true" aria-describedby="{{ATPID}}-activity_at-err"{{/ACTIVITY_AT_ERR}}>{{#ACTIVITY_AT_ERR}}<span class="form-error" id="{{ATPID}}-activity_at-err">{{MSG}}</span>{{/ACTIVITY_AT_ERR}}</p>
<p class="actions"><button type="submit">Log {{ANAME}}</button></p>
</form>
</details>
{{/ATYPE_FORM}}
</div>
{{#PIN_ERR}}<p class="form-error pin-error" id="pin-err" role="alert">{{MSG}}</p>{{/PIN_ERR}}
{{>HISTORY}}
</section>
</div>
</article>
<script src="/static/lead.js" defer></script>
{{>FOOTER}}
