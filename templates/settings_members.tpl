{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<div class="settings">
{{>SETTINGS_NAV}}
<section class="settings-main">
<h1>Members</h1>
{{#MEMBERS_ERROR}}<p class="form-error" role="alert">{{ME_MESSAGE}}</p>{{/MEMBERS_ERROR}}
{{#NEW_LINK}}
<div class="panel new-link" role="status">
<h2>Invitation link for {{NL_EMAIL}}</h2>
<p>This site sends no mail yet: copy the link and give it to {{NL_EMAIL}}. It works once, for 7 days, and is shown only now.</p>
<input class="copy-link" readonly value="{{NL_URL}}" aria-label="Invitation link" id="invite-link">
</div>
{{/NEW_LINK}}
<div class="panel">
<h2>Invite</h2>
<form method="post" action="/settings/members/invite" class="settings-inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="invite-email">Email</label>
<input id="invite-email" name="email" type="email" required value="{{INVITE_EMAIL}}">
<label for="invite-role">Role</label>
<select id="invite-role" name="role"><option value="user">user</option><option value="admin">admin</option></select>
<button type="submit" class="primary">Invite</button>
</form>
</div>
<div class="panel">
<h2>Members</h2>
<ul class="items settings-list">
{{#MEMBER}}
<li class="settings-row member">
<span class="row-main"><strong>{{MB_NAME}}</strong> <span class="meta"><span>{{MB_EMAIL}}</span><span class="role">{{MB_ROLE}}</span>{{#MB_INACTIVE}}<span class="flag late">deactivated</span>{{/MB_INACTIVE}}</span></span>
<span class="row-actions">
<form method="post" action="/settings/members/role" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="user" value="{{MB_PID}}"><input type="hidden" name="role" value="{{MB_OTHER_ROLE}}"><button type="submit">{{MB_OTHER_ROLE_LABEL}}</button></form>
{{#MB_CAN_DEACTIVATE}}<form method="post" action="/settings/members/deactivate" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="user" value="{{MB_PID}}"><button type="submit">Deactivate</button></form>{{/MB_CAN_DEACTIVATE}}
{{#MB_CAN_REACTIVATE}}<form method="post" action="/settings/members/reactivate" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="user" value="{{MB_PID}}"><button type="submit">Reactivate</button></form>{{/MB_CAN_REACTIVATE}}
<form method="post" action="/settings/members/remove" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="user" value="{{MB_PID}}"><button type="submit" class="danger">Remove</button></form>
</span>
</li>
{{/MEMBER}}
</ul>
</div>
<div class="panel">
<h2>Pending invitations</h2>
{{#NO_INVITATIONS}}<p class="none">None.</p>{{/NO_INVITATIONS}}
<ul class="items settings-list">
{{#INVITATION}}
<li class="settings-row invitation">
<span class="row-main"><strong>{{IV_EMAIL}}</strong> <span class="meta"><span>{{IV_ROLE}}</span><span>until {{IV_EXPIRES}}</span></span></span>
<span class="row-actions">
<form method="post" action="/settings/invites/resend" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="invite" value="{{IV_PID}}"><button type="submit">New link</button></form>
<form method="post" action="/settings/invites/revoke" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="invite" value="{{IV_PID}}"><button type="submit" class="danger">Revoke</button></form>
</span>
</li>
{{/INVITATION}}
</ul>
</div>
</section>
</div>
{{>FOOTER}}
