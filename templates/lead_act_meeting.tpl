{{%AUTOESCAPE context="HTML"}}<div class="act-body meeting">
<p class="subject">{{TITLE}}</p>
{{>WHEN}}
<p class="facts">{{#RANGE}}<span class="range">{{STARTS}}{{#ENDS}} – {{TIME}}{{/ENDS}}</span>{{/RANGE}}{{#LOCATION}}<span class="location">{{TEXT}}</span>{{/LOCATION}}</p>
{{#ATTENDEES}}<p class="attendees"><span class="label">Attendees</span> {{LIST}}</p>{{/ATTENDEES}}
{{#NOTE}}<div class="body body-text">{{TEXT:pre_escape}}</div>{{/NOTE}}
</div>
