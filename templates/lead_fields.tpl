{{%AUTOESCAPE context="HTML"}}<dl class="fields">
{{#FIELD}}<div class="field field-{{TYPE}}"><dt>{{NAME}}</dt><dd>{{#VAL}}{{#LINK}}<a class="v" href="{{V}}" rel="noopener noreferrer nofollow">{{V}}</a>{{/LINK}}{{#TEXT}}<span class="v">{{V:pre_escape}}</span>{{/TEXT}}{{/VAL}}{{#NONE}}<span class="empty">—</span>{{/NONE}}</dd></div>
{{/FIELD}}</dl>
