{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<article class="lead lead-subpage" id="{{LEAD}}">
<p class="crumbs"><a href="{{BACK}}">← {{LEAD_NAME}}</a></p>
<section class="panel act-edit task-edit" aria-labelledby="edit-h">
<h1 id="edit-h">Edit task</h1>
{{#COMPLETE}}<p class="confirm-note">This task is complete: saving keeps it complete; Reopen puts it back on the open list.</p>
<form class="task-reopen" method="post" action="/lead/{{LEAD}}/task/{{TPID}}/reopen"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Reopen</button></form>{{/COMPLETE}}
{{#FORM}}<form class="form act-edit-form task-edit-form" id="edit-form" method="post" action="/lead/{{LEAD}}/task/{{TPID}}/edit">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FORM_ERR}}<p class="form-error" role="alert">{{MSG}}</p>{{/FORM_ERR}}
<p class="row"><label for="edit-text">Task</label><input id="edit-text" name="text" type="text" required value="{{TEXT}}"{{#TEXT_ERR}} aria-invalid="true" aria-describedby="edit-text-err"{{/TEXT_ERR}}>{{#TEXT_ERR}}<span class="form-error" id="edit-text-err">{{MSG}}</span>{{/TEXT_ERR}}</p>
<p class="row"><label for="edit-due_date">Due</label><input id="edit-due_date" name="due_date" type="date" value="{{DUE_DATE}}"{{#DUE_DATE_ERR}} aria-invalid="true" aria-describedby="edit-due_date-err"{{/DUE_DATE_ERR}}>{{#DUE_DATE_ERR}}<span class="form-error" id="edit-due_date-err">{{MSG}}</span>{{/DUE_DATE_ERR}}</p>
<p class="row"><label for="edit-assigned_to">Assigned to</label><select id="edit-assigned_to" name="assigned_to"{{#ASSIGNED_TO_ERR}} aria-invalid="true" aria-describedby="edit-assigned_to-err"{{/ASSIGNED_TO_ERR}}><option value="">Me</option>{{#USER_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/USER_OPT}}</select>{{#ASSIGNED_TO_ERR}}<span class="form-error" id="edit-assigned_to-err">{{MSG}}</span>{{/ASSIGNED_TO_ERR}}</p>
<p class="row"><label for="edit-contact_id">With contact</label><select id="edit-contact_id" name="contact_id"{{#CONTACT_ID_ERR}} aria-invalid="true" aria-describedby="edit-contact_id-err"{{/CONTACT_ID_ERR}}><option value="">—</option>{{#CONTACT_OPT}}<option value="{{V}}"{{#SEL}} selected{{/SEL}}>{{L}}</option>{{/CONTACT_OPT}}</select>{{#CONTACT_ID_ERR}}<span class="form-error" id="edit-contact_id-err">{{MSG}}</span>{{/CONTACT_ID_ERR}}</p>
<p class="actions"><button type="submit">Save</button> <a class="cancel" href="{{BACK}}">Cancel</a></p>
</form>{{/FORM}}
</section>
</article>
{{>FOOTER}}
