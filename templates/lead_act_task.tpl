{{%AUTOESCAPE context="HTML"}}<div class="act-body task-done">
<p><span class="check" aria-hidden="true">✓</span> {{TEXT}}</p>
{{#REOPEN}}<form class="task-reopen" method="post" action="/lead/{{LEAD}}/task/{{TPID}}/reopen"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link-button" aria-label="Reopen: {{TEXT}}">Reopen</button></form>{{/REOPEN}}
{{>WHEN}}
</div>
