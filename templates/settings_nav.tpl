{{%AUTOESCAPE context="HTML"}}<nav class="settings-nav" aria-label="Settings">
<h2>Settings</h2>
<ul>
<li><a href="/settings/account"{{#CUR_ACCOUNT}} aria-current="page"{{/CUR_ACCOUNT}}>Account</a></li>
<li><a href="/settings/organizations"{{#CUR_ORGS}} aria-current="page"{{/CUR_ORGS}}>Organizations</a></li>
{{#NAV_ADMIN}}
<li><a href="/settings/members"{{#CUR_MEMBERS}} aria-current="page"{{/CUR_MEMBERS}}>Members</a></li>
<li><a href="/settings/lead-statuses"{{#CUR_STATUSES}} aria-current="page"{{/CUR_STATUSES}}>Lead statuses</a></li>
<li><a href="/settings/opportunity-statuses"{{#CUR_OSTATUSES}} aria-current="page"{{/CUR_OSTATUSES}}>Opportunity statuses</a></li>
<li><a href="/settings/custom-fields"{{#CUR_FIELDS}} aria-current="page"{{/CUR_FIELDS}}>Custom fields</a></li>
<li><a href="/settings/activity-types"{{#CUR_ATYPES}} aria-current="page"{{/CUR_ATYPES}}>Custom activity types</a></li>
<li><a href="/settings/audit"{{#CUR_AUDIT}} aria-current="page"{{/CUR_AUDIT}}>Audit</a></li>
{{/NAV_ADMIN}}
</ul>
</nav>
