{{%AUTOESCAPE context="HTML"}}<div class="act-body sms">
<p class="facts">{{#OUT}}<span class="from">From {{LOCAL}}</span> <span class="to">to <a href="tel:{{REMOTE_TEL}}">{{REMOTE}}</a></span>{{/OUT}}{{#IN}}<span class="from">From <a href="tel:{{REMOTE_TEL}}">{{REMOTE}}</a></span> <span class="to">to {{LOCAL}}</span>{{/IN}}</p>
<div class="body body-text">{{TEXT:pre_escape}}</div>
{{>FILES}}
{{>WHEN}}
</div>
