{{%AUTOESCAPE context="HTML"}}<div class="history-list" id="history-list">
{{#EMPTY}}<p class="none">{{#FILTERED}}No activities of the chosen types.{{/FILTERED}}{{#UNFILTERED}}No activity yet.{{/UNFILTERED}}</p>{{/EMPTY}}
<ol class="acts">
{{#ACT}}<li class="act act-{{TYPE}}{{#PINNED}} is-pinned{{/PINNED}}" id="{{ACTI}}">
<div class="act-head">
<span class="act-kind">{{KIND}}</span>{{#DIRECTION}}<span class="dir">{{DIR}}</span>{{/DIRECTION}}{{#PINNED}}<span class="pin">Pinned</span>{{/PINNED}}
<span class="act-who">{{USER}}{{#WITH}} <span class="with">with {{NAME}}</span>{{/WITH}}</span>
<time class="act-when" datetime="{{UTC}}">{{WHEN}}</time>
</div>
{{>BODY}}
</li>
{{/ACT}}</ol>
{{#MORE}}<p class="more"><a class="load-more" href="{{HREF}}">Load more</a></p>{{/MORE}}
</div>
