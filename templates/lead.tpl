{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<article class="lead" id="{{PID}}">
<header class="lead-head">
<div>
<h1>{{NAME}}</h1>
{{#URL_LINK}}<p class="url"><a href="{{URL}}" rel="noopener noreferrer nofollow">{{URL}}</a></p>{{/URL_LINK}}
{{#URL_TEXT}}<p class="url">{{URL}}</p>{{/URL_TEXT}}
<p class="description">{{DESCRIPTION}}</p>
</div>
<p class="lead-status">Status: <span class="status">{{STATUS}}</span></p>
</header>
</article>
{{>FOOTER}}
