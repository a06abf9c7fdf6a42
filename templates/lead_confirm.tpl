{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<article class="lead lead-subpage" id="{{LEAD}}">
<p class="crumbs"><a href="/lead/{{LEAD}}/">← {{LEAD_NAME}}</a></p>
<section class="panel confirm" aria-labelledby="confirm-h">
<h1 id="confirm-h">{{QUESTION}}</h1>
{{#WHAT}}<blockquote class="confirm-what">{{TEXT:pre_escape}}</blockquote>{{/WHAT}}
<p class="confirm-note">{{NOTE}}</p>
<form class="confirm-form" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="actions"><button type="submit" class="danger">{{BUTTON}}</button> <a class="cancel" href="{{BACK}}">Cancel</a></p>
</form>
</section>
</article>
{{>FOOTER}}
