{{%AUTOESCAPE context="HTML"}}<div class="act-body call">
<p class="facts">{{#PHONE}}<a class="phone" href="tel:{{TEL}}">{{NUMBER}}</a>{{/PHONE}}{{#DURATION}}<span class="duration" title="Duration">{{TIME}}</span>{{/DURATION}}{{#OUTCOME}}<span class="outcome">{{TEXT}}</span>{{/OUTCOME}}</p>
{{#NOTE}}<div class="body body-text">{{TEXT:pre_escape}}</div>{{/NOTE}}
{{>WHEN}}
</div>
