#!/usr/bin/env bash
# bench/lead.sh — the lead page's speed, measured side by side in one run
# (L3; bench/run.sh measures it within make bench): wrk against Globex
# (334 activities), Initech (archive) (100,000), a "load more" deep in
# Initech's history, and nginx serving the same bytes as the Globex page from
# a static file (the limit). Prints requests per second, latencies, non-2xx,
# the ratios and PASS or FAIL per target:
#   Initech ÷ Globex ≥ 0.9, deep load more ÷ Globex ≥ 0.9, Globex ÷ static ≥ 0.25
#
#   LL_VAR=/tmp/llvar PORT=18400 bench/lead.sh [seconds]   (default 10)
# Needs a running instance (scripts/stack start). wrk: 2 threads, 8 connections.
# Not part of make test: this machine is shared, so only ratios mean anything.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${LL_VAR:-$ROOT/var}
PORT=${PORT:-8080}
SECS=${1:-10}
BASE=http://127.0.0.1:$PORT
sql() { mariadb --no-defaults -S "$VAR/run/mysqld.sock" -u root -N -B leadline -e "$1"; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

jar=$(mktemp)
static=$ROOT/htdocs/static/bench-globex.html
trap 'rm -f "$jar" "$static"' EXIT
curl -s -c "$jar" -b "$jar" "$BASE/login" >/dev/null
csrf=$(awk '$6 == "ll_csrf" { print $7 }' "$jar")
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
	--data-urlencode email=ada@northwind.test --data-urlencode password=leadline-demo "$BASE/login"
session=$(awk '$6 == "ll_session" { print $7 }' "$jar")
[[ -n $session ]] || { echo "login failed" >&2; exit 1; }

globex=$(sql "SELECT pid FROM leads WHERE name = 'Globex Corporation'")
initech=$(sql "SELECT pid FROM leads WHERE name = 'Initech (archive)'")
deep=$(sql "SELECT a.pid FROM activities a JOIN leads l ON l.id = a.lead_id
            WHERE l.name = 'Initech (archive)' ORDER BY a.activity_at, a.id LIMIT 1 OFFSET 20000")
curl -s -b "$jar" "$BASE/lead/$globex/" >"$static"

run() {  # name url → "rps p50 p99 non2xx"
	local out rps p50 p99 non2xx
	out=$(wrk -t2 -c8 -d"${SECS}s" --latency -H "Cookie: ll_session=$session" "$2")
	rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
	p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
	p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
	non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
	printf '%-28s %10s req/s  p50 %-9s p99 %-9s non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}" >&2
	echo "$rps ${non2xx:-0}"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t) ? "PASS" : "FAIL" }'; }

# warm up
wrk -t1 -c2 -d2s -H "Cookie: ll_session=$session" "$BASE/lead/$initech/" >/dev/null
read -r s_rps _ < <(run "static, same bytes" "$BASE/static/bench-globex.html")
read -r g_rps g_bad < <(run "Globex lead page" "$BASE/lead/$globex/")
read -r i_rps i_bad < <(run "Initech lead page" "$BASE/lead/$initech/")
read -r d_rps d_bad < <(run "Initech load more, deep" "$BASE/lead/$initech/?before=$deep")
echo
r1=$(ratio "$i_rps" "$g_rps"); r2=$(ratio "$d_rps" "$g_rps"); r3=$(ratio "$g_rps" "$s_rps")
printf 'Initech / Globex          %s  (target >= 0.9)   %s\n' "$r1" "$(verdict "$r1" 0.9)"
printf 'deep load more / Globex   %s  (target >= 0.9)   %s\n' "$r2" "$(verdict "$r2" 0.9)"
printf 'Globex / static           %s  (target >= 0.25)  %s\n' "$r3" "$(verdict "$r3" 0.25)"
bad=$((g_bad + i_bad + d_bad))
printf 'non-2xx under load        %s  (target 0)        %s\n' "$bad" "$( ((bad == 0)) && echo PASS || echo FAIL)"
