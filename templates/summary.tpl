{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="summary-page" id="summary">
<p><a href="/lead/{{LEAD_PID}}/">&larr; {{LEAD_NAME}}</a></p>
<h1>Lead summary</h1>
<p class="summary-about">A short summary of the lead written from its recent activity, opportunities, open tasks, contacts and custom fields. Each statement links to the activities it rests on.</p>
{{#ERROR}}<p class="summary-error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
{{#PLAN_LACKS}}<p class="summary-plan" role="alert">{{MESSAGE}}</p>{{/PLAN_LACKS}}
{{#NONE}}<p class="summary-none">There is no summary of this lead yet.</p>{{/NONE}}
{{#SUMMARY}}<article class="summary" data-summary-id="{{PID}}" lang="{{LANGUAGE}}">
{{#OUTDATED}}<p class="summary-outdated" role="status">There is new activity on this lead since this summary was generated: it may be outdated.{{#FRESH}} Regenerate it with the button below.{{/FRESH}}{{#STALE}} The new activity is more than 48 hours old: expanding the summary regenerates it.{{/STALE}}</p>{{/OUTDATED}}
<details class="summary-details"{{#OPEN}} open{{/OPEN}}{{#STALE}} data-auto-regenerate="1"{{/STALE}}>
<summary>Summary of {{LEAD_NAME}}</summary>
<p class="summary-meta">Built from <span class="summary-count">{{COUNT}}</span> activities,
<span class="summary-window">{{WINDOW_FROM}} to {{WINDOW_TO}} (UTC)</span>;
backend <span class="summary-backend">{{BACKEND}}</span>{{#MODEL}}, model <span class="summary-model">{{VALUE}}</span>{{/MODEL}};
generated <time datetime="{{CREATED_ISO}}">{{CREATED}} UTC</time>{{#BY}} by {{VALUE}}{{/BY}}.</p>
<details class="summary-more"><summary>More</summary><button type="button" class="summary-copy">Copy</button></details>
<textarea class="summary-text" aria-label="The summary as plain text" readonly hidden>{{BODY:pre_escape}}</textarea>
<div class="summary-body">{{#LINE}}<p>{{#PART}}{{TEXT}}{{#CITE}}<a class="cite" href="/lead/{{LEAD_PID}}/#activityId={{ACTI}}">[{{ACTI}}]</a>{{/CITE}}{{/PART}}</p>
{{/LINE}}</div>
<div class="summary-rating">
<p class="summary-votes">Rated helpful <span class="summary-ups">{{UPS}}</span>, not helpful <span class="summary-downs">{{DOWNS}}</span>{{#MINE_UP}}; you rated it helpful{{/MINE_UP}}{{#MINE_DOWN}}; you rated it not helpful{{/MINE_DOWN}}.</p>
<form class="summary-rate-up" method="post" action="/lead/{{LEAD_PID}}/summary/rate"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="summary" value="{{PID}}"><input type="hidden" name="rating" value="up"><button type="submit" aria-pressed="{{UP_PRESSED}}">Thumbs up</button></form>
<form class="summary-rate-down" method="post" action="/lead/{{LEAD_PID}}/summary/rate"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="summary" value="{{PID}}"><input type="hidden" name="rating" value="down">
<label>What is wrong with it? (optional) <textarea name="feedback" maxlength="4000" rows="2">{{FEEDBACK:pre_escape}}</textarea></label>
<button type="submit" aria-pressed="{{DOWN_PRESSED}}">Thumbs down</button></form>
{{#CAN_DELETE}}<form class="summary-delete" method="post" action="/lead/{{LEAD_PID}}/summary/delete"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="summary" value="{{PID}}"><button type="submit">Delete this summary</button></form>{{/CAN_DELETE}}
</div>
</details>
</article>{{/SUMMARY}}
{{#GENERATE}}<form class="summary-generate" method="post" action="/lead/{{LEAD_PID}}/summary">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="back" value="{{BACK}}">
<label>Language <select name="language">{{#LANG}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/LANG}}</select></label>
<button type="submit">{{LABEL}}</button>
</form>{{/GENERATE}}
{{#ADMIN}}<p class="summary-admin"><a href="/summaries/ratings">Ratings and feedback of all summaries</a></p>{{/ADMIN}}
</section>
<script src="/static/summary.js" defer></script>
{{>FOOTER}}
