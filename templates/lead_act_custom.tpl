{{%AUTOESCAPE context="HTML"}}<div class="act-body custom">
{{>FIELDS}}
{{>WHEN}}
</div>
