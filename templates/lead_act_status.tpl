{{%AUTOESCAPE context="HTML"}}<div class="act-body status-change">
<p>{{#OPPORTUNITY}}<span class="opportunity">Opportunity {{VALUE}}:</span> {{/OPPORTUNITY}}<span class="status from">{{FROM}}</span> <span class="arrow" aria-label="to">→</span> <span class="status to">{{TO}}</span></p>
{{>WHEN}}
</div>
