{{%AUTOESCAPE context="HTML"}}<div class="act-body task-done">
<p><span class="check" aria-hidden="true">✓</span> {{TEXT}}</p>
{{>WHEN}}
</div>
