{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<div class="settings">
{{>SETTINGS_NAV}}
<section class="settings-main">
<h1>Audit</h1>
<div class="panel">
<h2>Changes to the settings, newest first</h2>
{{#AUDIT_NONE}}<p class="none">No change yet.</p>{{/AUDIT_NONE}}
<ul class="items settings-list audit">
{{#AUDIT_ROW}}
<li class="audit-row"><span class="meta"><span>{{AU_WHEN}}</span><span>{{AU_WHO}}</span></span>
<span><strong>{{AU_ACTION}}</strong>: {{AU_SUBJECT}}</span>
{{#AU_CHANGE}}<span class="change">{{AU_BEFORE}} → {{AU_AFTER}}</span>{{/AU_CHANGE}}</li>
{{/AUDIT_ROW}}
</ul>
</div>
</section>
</div>
{{>FOOTER}}
