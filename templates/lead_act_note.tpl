{{%AUTOESCAPE context="HTML"}}<div class="act-body note">
{{#RICH}}<div class="body body-html">{{BODY_SAFE_HTML:none}}</div>
{{#BLOCKED}}<p class="remote-images">Remote images are blocked. <a href="{{IMAGES_HREF}}">Show remote images</a></p>{{/BLOCKED}}
{{#HAS_TEXT}}<details class="plain"><summary>Plain text</summary><div class="body body-text">{{TEXT:pre_escape}}</div></details>{{/HAS_TEXT}}
{{/RICH}}{{#PLAIN}}<div class="body body-text">{{TEXT:pre_escape}}</div>{{/PLAIN}}
{{>FILES}}
{{>WHEN}}
</div>
