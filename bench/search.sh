#!/usr/bin/env bash
# bench/search.sh — searches per second on an organization of 100,000 leads
# (L8). Makes a throwaway organization with MariaDB's sequence engine
# (bench/common.sh: leads, one contact each with an email and a phone), logs in as its user, prints
# the EXPLAIN of a search, then runs wrk over /leads?q=... with a rotation of
# queries (a lead name prefix, a word inside a contact name, an email prefix,
# a phone's last digits), and removes the organization.
#
#   LL_VAR=/tmp/llvar PORT=18400 bench/search.sh [seconds]   (default 10)
# Not part of make test. Needs a running instance (scripts/stack start).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${LL_VAR:-$ROOT/var}
PORT=${PORT:-8080}
BUILD=${LL_BUILD:-$ROOT/build}
SECS=${1:-10}
N=${BENCH_LEADS:-100000}
TAG=bench-search-$$
# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"
sql() { bench_sql "$@"; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

cleanup() {
	local org
	org=$(sql -e "SELECT id FROM organizations WHERE name = '$TAG'" || true)
	[[ -z $org ]] && return 0
	sql <<SQL
SET FOREIGN_KEY_CHECKS = 0;
DELETE FROM contact_phones WHERE organization_id = $org;
DELETE FROM contact_emails WHERE organization_id = $org;
DELETE FROM contacts WHERE organization_id = $org;
DELETE FROM leads WHERE organization_id = $org;
DELETE FROM lead_statuses WHERE organization_id = $org;
DELETE FROM sessions WHERE organization_id = $org;
DELETE FROM memberships WHERE organization_id = $org;
DELETE FROM users WHERE email = '$TAG@bench.test';
DELETE FROM organizations WHERE id = $org;
SET FOREIGN_KEY_CHECKS = 1;
SQL
}
trap cleanup EXIT
[[ -n ${BENCH_KEEP:-} ]] && trap - EXIT   # keep the organization (to look at plans)

echo "== making $N leads in a throwaway organization ($TAG)"
start=$(date +%s.%N)
bench_make_leads "$TAG" "$N"
echo "   made in $(echo "$(date +%s.%N) - $start" | bc) s"
# log in
jar=$(mktemp)
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" \
	--data-urlencode "email=$TAG@bench.test" --data-urlencode "password=bench-password" \
	--data-urlencode "next=/leads" "http://127.0.0.1:$PORT/login")
[[ $code == 303 ]] || { echo "login failed: $code" >&2; exit 1; }
cookie=$(awk '$6 ~ /ll_session$/ {print $6 "=" $7}' "$jar")
rm -f "$jar"

mapfile -t queries < <(bench_search_queries "$TAG")
echo "== queries: ${queries[*]}"
for q in "${queries[@]}"; do
	n=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$PORT/leads?q=$q" | grep -c 'href="/lead/lead_' || true)
	printf '   %-24s %s leads\n' "$q" "$n"
done

lua=$(mktemp --suffix=.lua)
{
	printf 'local q = {'
	for q in "${queries[@]}"; do printf '"%s",' "$q"; done
	printf '}\nlocal i = 0\nrequest = function()\n  i = i + 1\n'
	printf '  return wrk.format("GET", "/leads?q=" .. q[(i %% #q) + 1], { ["Cookie"] = "%s" })\nend\n' "$cookie"
	printf 'response = function(status) if status ~= 200 then io.stderr:write("status " .. status .. "\\n") end end\n'
} >"$lua"
echo "== wrk: $SECS s, 2 threads, 4 connections"
wrk -t2 -c4 -d"${SECS}s" -s "$lua" "http://127.0.0.1:$PORT" | tee /tmp/bench-search.out
rm -f "$lua"
echo "== searches per second: $(awk '/Requests\/sec/ {print $2}' /tmp/bench-search.out)"
