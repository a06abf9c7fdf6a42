{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<div class="settings">
{{>SETTINGS_NAV}}
<section class="settings-main">
<h1>Account</h1>
<div class="panel">
<h2>Profile</h2>
{{#ACC_SAVED}}<p class="form-ok" role="status">Saved.</p>{{/ACC_SAVED}}
{{#ACC_ERROR}}<p class="form-error" role="alert">{{ERR_MESSAGE}}</p>{{/ACC_ERROR}}
<form method="post" action="/settings/account" class="settings-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="name">Name</label>
<input id="name" name="name" autocomplete="name" maxlength="200" required value="{{ACC_NAME}}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required value="{{ACC_EMAIL}}">
<label for="time_zone">Time zone</label>
<input id="time_zone" name="time_zone" required value="{{ACC_TZ}}" placeholder="Europe/Berlin">
<div><button type="submit" class="primary">Save</button></div>
</form>
</div>
<div class="panel">
<h2>Password</h2>
{{#PW_SAVED}}<p class="form-ok" role="status">Your password is changed; your other sessions have ended.</p>{{/PW_SAVED}}
{{#PW_ERROR}}<p class="form-error" role="alert">{{ERR_MESSAGE}}</p>{{/PW_ERROR}}
<form method="post" action="/settings/password" class="settings-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="email" name="username" value="{{ACC_EMAIL}}" autocomplete="username" hidden>
<label for="current_password">Current password</label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" required>
<label for="password">New password (at least 10 characters)</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
<label for="password2">The same again</label>
<input id="password2" name="password2" type="password" autocomplete="new-password" minlength="10" required>
<div><button type="submit" class="primary">Change password</button></div>
</form>
<p class="hint">Changing it ends your sessions everywhere else.</p>
</div>
</section>
</div>
{{>FOOTER}}
