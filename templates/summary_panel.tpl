{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{TITLE}} · leadline</title>
<link rel="stylesheet" href="/static/leadline.css">
</head>
<body class="summary-panel-view"{{#AUTO}} data-auto-regenerate="1"{{/AUTO}}>
{{#ERROR}}<p class="summary-error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
{{#PLAN_LACKS}}<p class="summary-plan" role="alert">{{MESSAGE}}</p>{{/PLAN_LACKS}}
{{#NONE}}<p class="summary-none">There is no summary of this lead yet.</p>{{/NONE}}
{{#SUMMARY}}<article class="summary" data-summary-id="{{PID}}" lang="{{LANGUAGE}}">
{{#OUTDATED}}<p class="summary-outdated" role="status">There is new activity on this lead since this summary was generated: it may be outdated.{{#FRESH}} Regenerate it with the button below.{{/FRESH}}{{#STALE}} The new activity is more than 48 hours old: the summary is regenerated as it opens.{{/STALE}}</p>{{/OUTDATED}}
<p class="summary-meta">Built from <span class="summary-count">{{COUNT}}</span> activities,
<span class="summary-window">{{WINDOW_FROM}} to {{WINDOW_TO}} (UTC)</span>;
backend <span class="summary-backend">{{BACKEND}}</span>{{#MODEL}}, model <span class="summary-model">{{VALUE}}</span>{{/MODEL}};
generated <time datetime="{{CREATED_ISO}}">{{CREATED}} UTC</time>{{#BY}} by {{VALUE}}{{/BY}}.</p>
<div class="summary-body">{{#LINE}}<p>{{#PART}}{{TEXT}}{{#CITE}}<a class="cite" target="_top" href="/lead/{{LEAD_PID}}/#activityId={{ACTI}}">[{{ACTI}}]</a>{{/CITE}}{{/PART}}</p>
{{/LINE}}</div>
</article>{{/SUMMARY}}
{{#GENERATE}}<form class="summary-generate" method="post" action="/lead/{{LEAD_PID}}/summary">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="back" value="{{BACK}}">
<label>Language <select name="language">{{#LANG}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/LANG}}</select></label>
<button type="submit">{{LABEL}}</button>
</form>{{/GENERATE}}
<p><a class="summary-open" target="_top" href="/lead/{{LEAD_PID}}/summary">More: copy, rate, the full page</a></p>
<script src="/static/summary.js" defer></script>
</body>
</html>
