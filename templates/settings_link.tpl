{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="login settings-link">
{{#LINK_BAD}}
<h1>{{BAD_TITLE}}</h1>
<p class="form-error" role="alert">{{BAD_MESSAGE}}</p>
<p><a href="/login">Log in</a> · <a href="/password/forgot">Forgot your password?</a></p>
{{/LINK_BAD}}
{{#SET_PASSWORD}}
<h1>Set your password</h1>
<p>For <strong>{{LINK_EMAIL}}</strong>. Every session of this account ends when it is set.</p>
{{#SP_ERROR}}<p class="form-error" role="alert">{{SP_MESSAGE}}</p>{{/SP_ERROR}}
<form method="post" action="/password">
<input type="hidden" name="csrf" value="{{PUB_CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<input type="email" name="username" value="{{LINK_EMAIL}}" autocomplete="username" hidden>
<label for="password">New password (at least 10 characters)</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
<label for="password2">The same again</label>
<input id="password2" name="password2" type="password" autocomplete="new-password" minlength="10" required>
<button type="submit">Set password and log in</button>
</form>
{{/SET_PASSWORD}}
{{#FORGOT}}
<h1>Forgot your password?</h1>
{{#FG_ERROR}}<p class="form-error" role="alert">{{FG_MESSAGE}}</p>{{/FG_ERROR}}
<form method="post" action="/password/forgot">
<input type="hidden" name="csrf" value="{{PUB_CSRF}}">
<label for="email">Your email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="{{FORGOT_EMAIL}}">
<button type="submit">Ask for a reset link</button>
</form>
<p><a href="/login">Back to log in</a></p>
{{/FORGOT}}
{{#FORGOT_SENT}}
<h1>Check with your admin</h1>
<p role="status">If an account uses <strong>{{FORGOT_EMAIL}}</strong>, it can get a reset link, valid 30 minutes.
This site sends no mail yet: an admin of your organization makes the link (<code>llctl reset-link</code>) and gives it to you.</p>
<p><a href="/login">Back to log in</a></p>
{{/FORGOT_SENT}}
{{#INVITE}}
<h1>Join {{INV_ORG}}</h1>
<p>You are invited as <strong>{{INV_ROLE}}</strong> with the address <strong>{{INV_EMAIL}}</strong>.</p>
{{#INV_ERROR}}<p class="form-error" role="alert">{{INV_MESSAGE}}</p>{{/INV_ERROR}}
<form method="post" action="/invite">
<input type="hidden" name="csrf" value="{{PUB_CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<input type="email" name="username" value="{{INV_EMAIL}}" autocomplete="username" hidden>
{{#INV_NEW}}
<label for="name">Your name</label>
<input id="name" name="name" autocomplete="name" maxlength="200" required value="{{INV_NAME}}">
<label for="password">Choose a password (at least 10 characters)</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
<label for="password2">The same again</label>
<input id="password2" name="password2" type="password" autocomplete="new-password" minlength="10" required>
<button type="submit">Join</button>
{{/INV_NEW}}
{{#INV_EXISTING}}
<p>You have an account already: confirm with its password.</p>
<label for="password">Your password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Join</button>
{{/INV_EXISTING}}
</form>
{{/INVITE}}
</section>
{{>FOOTER}}
