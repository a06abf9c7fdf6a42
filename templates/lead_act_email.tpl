{{%AUTOESCAPE context="HTML"}}<div class="act-body email">
{{>WHEN}}
<p class="subject">{{SUBJECT}}</p>
<dl class="addresses">
<div><dt>From</dt><dd>{{FROM}}</dd></div>
<div><dt>To</dt><dd>{{TO}}</dd></div>
{{#CC}}<div><dt>Cc</dt><dd>{{LIST}}</dd></div>{{/CC}}
</dl>
{{#RICH}}<div class="body body-html">{{BODY_SAFE_HTML:none}}</div>
{{#BLOCKED}}<p class="remote-images">Remote images are blocked. <a href="{{IMAGES_HREF}}">Show remote images</a></p>{{/BLOCKED}}
{{#HAS_TEXT}}<details class="plain"><summary>Plain text</summary><div class="body body-text">{{TEXT:pre_escape}}</div></details>{{/HAS_TEXT}}
{{/RICH}}{{#PLAIN}}<div class="body body-text">{{TEXT:pre_escape}}</div>{{/PLAIN}}
{{>FILES}}
</div>
