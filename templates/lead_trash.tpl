{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<article class="lead lead-subpage" id="{{LEAD}}">
<p class="crumbs"><a href="/lead/{{LEAD}}/">← {{LEAD_NAME}}</a></p>
<section class="panel trash" aria-labelledby="trash-h">
<h1 id="trash-h">Trash</h1>
<p class="trash-note">What was deleted from this lead in the last {{DAYS}} days.{{#NOT_ADMIN}} Only an admin can restore it.{{/NOT_ADMIN}}</p>
{{#NOTICE}}<p class="form-error" role="status">{{MSG}}</p>{{/NOTICE}}
{{#EMPTY}}<p class="none">The trash is empty.</p>{{/EMPTY}}
<ul class="items trash-items">
{{#ITEM}}<li class="trash-item" id="trash-{{ACTI}}">
<p class="trash-head"><span class="act-kind">{{KIND}}</span> <span class="act-who">{{AUTHOR}}</span> <span class="act-when">{{WHEN}}</span></p>
{{#WHAT}}<p class="trash-what">{{TEXT}}</p>{{/WHAT}}
<p class="trash-deleted">Deleted by {{BY}}, {{DELETED}}</p>
{{#RESTORE}}<form class="restore-form" method="post" action="/lead/{{LEAD}}/activity/{{ACTI}}/restore"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Restore</button></form>{{/RESTORE}}
</li>
{{/ITEM}}</ul>
</section>
</article>
{{>FOOTER}}
