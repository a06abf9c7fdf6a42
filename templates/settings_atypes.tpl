{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<div class="settings">
{{>SETTINGS_NAV}}
<section class="settings-main">
<h1>Custom activity types</h1>
{{#AT_ERROR}}<p class="form-error" role="alert">{{AE_MESSAGE}}</p>{{/AT_ERROR}}
<div class="panel">
<h2>Add an activity type</h2>
<form method="post" action="/settings/activity-types/add" class="settings-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="new-atype">Name</label>
<input id="new-atype" name="name" maxlength="100" required value="{{NEW_ATYPE}}">
<label for="new-atype-desc">Description <span class="hint">(optional)</span></label>
<textarea id="new-atype-desc" name="description" rows="2"></textarea>
<div><button type="submit" class="primary">Add type</button></div>
</form>
</div>
{{#NO_ATYPES}}<div class="panel"><p class="none">No custom activity types yet.</p></div>{{/NO_ATYPES}}
{{#ATYPE}}
<div class="panel atype" id="atype-{{T_PID}}">
<h2>{{T_NAME}} <span class="meta">{{T_USES}} {{T_USES_WORD}}</span></h2>
<form method="post" action="/settings/activity-types/rename" class="settings-form">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="atype" value="{{T_PID}}">
<label for="tname-{{T_PID}}">Name</label>
<input id="tname-{{T_PID}}" name="name" maxlength="100" required value="{{T_NAME}}">
<label for="tdesc-{{T_PID}}">Description</label>
<textarea id="tdesc-{{T_PID}}" name="description" rows="2">{{T_DESC:pre_escape}}</textarea>
<div class="settings-inline"><button type="submit">Save</button></div>
</form>
{{#T_DELETABLE}}<form method="post" action="/settings/activity-types/delete" class="settings-inline">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="atype" value="{{T_PID}}">
<button type="submit" class="danger">Delete {{T_NAME}}</button>
</form>{{/T_DELETABLE}}{{#T_KEPT}}<p class="meta">Kept while activities have this type (the trash included): it can be deleted once none has it.</p>{{/T_KEPT}}
<h3>Fields, in order</h3>
{{#T_NO_FIELDS}}<p class="none">No fields.</p>{{/T_NO_FIELDS}}
<ul class="items settings-list">
{{#AFIELD}}
<li class="settings-row field-row" id="field-{{F_PID}}">
<form method="post" action="/settings/activity-types/field-rename" class="settings-inline row-main">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{F_PID}}">
<label class="visually-hidden" for="name-{{F_PID}}">Name</label>
<input id="name-{{F_PID}}" name="name" maxlength="100" required value="{{F_NAME}}">
<button type="submit">Rename</button>
<span class="meta"><span class="field-type">{{F_TYPE}}</span><span>{{F_USES}} {{F_USES_WORD}}</span></span>
</form>
<span class="row-actions">
{{#F_UP}}<form method="post" action="/settings/activity-types/field-move" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{F_PID}}"><input type="hidden" name="dir" value="up"><button type="submit" aria-label="Move {{F_NAME}} up">↑</button></form>{{/F_UP}}
{{#F_DOWN}}<form method="post" action="/settings/activity-types/field-move" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{F_PID}}"><input type="hidden" name="dir" value="down"><button type="submit" aria-label="Move {{F_NAME}} down">↓</button></form>{{/F_DOWN}}
<a class="danger-link" href="/settings/activity-types/field-delete?field={{F_PID}}">Delete…</a>
</span>
{{#F_CHOICES}}<details class="field-choices"><summary>Choices</summary>
<form method="post" action="/settings/activity-types/field-choices" class="settings-form">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{F_PID}}">
<label for="choices-{{F_PID}}">Choices of {{F_NAME}}, one per line</label>
<textarea id="choices-{{F_PID}}" name="choices" rows="6">{{F_CHOICE_LINES:pre_escape}}</textarea>
<div><button type="submit">Save choices</button></div>
</form></details>{{/F_CHOICES}}
</li>
{{/AFIELD}}
</ul>
<details class="field-add"><summary>Add a field to {{T_NAME}}</summary>
<form method="post" action="/settings/activity-types/field-add" class="settings-form">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="atype" value="{{T_PID}}">
<label for="fname-{{T_PID}}">Name</label>
<input id="fname-{{T_PID}}" name="name" maxlength="100" required value="{{NEW_FNAME}}">
<label for="ftype-{{T_PID}}">Type</label>
<select id="ftype-{{T_PID}}" name="type">{{#T_FTYPE}}<option value="{{FT_VALUE}}"{{#FT_SEL}} selected{{/FT_SEL}}>{{FT_VALUE}}</option>{{/T_FTYPE}}</select>
<label for="fchoices-{{T_PID}}">Choices <span class="hint">(a choices field: one per line)</span></label>
<textarea id="fchoices-{{T_PID}}" name="choices" rows="3">{{NEW_FCHOICES:pre_escape}}</textarea>
<div><button type="submit">Add field</button></div>
</form></details>
</div>
{{/ATYPE}}
</section>
</div>
{{>FOOTER}}
