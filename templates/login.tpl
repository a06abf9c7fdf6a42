{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="login">
<h1>Log in to leadline</h1>
{{#ERROR}}<p class="form-error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="{{LOGIN_CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="{{EMAIL}}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button>
</form>
<p class="forgot"><a href="/password/forgot">Forgot your password?</a></p>
</section>
<script src="/static/login.js" defer></script>
{{>FOOTER}}
