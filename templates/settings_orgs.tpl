{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<div class="settings">
{{>SETTINGS_NAV}}
<section class="settings-main">
<h1>Organizations</h1>
<div class="panel">
<h2>Your memberships</h2>
<ul class="items settings-list">
{{#MY_ORG}}
<li class="settings-row"><span class="row-main"><strong>{{MO_NAME}}</strong> <span class="meta"><span>{{MO_ROLE}}</span></span></span>
{{#MO_CURRENT}}<span class="status">Current</span>{{/MO_CURRENT}}
{{#MO_SWITCH}}<form method="post" action="/settings/switch" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="org" value="{{MO_PID}}">
<button type="submit">Switch to {{MO_NAME}}</button></form>{{/MO_SWITCH}}
</li>
{{/MY_ORG}}
</ul>
</div>
</section>
</div>
{{>FOOTER}}
