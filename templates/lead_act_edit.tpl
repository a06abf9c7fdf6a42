{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<article class="lead lead-subpage" id="{{LEAD}}">
<p class="crumbs"><a href="/lead/{{LEAD}}/#{{ACTI}}">← {{LEAD_NAME}}</a></p>
<section class="panel act-edit" aria-labelledby="edit-h">
<h1 id="edit-h">Edit {{KIND}}</h1>
{{>FORM}}
</section>
</article>
{{>FOOTER}}
