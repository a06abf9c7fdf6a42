{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<div class="settings">
{{>SETTINGS_NAV}}
<section class="settings-main">
<h1>Delete the field “{{F_NAME}}”?</h1>
<div class="panel">
<p>Its {{F_USES}} {{F_USES_WORD}}{{#OF_LEAD}} on {{F_LEADS}} {{F_LEADS_WORD}}{{/OF_LEAD}}{{#OF_ACTIVITY}} in activities{{/OF_ACTIVITY}} go with it. This cannot be undone.</p>
<form method="post" action="{{DEL_PATH}}" class="settings-inline">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{F_PID}}">
<button type="submit" class="danger">Delete {{F_NAME}} and its {{F_USES}} {{F_USES_WORD}}</button>
<a href="{{BACK_PATH}}">Keep it</a>
</form>
</div>
</section>
</div>
{{>FOOTER}}
