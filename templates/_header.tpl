{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · leadline</title>
<link rel="stylesheet" href="/static/leadline.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="top">
<a class="brand" href="/leads">leadline</a>
{{#LOGGED_IN}}
<nav aria-label="Main">
<a href="/leads">Leads</a>
<a href="/tasks">Tasks</a>
<a href="/settings/account">Settings</a>
</nav>
<div class="who">
<a class="org" href="/settings/organizations" title="Switch organization">{{ORG_NAME}}</a>
<span class="user">{{USER_NAME}}</span>
<form method="post" action="/logout" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">Log out</button>
</form>
</div>
{{/LOGGED_IN}}
</header>
<main>
