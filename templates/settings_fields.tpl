{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<div class="settings">
{{>SETTINGS_NAV}}
<section class="settings-main">
<h1>Custom fields</h1>
{{#FIELD_ERROR}}<p class="form-error" role="alert">{{FE_MESSAGE}}</p>{{/FIELD_ERROR}}
<div class="panel">
<h2>Add a field</h2>
<form method="post" action="/settings/custom-fields/add" class="settings-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="new-name">Name</label>
<input id="new-name" name="name" maxlength="100" required value="{{NEW_NAME}}">
<label for="new-type">Type</label>
<select id="new-type" name="type">{{#NF_TYPE}}<option value="{{FT_VALUE}}"{{#FT_SEL}} selected{{/FT_SEL}}>{{FT_VALUE}}</option>{{/NF_TYPE}}</select>
<label for="new-choices">Choices <span class="hint">(a choices field: one per line)</span></label>
<textarea id="new-choices" name="choices" rows="4">{{NEW_CHOICES:pre_escape}}</textarea>
<div class="check"><input type="checkbox" id="new-multiple" name="multiple" value="1"{{#NEW_MULTIPLE}} checked{{/NEW_MULTIPLE}}>
<label for="new-multiple">A lead may have several of the choices</label></div>
<div><button type="submit" class="primary">Add field</button></div>
</form>
</div>
<div class="panel">
<h2>Fields, in order</h2>
{{#NO_FIELDS}}<p class="none">No custom fields yet.</p>{{/NO_FIELDS}}
<ul class="items settings-list">
{{#FIELD}}
<li class="settings-row field-row" id="field-{{F_PID}}">
<form method="post" action="/settings/custom-fields/rename" class="settings-inline row-main">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{F_PID}}">
<label class="visually-hidden" for="name-{{F_PID}}">Name</label>
<input id="name-{{F_PID}}" name="name" maxlength="100" required value="{{F_NAME}}">
<button type="submit">Rename</button>
<span class="meta"><span class="field-type">{{F_TYPE}}</span><span>{{F_USES}} {{F_USES_WORD}}</span></span>
</form>
<span class="row-actions">
{{#F_UP}}<form method="post" action="/settings/custom-fields/move" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{F_PID}}"><input type="hidden" name="dir" value="up"><button type="submit" aria-label="Move {{F_NAME}} up">↑</button></form>{{/F_UP}}
{{#F_DOWN}}<form method="post" action="/settings/custom-fields/move" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{F_PID}}"><input type="hidden" name="dir" value="down"><button type="submit" aria-label="Move {{F_NAME}} down">↓</button></form>{{/F_DOWN}}
<a class="danger-link" href="/settings/custom-fields/delete?field={{F_PID}}">Delete…</a>
</span>
{{#F_CHOICES}}<details class="field-choices"><summary>Choices</summary>
<form method="post" action="/settings/custom-fields/choices" class="settings-form">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{F_PID}}">
<label for="choices-{{F_PID}}">Choices of {{F_NAME}}, one per line</label>
<textarea id="choices-{{F_PID}}" name="choices" rows="6">{{F_CHOICE_LINES:pre_escape}}</textarea>
<div><button type="submit">Save choices</button></div>
</form></details>{{/F_CHOICES}}
</li>
{{/FIELD}}
</ul>
</div>
</section>
</div>
{{>FOOTER}}
