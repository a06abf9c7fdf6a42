{{%AUTOESCAPE context="HTML"}}<article class="activity linked-activity act-{{TYPE}}" id="linked-{{PID}}" data-activity-id="{{PID}}">
<header class="linked-head"><span class="linked-label">Linked activity</span>
<a class="linked-context" href="/lead/{{LEAD_PID}}/{{#CONTEXT}}?before={{BEFORE}}{{/CONTEXT}}#activityId={{PID}}">See it in context</a></header>
<p class="act-meta"><span class="act-type">{{TYPE_LABEL}}</span>
<span class="act-who">{{WHO}}</span>{{#CONTACT}} with <span class="act-contact">{{VALUE}}</span>{{/CONTACT}}{{#DIRECTION}} <span class="act-direction">({{VALUE}})</span>{{/DIRECTION}}
<a class="act-when" href="/activity/{{PID}}"><time datetime="{{WHEN_UTC}}">{{WHEN}}</time></a></p>
{{#SUBJECT}}<h3 class="act-subject">{{VALUE}}</h3>{{/SUBJECT}}
{{#TITLE}}<h3 class="act-title">{{VALUE}}</h3>{{/TITLE}}
{{#PHONE}}<p class="act-phone">{{VALUE}}</p>{{/PHONE}}
{{#OUTCOME}}<p class="act-outcome">{{VALUE}}</p>{{/OUTCOME}}
{{#STATUS_CHANGE}}<p class="act-status">{{OLD}} &rarr; {{NEW}}</p>{{/STATUS_CHANGE}}
{{#TEXT}}<div class="body body-text">{{VALUE:pre_escape}}</div>{{/TEXT}}
</article>
