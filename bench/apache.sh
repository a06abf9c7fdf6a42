#!/usr/bin/env bash
# bench/apache.sh — the Globex lead page and a permalink (302) under a private
# Apache from apache.conf.example, as plain CGI and under mod_fcgid, against
# nginx + FastCGI in the same run (H1; the second part of make bench, which
# keeps its output as bench/results-apache.md). Then where a CGI request's time goes: each program run
# directly as CGI, 40 times a step, adding one cost at a time — the process
# (exec, dynamic linking: `--routes`), the configuration and the templates
# parsed (/lead/ without a cookie: a redirect), the database connection over
# TCP and the session's statement (a wrong session token: the redirect after
# one lookup), and the page itself (a real session).
#
#   bench/apache.sh [seconds]     (default 4 per address; after make)
# Starts and stops its own throwaway instance; as root (Apache runs its
# programs as nobody), with the test tools installed (make test-deps: Apache,
# mod_fcgid, mod_xsendfile) and wrk. wrk: 2 threads, 8 connections. Prints a table and the
# ratios; only ratios of one run mean anything on this shared machine.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export LL_BUILD=${LL_BUILD:-$ROOT/build}
SECS=${1:-4}
command -v wrk >/dev/null || { echo "wrk is missing: scripts/stack deps wrk" >&2; exit 1; }
free_port() {
	local p
	for p in $(seq $((23000 + RANDOM % 2000)) 26000); do
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}
export LL_VAR PORT LL_DB_PORT APACHE_PORT
LL_VAR=$(mktemp -d /tmp/leadline-bench-apache.XXXXXX)
PORT=$(free_port); LL_DB_PORT=$((PORT + 1)); APACHE_PORT=$((PORT + 2))
export LEADLINE_CONF=$LL_VAR/leadline.conf
trap '"$ROOT/scripts/stack" stop >/dev/null 2>&1; rm -rf "$LL_VAR"' EXIT
"$ROOT/scripts/stack" start >/dev/null
sql() { mariadb --no-defaults -S "$LL_VAR/run/mysqld.sock" -u root -N -B leadline -e "$1"; }

jar=$(mktemp)
BASE=http://127.0.0.1:$PORT
curl -s -c "$jar" -b "$jar" -o /dev/null "$BASE/login"
csrf=$(awk '$6 == "ll_csrf" { print $7 }' "$jar")
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
	--data-urlencode email=ada@northwind.test --data-urlencode password=leadline-demo "$BASE/login"
session=$(awk '$6 == "ll_session" { print $7 }' "$jar")
rm -f "$jar"
[[ -n $session ]] || { echo "login failed" >&2; exit 1; }
globex=$(sql "SELECT pid FROM leads WHERE name = 'Globex Corporation'")
acti=$(sql "SELECT a.pid FROM activities a JOIN leads l ON l.id = a.lead_id
            WHERE l.name = 'Globex Corporation' ORDER BY a.id LIMIT 1")

rps() {  # port path → requests per second (non-2xx/3xx counted apart)
	local out
	wrk -t1 -c2 -d1s -H "Cookie: ll_session=$session" "http://127.0.0.1:$1$2" >/dev/null
	out=$(wrk -t2 -c8 -d"${SECS}s" -H "Cookie: ll_session=$session" "http://127.0.0.1:$1$2")
	awk '/Requests\/sec/ { print $2 }' <<<"$out"
}
declare -A R
R[nginx_page]=$(rps "$PORT" "/lead/$globex/")
R[nginx_link]=$(rps "$PORT" "/activity/$acti")
for mode in cgi fcgid; do
	LL_APACHE_MODE=$mode "$ROOT/scripts/stack" apache-start >/dev/null
	R[${mode}_page]=$(rps "$APACHE_PORT" "/lead/$globex/")
	R[${mode}_link]=$(rps "$APACHE_PORT" "/activity/$acti")
	"$ROOT/scripts/stack" apache-stop
done

echo "# Apache (H1): $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), wrk -t2 -c8 ${SECS}s"
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "| address | nginx + FastCGI req/s | Apache CGI req/s | ratio | Apache mod_fcgid req/s | ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for k in page link; do
	name=$([[ $k == page ]] && echo "Globex lead page" || echo "permalink /activity/<id> (302)")
	echo "| $name | ${R[nginx_$k]} | ${R[cgi_$k]} | $(ratio "${R[cgi_$k]}" "${R[nginx_$k]}") |" \
		"${R[fcgid_$k]} | $(ratio "${R[fcgid_$k]}" "${R[nginx_$k]}") |"
done

# Where a CGI request's time goes: the programs run directly, as Apache
# would, with the Apache programs' configuration (MariaDB over TCP).
export LEADLINE_CONF=$LL_VAR/apache/leadline.conf
N=40
step() {  # label, then the command: mean ms per run over N runs
	local label=$1 t0 t1 i
	shift
	t0=$(date +%s%N)
	for ((i = 0; i < N; i++)); do "$@" >/dev/null 2>&1 </dev/null || true; done
	t1=$(date +%s%N)
	awk -v l="$label" -v d=$((t1 - t0)) -v n=$N 'BEGIN { printf "| %s | %.2f |\n", l, d / n / 1e6 }'
}
cgi() { env GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET HTTP_HOST=127.0.0.1 QUERY_STRING= "$@"; }
bad=${session%?}$([[ ${session: -1} == A ]] && echo B || echo A)
echo
echo "| a CGI request, built up | ms per run |"
echo "| --- | ---: |"
step "the process: exec and linking (lead --routes)" "$LL_BUILD/cgi-bin/lead" --routes
step "+ configuration, libsodium, templates parsed (/lead/ without a cookie: 302)" \
	cgi REQUEST_URI="/lead/$globex/" "$LL_BUILD/cgi-bin/lead"
step "+ database connect over TCP and the session's statement (a wrong token: 302)" \
	cgi REQUEST_URI="/lead/$globex/" HTTP_COOKIE="ll_session=$bad" "$LL_BUILD/cgi-bin/lead"
step "+ the Globex page (its statements, the render)" \
	cgi REQUEST_URI="/lead/$globex/" HTTP_COOKIE="ll_session=$session" "$LL_BUILD/cgi-bin/lead"
