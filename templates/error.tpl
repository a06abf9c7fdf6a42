{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="error" role="alert">
<h1>{{STATUS}} {{REASON}}</h1>
<p class="message">{{MESSAGE}}</p>
<p><a href="/leads">Back to the leads</a></p>
</section>
{{>FOOTER}}
