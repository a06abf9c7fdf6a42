{{%AUTOESCAPE context="HTML"}}<div class="history-list" id="history-list">
{{#PINNED_SECTION}}<section class="pinned-section" aria-labelledby="pinned-h">
<h3 id="pinned-h" class="pinned-h">Pinned</h3>
<ol class="pinned-acts">
{{#PACT}}{{>ITEM}}{{/PACT}}</ol>
</section>{{/PINNED_SECTION}}
{{#EMPTY}}<p class="none">{{#FILTERED}}No activities of the chosen types.{{/FILTERED}}{{#UNFILTERED}}No activity yet.{{/UNFILTERED}}</p>{{/EMPTY}}
<ol class="acts">
{{#ACT}}{{>ITEM}}{{/ACT}}</ol>
{{#MORE}}<p class="more"><a class="load-more" href="{{HREF}}">Load more</a></p>{{/MORE}}
</div>
