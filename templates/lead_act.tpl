{{%AUTOESCAPE context="HTML"}}<li class="act act-{{TYPE}}{{#PINNED}} is-pinned{{/PINNED}}" id="{{ID_PREFIX}}{{ACTI}}">
<div class="act-head">
<span class="act-kind">{{KIND}}</span>{{#DIRECTION}}<span class="dir">{{DIR}}</span>{{/DIRECTION}}{{#PINNED}}<span class="pin">Pinned</span>{{/PINNED}}
<span class="act-who">{{USER}}{{#WITH}} <span class="with">with {{NAME}}</span>{{/WITH}}</span>
{{#ACT_TOOLS}}<span class="act-tools">{{#EDIT_LINK}}<a class="act-edit-link" href="/lead/{{LEAD}}/activity/{{ACTI}}/edit">Edit</a>{{/EDIT_LINK}}<a class="act-delete-link" href="/lead/{{LEAD}}/activity/{{ACTI}}/delete">Delete</a></span>{{/ACT_TOOLS}}
{{#PIN_FORM}}<form class="pin-form" method="post" action="/lead/{{LEAD}}/activity/{{ACTI}}/{{ACTION}}"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="pin-button">{{LABEL}}</button></form>{{/PIN_FORM}}
</div>
{{>BODY}}
</li>
