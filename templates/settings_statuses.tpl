{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<div class="settings">
{{>SETTINGS_NAV}}
<section class="settings-main">
<h1>{{KIND_TITLE}}</h1>
{{#STATUS_ERROR}}<p class="form-error" role="alert">{{SE_MESSAGE}}</p>{{/STATUS_ERROR}}
<div class="panel">
<h2>Add a status</h2>
<form method="post" action="{{KIND_PATH}}/add" class="settings-inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="new-label">Label</label>
<input id="new-label" name="label" maxlength="100" required value="{{NEW_LABEL}}">
{{#NEW_TYPED}}<label for="new-type">Type</label>
<select id="new-type" name="type">{{#NT_OPT}}<option value="{{TO_VALUE}}"{{#TO_SEL}} selected{{/TO_SEL}}>{{TO_VALUE}}</option>{{/NT_OPT}}</select>{{/NEW_TYPED}}
<button type="submit" class="primary">Add</button>
</form>
</div>
<div class="panel">
<h2>Statuses, in order</h2>
<ul class="items settings-list">
{{#LSTATUS}}
<li class="settings-row lead-status-row">
<form method="post" action="{{KIND_PATH}}/rename" class="settings-inline row-main">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="status" value="{{LS_PID}}">
<label class="visually-hidden" for="label-{{LS_PID}}">Label</label>
<input id="label-{{LS_PID}}" name="label" maxlength="100" required value="{{LS_LABEL}}">
{{#LS_TYPED}}<label class="visually-hidden" for="type-{{LS_PID}}">Type</label>
<select id="type-{{LS_PID}}" name="type">{{#LT_OPT}}<option value="{{TO_VALUE}}"{{#TO_SEL}} selected{{/TO_SEL}}>{{TO_VALUE}}</option>{{/LT_OPT}}</select>{{/LS_TYPED}}
<button type="submit">{{LS_SAVE}}</button>
<span class="meta"><span>{{LS_USES}} {{LS_USES_WORD}}</span></span>
</form>
<span class="row-actions">
{{#LS_UP}}<form method="post" action="{{KIND_PATH}}/move" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="status" value="{{LS_PID}}"><input type="hidden" name="dir" value="up"><button type="submit" aria-label="Move {{LS_LABEL}} up">↑</button></form>{{/LS_UP}}
{{#LS_DOWN}}<form method="post" action="{{KIND_PATH}}/move" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="status" value="{{LS_PID}}"><input type="hidden" name="dir" value="down"><button type="submit" aria-label="Move {{LS_LABEL}} down">↓</button></form>{{/LS_DOWN}}
{{#LS_DELETE}}<details class="status-delete"><summary>Delete…</summary>
<form method="post" action="{{KIND_PATH}}/delete" class="settings-inline">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="status" value="{{LS_PID}}">
<label for="to-{{LS_PID}}">Move its {{LS_USES}} {{LS_USES_WORD}} to</label>
<select id="to-{{LS_PID}}" name="to">{{#LS_TARGET}}<option value="{{LT_PID}}">{{LT_LABEL}}</option>{{/LS_TARGET}}</select>
<button type="submit" class="danger">Delete {{LS_LABEL}}</button>
</form></details>{{/LS_DELETE}}
</span>
</li>
{{/LSTATUS}}
</ul>
</div>
</section>
</div>
{{>FOOTER}}
