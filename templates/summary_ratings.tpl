{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="summary-ratings">
<h1>Ratings of lead summaries</h1>
<p>Every thumbs up and down given to the organization's lead summaries, with the written feedback of the thumbs down, newest first ({{N}}). <a class="summary-ratings-csv" href="/summaries/ratings.csv">Export as CSV</a></p>
{{#NONE}}<p class="none">No summary has been rated yet.</p>{{/NONE}}
<table class="summary-ratings-list">
<thead><tr><th scope="col">Rated (UTC)</th><th scope="col">Lead</th><th scope="col">Summary</th><th scope="col">User</th><th scope="col">Rating</th><th scope="col">Feedback</th></tr></thead>
<tbody>
{{#RATING}}<tr class="rating-{{RATING}}"><td>{{RATED}}</td><td><a href="/lead/{{LEAD_PID}}/">{{LEAD_NAME}}</a></td><td><code>{{SUMMARY_PID}}</code> ({{BACKEND}} {{MODEL}}){{#DELETED}} deleted{{/DELETED}}</td><td>{{USER}}</td><td>{{RATING}}</td><td class="feedback">{{FEEDBACK:pre_escape}}</td></tr>
{{/RATING}}</tbody>
</table>
</section>
{{>FOOTER}}
