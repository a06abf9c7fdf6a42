#!/usr/bin/env bash
# bench/run.sh — `make bench`: every page against the limit of this
# machine, side by side in one run. Not part of make test.
#
# Starts a throwaway instance (own state directory in /tmp, a free port,
# scripts/stack) with the demo data plus bench data (100,000 leads in one
# organization, bench/common.sh), warms each address, then runs wrk on:
#    1 nginx serving a static copy of the rendered Globex lead page (same bytes)
#    2 /ping: a FastCGI program answering a constant through lib/req
#   2b /ping/session: the same after the session check every page makes (one
#      statement): the baseline of the pages behind a login
#    3 the Globex lead page         4 the Initech (archive) lead page (100,000 activities)
#    5 "load more" 60,000 deep in Initech's history
#    6 Initech's history filtered to one type (notes)
#    7 the permalink /activity/<id> (302)   8 Globex's files tab
#    9 a file download through X-Accel-Redirect, and the same file straight
#      from nginx (a demo file of 1 KB, and a 1 MB one uploaded for the run)
#   10 a leads search on 100,000 leads (a rotation of 7 queries)
#   11 a login (argon2id; reported, no target)
# and the Globex page's bytes, as sent and gzipped (gzip -6, what nginx's
# gzip on would send).
# For each: requests/s, p50, p99, answers other than the expected status
# (counted exactly by bench/wrk.lua), the ratio to its baseline — taken from
# rounds of wrk alone (no script: wrk.lua has wrk copy every body into Lua, a
# cost of the client that grows with the body). Then SQL
# statements per request of each page (MariaDB's global Questions counter
# around BENCH_SQL_N sequential requests), the lead workers' memory before and
# after BENCH_MEM_REQUESTS requests, a files worker's peak memory (VmHWM after
# clear_refs) during a 25 MB upload. Writes bench/results.md and
# bench/results.json, prints PASS or FAIL per target; exits 1 on a FAIL.
#
# Settings (fixed, so runs compare): wrk 2 threads, 8 connections; each
# address warmed 2 s with 2 connections, then measured in 3 rounds of 4 s (12 s
# in all), every address in turn in each round; the instance has 3 workers per
# program (scripts/stack). The whole run takes 7 (quiet) to 15 (busy) minutes here, most of
# it the 100,000 lead page requests of the memory measurement.
#   BENCH_SECONDS=12 BENCH_ROUNDS=3 BENCH_CONNECTIONS=8 BENCH_THREADS=2
#   BENCH_LEADS=100000 BENCH_MEM_REQUESTS=100000 BENCH_SQL_N=20 LL_WORKERS=3
# This machine is shared and noisy: only the ratios of one run mean anything.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${LL_BUILD:-$ROOT/build}
SECS=${BENCH_SECONDS:-12}
ROUNDS=${BENCH_ROUNDS:-3}
CONNS=${BENCH_CONNECTIONS:-8}
THREADS=${BENCH_THREADS:-2}
NLEADS=${BENCH_LEADS:-100000}
MEM_N=${BENCH_MEM_REQUESTS:-100000}
SQL_N=${BENCH_SQL_N:-20}
OUT=${BENCH_OUT:-$ROOT/bench}
export LL_BUILD=$BUILD

command -v wrk >/dev/null || { echo "wrk is missing: make bench installs it (scripts/stack deps wrk)" >&2; exit 1; }
[[ -x $BUILD/cgi-bin/ping ]] || { echo "not built: run make" >&2; exit 1; }

free_port() {
	local p
	for p in $(seq $((22000 + RANDOM % 2000)) 26000); do
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}
export LL_VAR PORT
LL_VAR=$(mktemp -d /tmp/leadline-bench.XXXXXX)
PORT=$(free_port)
VAR=$LL_VAR
BASE=http://127.0.0.1:$PORT
W=$LL_VAR/bench
mkdir -p "$W"
TAG=bench-leads
STATIC_PAGE=bench-$$-globex.html
STATIC_SMALL=bench-$$-small.bin
STATIC_BIG=bench-$$-big.bin
# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"
sql() { bench_sql -e "$1"; }

cleanup() {
	if ((KEEP_LOGS)) && [[ -d $LL_VAR/log ]]; then
		local keep
		keep=$(mktemp -d /tmp/leadline-bench-logs.XXXXXX)
		cp -r "$LL_VAR/log/." "$keep/"
		say "something went wrong: the instance's logs are in $keep"
	fi
	rm -f "$ROOT/htdocs/static/$STATIC_PAGE" "$ROOT/htdocs/static/$STATIC_SMALL" "$ROOT/htdocs/static/$STATIC_BIG"
	"$ROOT/scripts/stack" stop >/dev/null 2>&1 || true
	rm -rf "$LL_VAR"
}
KEEP_LOGS=0
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { printf '%s\n' "$*" >&2; }
now() { date +%s; }
T0=$(now)

say "== starting a throwaway instance in $LL_VAR on port $PORT"
"$ROOT/scripts/stack" start >/dev/null
say "== bench data: $NLEADS leads in organization '$TAG'"
bench_make_leads "$TAG" "$NLEADS" >/dev/null

# login EMAIL PASSWORD → the session cookie ("name=value")
login() {
	local jar=$W/jar.$RANDOM csrf code cookie
	curl -s -c "$jar" -b "$jar" -o /dev/null "$BASE/login"
	csrf=$(awk '$6 == "ll_csrf" { print $7 }' "$jar")
	code=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$csrf" \
		--data-urlencode "email=$1" --data-urlencode "password=$2" "$BASE/login")
	cookie=$(awk '$6 == "ll_session" { print $6 "=" $7 }' "$jar")
	rm -f "$jar"
	[[ $code == 303 && -n $cookie ]] || { say "login of $1 failed: $code"; exit 1; }
	echo "$cookie"
}
ADA=$(login ada@northwind.test leadline-demo)
SEARCHER=$(login "$TAG@bench.test" bench-password)

globex=$(sql "SELECT pid FROM leads WHERE name = 'Globex Corporation'")
initech=$(sql "SELECT pid FROM leads WHERE name = 'Initech (archive)'")
initech_id=$(sql "SELECT id FROM leads WHERE name = 'Initech (archive)'")
deep=$(sql "SELECT pid FROM activities WHERE lead_id = $initech_id AND deleted_at IS NULL
            ORDER BY activity_at DESC, id DESC LIMIT 1 OFFSET 60000")
permalink=$(sql "SELECT a.pid FROM activities a JOIN leads l ON l.id = a.lead_id
                 WHERE l.name = 'Globex Corporation' AND a.deleted_at IS NULL ORDER BY a.id LIMIT 1")
read -r small_pid small_sha < <(sql "SELECT f.pid, f.sha256 FROM files f JOIN leads l ON l.id = f.lead_id
                 WHERE l.name = 'Globex Corporation' AND f.name = 'Northwind Proposal – Globex Corporation.pdf' LIMIT 1")
blob() { echo "$VAR/files/${1:0:2}/${1:2:2}/$1"; }

# csrf of ada's session, from the files tab's upload form
csrf=$(curl -s -H "Cookie: $ADA" "$BASE/lead/$globex/files" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
[[ -n $csrf ]] || { say "no csrf on the files tab"; exit 1; }
upload() {  # file → status
	curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $ADA" -F "csrf=$csrf" \
		-F "file=@$1;type=application/octet-stream" "$BASE/lead/$globex/files"
}
head -c 1048576 /dev/urandom >"$W/big.bin"
code=$(upload "$W/big.bin")
[[ $code == 303 || $code == 302 || $code == 200 ]] || { say "the 1 MB upload answered $code"; exit 1; }
big_sha=$(sha256sum "$W/big.bin" | cut -c1-64)
big_pid=$(sql "SELECT pid FROM files WHERE sha256 = '$big_sha' LIMIT 1")

# the same bytes, from nginx directly
curl -s -H "Cookie: $ADA" "$BASE/lead/$globex/" >"$ROOT/htdocs/static/$STATIC_PAGE"
cp "$(blob "$small_sha")" "$ROOT/htdocs/static/$STATIC_SMALL"
cp "$(blob "$big_sha")" "$ROOT/htdocs/static/$STATIC_BIG"
login_csrf=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
login_csrf=${login_csrf}${login_csrf}   # 64 hex characters, the length of a token
searches=$(bench_search_queries "$TAG" | sed 's|^|/leads?q=|' | paste -sd'|')

# The addresses: key | label | path | expected statuses | cookie | POST body | rotation
TARGETS=(
	"static|1 nginx: static copy of the Globex page|/static/$STATIC_PAGE|200|||"
	"ping|2 FastCGI constant answer (/ping)|/ping|200|||"
	"auth|2b FastCGI constant after a session check (/ping/session)|/ping/session|200|$ADA||"
	"globex|3 Globex lead page|/lead/$globex/|200|$ADA||"
	"initech|4 Initech lead page (100,000 activities)|/lead/$initech/|200|$ADA||"
	"deep|5 Initech load more, 60,000 deep|/lead/$initech/?before=$deep|200|$ADA||"
	"filtered|6 Initech history, notes only|/lead/$initech/?type=note|200|$ADA||"
	"permalink|7 permalink /activity/<id> (302)|/activity/$permalink|302|$ADA||"
	"files|8 Globex files tab|/lead/$globex/files|200|$ADA||"
	"dl_small|9a download 1 KB via X-Accel-Redirect|/file/$small_pid|200|$ADA||"
	"direct_small|9a the same 1 KB file from nginx|/static/$STATIC_SMALL|200|||"
	"dl_big|9b download 1 MB via X-Accel-Redirect|/file/$big_pid|200|$ADA||"
	"direct_big|9b the same 1 MB file from nginx|/static/$STATIC_BIG|200|||"
	"search|10 leads search, 100,000 leads|/leads|200|$SEARCHER||"
	"login|11 login (argon2id)|/login|303|ll_csrf=$login_csrf|csrf=$login_csrf&email=ada%40northwind.test&password=leadline-demo|"
)

# wrkrun threads conns secs path expect cookie body rotation → the RESULT line
wrkrun() {
	local h=()
	[[ -n $6 ]] && h=(-H "Cookie: $6")
	BENCH_PATHS=$8 wrk -t"$1" -c"$2" -d"$3s" "${h[@]}" -s "$ROOT/bench/wrk.lua" "$BASE$4" -- "$5" "$7" |
		grep '^RESULT' || echo "RESULT requests=0 seconds=1 p50_us=0 p99_us=0 expected=0 unexpected=0 last_unexpected=0 socket_errors=1"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# --- SQL statements per request ----------------------------------------------
questions() { sql "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '{ print $2 }'; }
q0=$(questions); q1=$(questions); overhead=$((q1 - q0))   # the SHOW itself
say "== SQL statements per request (MariaDB's Questions over $SQL_N sequential requests)"
: >"$W/sql.tsv"
for key in ping auth globex initech deep filtered permalink files dl_small search; do
	for t in "${TARGETS[@]}"; do
		IFS='|' read -r k label path expect cookie body rotation <<<"$t"
		[[ $k == "$key" ]] && break
	done
	[[ $key == search ]] && path=${searches%%|*}   # the first query of the rotation
	h=(); [[ -n $cookie ]] && h=(-H "Cookie: $cookie")
	curl -s -o /dev/null "${h[@]}" "$BASE$path"
	a=$(questions)
	for ((i = 0; i < SQL_N; i++)); do curl -s -o /dev/null "${h[@]}" "$BASE$path"; done
	b=$(questions)
	per=$(awk -v d="$((b - a - overhead))" -v n="$SQL_N" 'BEGIN { printf "%.2f", d / n }')
	printf '%s\t%s\t%s\n' "$key" "$label" "$per" >>"$W/sql.tsv"
	printf '  %-44s %6s\n' "$label" "$per" >&2
done

# The lead pages rendered afresh: each lead worker keeps the pages it rendered
# (lib/pagecache.c) while the lead's version stands, so the counts above are
# mostly those of kept pages. Here the lead's version is raised (as any write
# to it does) before each request; the raise's own statements are measured
# and taken off.
bump() { sql "UPDATE lead_versions v JOIN leads l ON l.id = v.lead_id SET v.version = v.version + 1 WHERE l.pid = '$1'"; }
a=$(questions); bump "$globex"; b=$(questions); bump_cost=$((b - a - overhead))
: >"$W/sqlfresh.tsv"
for key in globex initech deep filtered; do
	for t in "${TARGETS[@]}"; do
		IFS='|' read -r k label path expect cookie body rotation <<<"$t"
		[[ $k == "$key" ]] && break
	done
	lead=${path#/lead/}; lead=${lead%%/*}
	a=$(questions)
	for ((i = 0; i < SQL_N; i++)); do bump "$lead"; curl -s -o /dev/null -H "Cookie: $cookie" "$BASE$path"; done
	b=$(questions)
	per=$(awk -v d="$((b - a - overhead - SQL_N * bump_cost))" -v n="$SQL_N" 'BEGIN { printf "%.2f", d / n }')
	printf '%s\t%s\t%s\n' "$key" "$label" "$per" >>"$W/sqlfresh.tsv"
	printf '  %-44s %6s (rendered afresh)\n' "$label" "$per" >&2
done

say "== wrk: $THREADS threads, $CONNS connections, $ROUNDS rounds of $((SECS / ROUNDS)) s per address (after 2 s of warm-up)"
# Rounds: every address is measured in each round, in turn, so that a burst of
# other work on this shared machine falls on all of them rather than on one.
: >"$W/runs.tsv"
for t in "${TARGETS[@]}"; do
	IFS='|' read -r key label path expect cookie body rotation <<<"$t"
	[[ $key == search ]] && rotation=$searches   # a "|" list: not in the table
	wrkrun 1 2 2 "$path" "$expect" "$cookie" "$body" "$rotation" >/dev/null
done
for ((round = 1; round <= ROUNDS; round++)); do
	for t in "${TARGETS[@]}"; do
		IFS='|' read -r key label path expect cookie body rotation <<<"$t"
		[[ $key == search ]] && rotation=$searches
		res=$(wrkrun "$THREADS" "$CONNS" "$((SECS / ROUNDS))" "$path" "$expect" "$cookie" "$body" "$rotation")
		bad=$(( $(field unexpected "$res") + $(field socket_errors "$res") ))
		((bad)) && say "   $label: $bad unexpected (last: $(field last_unexpected "$res"))"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$(field requests "$res")" "$(field seconds "$res")" \
			"$(field p50_us "$res")" "$(field p99_us "$res")" "$bad" "$expect" >>"$W/runs.tsv"
	done
	say "   round $round of $ROUNDS done"
done
# The same addresses again with wrk alone (no script): bench/wrk.lua's response
# callback makes wrk copy every body into Lua, a cost of the client that grows
# with the body and caps the big answers (the 150 KB page, the 1 MB file) on
# both sides of a ratio alike. The ratios of the targets are taken from these
# rounds; the rounds above give the exact status counts and the latencies.
PLAIN_KEYS="static ping auth globex initech deep filtered permalink files dl_small direct_small dl_big direct_big"
say "== wrk without its status script: $ROUNDS rounds of $((SECS / ROUNDS)) s per address (the ratios)"
: >"$W/plain.tsv"
for ((round = 1; round <= ROUNDS; round++)); do
	for t in "${TARGETS[@]}"; do
		IFS='|' read -r key label path expect cookie body rotation <<<"$t"
		[[ " $PLAIN_KEYS " == *" $key "* ]] || continue
		h=(); [[ -n $cookie ]] && h=(-H "Cookie: $cookie")
		out=$(wrk -t"$THREADS" -c"$CONNS" -d"$((SECS / ROUNDS))s" "${h[@]}" "$BASE$path" 2>&1)
		n=$(sed -n 's/^ *\([0-9]*\) requests in \([0-9.]*\)\(m\?s\).*/\1 \2 \3/p' <<<"$out")
		errs=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
		printf '%s\t%s\t%s\n' "$key" "$n" "${errs:-0}" >>"$W/plain.tsv"
	done
	say "   round $round of $ROUNDS done"
done
# key -> requests/s over the rounds (seconds in "s" or "ms" as wrk prints them)
prps() { awk -F'\t' -v k="$1" '$1 == k { split($2, a, " "); t = (a[3] == "ms") ? a[2] / 1000 : a[2]; n += a[1]; s += t }
	END { printf "%.1f", (s > 0) ? n / s : 0 }' "$W/plain.tsv"; }
plain_errors=$(awk -F'\t' '{ s += $3 } END { print s + 0 }' "$W/plain.tsv")

# the Globex page's bytes as sent, and gzipped
curl -s -H "Cookie: $ADA" -o "$W/globex.html" "$BASE/lead/$globex/"
page_bytes=$(wc -c <"$W/globex.html")
page_gzip=$(gzip -6 <"$W/globex.html" | wc -c)

# per address: requests/s over all rounds, the median round's p50, the worst round's p99
: >"$W/rows.tsv"
for t in "${TARGETS[@]}"; do
	IFS='|' read -r key label _ <<<"$t"
	awk -F'\t' -v k="$key" -v label="$label" '$1 == k { n += $2; s += $3; p50[++m] = $4; if ($5 > p99) p99 = $5; bad += $6; ex = $7 }
		END { asort(p50); printf "%s\t%s\t%.1f\t%.2f\t%.2f\t%d\t%d\t%s\n", k, label, n / s, p50[int((m + 1) / 2)] / 1000, p99 / 1000, n, bad, ex }' \
		"$W/runs.tsv" >>"$W/rows.tsv"
done
while IFS=$'\t' read -r key label rps p50 p99 n bad _; do
	printf '  %-44s %10s req/s  p50 %8s ms  p99 %8s ms  unexpected %s\n' "$label" "$rps" "$p50" "$p99" "$bad" >&2
done <"$W/rows.tsv"

# --- memory ------------------------------------------------------------------
workers() { pgrep -P "$(cat "$VAR/run/$1.pid")" | sort -n; }
kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
# The rotation: the four pages, each followed by an answer that leaves early
# (an unknown lead: 404; a malformed "before": 400), where a leak would hide.
say "== lead workers' memory over $MEM_N requests (4 pages and 2 refusals in rotation)"
nolead=lead_$(printf '%040d' 0)
mem_paths="/lead/$globex/|/lead/$nolead/|/lead/$initech/|/lead/$initech/?before=x|/lead/$initech/?before=$deep|/lead/$nolead/|/lead/$initech/?type=note|/lead/$globex/?before=x"
declare -A rss0
for p in $(workers lead); do rss0[$p]=$(kb "$p" VmRSS); done
done_n=0; mem_bad=0
while ((done_n < MEM_N)); do
	res=$(wrkrun "$THREADS" "$CONNS" 20 "/lead/$globex/" 200,400,404 "$ADA" "" "$mem_paths")
	done_n=$((done_n + $(field requests "$res")))
	mem_bad=$((mem_bad + $(field unexpected "$res") + $(field socket_errors "$res")))
	say "   $done_n requests"
	if ((mem_bad)); then
		say "   stopped: $mem_bad unexpected answers (last: $(field last_unexpected "$res"))"
		KEEP_LOGS=1
		break
	fi
done
mem_growth=0; mem_rows=""
for p in $(workers lead); do
	r1=$(kb "$p" VmRSS); r0=${rss0[$p]:-}
	[[ -z $r0 ]] && { say "   worker $p is new (a worker was restarted)"; mem_growth=999999; continue; }
	g=$((r1 - r0)); ((g > mem_growth)) && mem_growth=$g
	mem_rows+="worker $p: $r0 kB → $r1 kB ($g kB); "
	say "   worker $p: RSS $r0 kB → $r1 kB ($g kB)"
done

say "== files workers' peak memory during a 25 MB upload (4 uploads over the workers)"
# A worker's first request of any kind costs it ~3 MB for good (its database
# connection, statements): "idle" is a worker that served an upload before.
# The worker whose peak moved is the one that served the upload.
up_peak=0; up_first=0; up_warm=0; up_bad=0
declare -A served
for round in 1 2 3 4; do
	head -c $((25 * 1024 * 1024)) /dev/urandom >"$W/upload.bin"
	declare -A idle=()
	for p in $(workers files); do echo 5 >"/proc/$p/clear_refs"; idle[$p]=$(kb "$p" VmRSS); done
	code=$(upload "$W/upload.bin")
	[[ $code == 303 ]] || up_bad=1
	top=0; who=""
	for p in $(workers files); do
		g=$(( $(kb "$p" VmHWM) - ${idle[$p]:-0} ))
		((g > top)) && { top=$g; who=$p; }
	done
	if [[ -z $who || -n ${served[$who]:-} ]]; then
		up_warm=$((up_warm + 1)); ((top > up_peak)) && up_peak=$top; kind=warm
	else
		((top > up_first)) && up_first=$top; kind="first upload of this worker"
	fi
	[[ -n $who ]] && served[$who]=1
	say "   upload $round: $code, worker ${who:-none moved} +$top kB ($kind)"
done
((up_bad || up_warm == 0)) && up_peak=999999

# --- verdicts ----------------------------------------------------------------
rps() { awk -F'\t' -v k="$1" '$1 == k { print $3 }' "$W/rows.tsv"; }
sqlof() { awk -F'\t' -v k="$1" '$1 == k { print $3 }' "$W/sql.tsv"; }
freshof() { awk -F'\t' -v k="$1" '$1 == k { print $3 }' "$W/sqlfresh.tsv"; }
plain() { [[ " $PLAIN_KEYS " == *" $1 "* ]]; }
# a ratio from the rounds of wrk alone when both addresses had them (not the
# POSTed login, the rotating search: both from the rounds above)
ratio() {
	local a b
	if plain "$1" && plain "$2"; then a=$(prps "$1"); b=$(prps "$2"); else a=$(rps "$1"); b=$(rps "$2"); fi
	awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", (b > 0) ? a / b : 0 }'
}
FAILS=0
: >"$W/verdicts.tsv"
verdict() {  # what value target ok(0/1)
	local v=PASS
	(($4)) || { v=FAIL; FAILS=$((FAILS + 1)); }
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$v" >>"$W/verdicts.tsv"
	printf '  %-52s %-12s %-16s %s\n' "$1" "$2" "$3" "$v"
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }' && echo 1 || echo 0; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }' && echo 1 || echo 0; }
echo
echo "== targets"
# Pages behind a login against the constant that pays the same session check.
r=$(ratio permalink auth);    verdict "permalink redirect ÷ authenticated constant" "$r" "≥ 0.9" "$(ge "$r" 0.9)"
r=$(ratio dl_small auth);     verdict "download 1 KB ÷ authenticated constant" "$r" "≥ 0.9" "$(ge "$r" 0.9)"
r=$(ratio dl_big direct_big); verdict "download 1 MB ÷ nginx serving the same file" "$r" "≥ 0.7" "$(ge "$r" 0.7)"
r=$(ratio globex static);     verdict "Globex lead page ÷ nginx static of the same bytes" "$r" "≥ 0.3" "$(ge "$r" 0.3)"
verdict "Globex lead page bytes, uncompressed / gzip" "$page_bytes / $page_gzip" "≤ 61440 / ≤ 15360" \
	"$( ((page_bytes <= 61440 && page_gzip <= 15360)) && echo 1 || echo 0)"
r=$(ratio files auth);        verdict "files tab ÷ authenticated constant" "$r" "≥ 0.5" "$(ge "$r" 0.5)"
r=$(ratio search globex)
p99s=$(awk -F'\t' '$1 == "search" { print $5 }' "$W/rows.tsv"); p99g=$(awk -F'\t' '$1 == "globex" { print $5 }' "$W/rows.tsv")
verdict "leads search on $NLEADS leads ÷ Globex lead page; p99 ÷ its p99" "$r; $(awk -v a="$p99s" -v b="$p99g" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')" "≥ 0.5; < 3" \
	"$(( $(ge "$r" 0.5) && $(awk -v a="$p99s" -v b="$p99g" 'BEGIN { print (a < 3 * b) ? 1 : 0 }') ))"
r=$(ratio initech globex);    verdict "Initech lead page ÷ Globex lead page" "$r" "≥ 0.9" "$(ge "$r" 0.9)"
r=$(ratio deep globex);       verdict "deep load more ÷ Globex lead page" "$r" "≥ 0.9" "$(ge "$r" 0.9)"
sqlverdict() {  # what g i d f
	local same mx ok
	same=$(awk -v a="$2" -v b="$3" -v c="$4" -v d="$5" 'BEGIN { r = sprintf("%.0f", a);
		print (sprintf("%.0f", b) == r && sprintf("%.0f", c) == r && sprintf("%.0f", d) == r) ? 1 : 0 }')
	mx=$(printf '%s\n' "$2" "$3" "$4" "$5" | sort -g | tail -1)
	ok=$(( $(le "$mx" 10) && same ))
	verdict "$1" "$2/$3/$4/$5" "≤ 10, the same" "$ok"
}
sqlverdict "SQL statements per lead page rendered afresh (G / I / deep / filtered)" \
	"$(freshof globex)" "$(freshof initech)" "$(freshof deep)" "$(freshof filtered)"
verdict "lead worker memory growth over $done_n requests" "${mem_growth} kB" "≤ 1024 kB" "$( ((mem_growth <= 1024)) && echo 1 || echo 0)"
verdict "warm files worker's peak in a 25 MB upload, above idle" "${up_peak} kB" "≤ 2048 kB" "$( ((up_peak <= 2048)) && echo 1 || echo 0)"
allbad=$(awk -F'\t' '{ s += $7 } END { print s + 0 }' "$W/rows.tsv")
allbad=$((allbad + mem_bad + plain_errors))
verdict "unexpected answers under load, every address" "$allbad" "0" "$( ((allbad == 0)) && echo 1 || echo 0)"

# --- results.md and results.json ----------------------------------------------
baseline() {
	case $1 in
	globex|ping) echo static ;;
	auth|login) echo ping ;;
	initech|deep|filtered|search) echo globex ;;
	permalink|files|dl_small) echo auth ;;
	dl_big) echo direct_big ;;
	*) echo "" ;;
	esac
}
when=$(date -u +%Y-%m-%dT%H:%MZ)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
elapsed=$(( $(now) - T0 ))
{
	echo "# make bench — results"
	echo
	echo "Run $when at commit $commit on $(nproc) cores (shared), $elapsed s in all. wrk: $THREADS threads,"
	echo "$CONNS connections, $ROUNDS rounds of $((SECS / ROUNDS)) s per address (every address in turn in each round) after a"
	echo "2 s warm-up; p50 is the median round's, p99 the worst round's; $((${LL_WORKERS:-3})) FastCGI workers per program."
	echo "Only the ratios mean anything: every row ran in the same run, on a machine other work shares."
	echo
	echo "| # | address | req/s | req/s, wrk alone | p50 ms | p99 ms | requests | unexpected | baseline | ratio | SQL/request |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
	while IFS=$'\t' read -r key label r p50 p99 n bad _; do
		b=$(baseline "$key"); rr=""; [[ -n $b ]] && rr=$(ratio "$key" "$b")
		bl=""; [[ -n $b ]] && bl=$(awk -F'\t' -v k="$b" '$1 == k { print $2 }' "$W/rows.tsv" | sed 's/^[0-9a-z]* //')
		s=$(sqlof "$key"); pr=""; plain "$key" && pr=$(prps "$key")
		echo "| ${label%% *} | ${label#* } | $r | $pr | $p50 | $p99 | $n | $bad | $bl | $rr | $s |"
	done <"$W/rows.tsv"
	echo
	echo "| target | measured | wanted | verdict |"
	echo "| --- | --- | --- | --- |"
	while IFS=$'\t' read -r what val want v; do echo "| $what | $val | $want | **$v** |"; done <"$W/verdicts.tsv"
	echo
	echo "req/s: the rounds with bench/wrk.lua, which checks every answer's status and so has wrk copy each"
	echo "body into Lua (a cost of the client that grows with the body); req/s, wrk alone: the same addresses"
	echo "with wrk and no script, in rounds of their own. Ratios come from the latter where both addresses have it."
	echo "Lead pages rendered afresh (the lead's version raised before each request), statements per request:"
	echo "$(freshof globex) / $(freshof initech) / $(freshof deep) / $(freshof filtered) (Globex / Initech / deep / filtered); as served"
	echo "(most of them kept pages, 1 statement, the first of each worker 9): the SQL/request column."
	echo "Lead workers over $done_n requests: ${mem_rows%; }."
	echo "SQL per request: MariaDB's global Questions counter around $SQL_N sequential requests (after one more),"
	echo "so a session's once-a-minute touch shows as a fraction. Memory: VmRSS of each worker in /proc;"
	echo "the upload's peak is VmHWM after \`echo 5 > clear_refs\`, of the worker that served it, over 4 uploads;"
	echo "a worker's first upload (first request: its database connection and statements) rose by $up_first kB."
} >"$OUT/results.md"
{
	printf '{\n  "when": "%s", "commit": "%s", "cores": %s, "seconds": %s,\n' "$when" "$commit" "$(nproc)" "$elapsed"
	printf '  "wrk": { "threads": %s, "connections": %s, "seconds": %s, "rounds": %s, "warmup_seconds": 2 },\n' "$THREADS" "$CONNS" "$SECS" "$ROUNDS"
	printf '  "addresses": [\n'
	sep=""
	while IFS=$'\t' read -r key label r p50 p99 n bad expect; do
		b=$(baseline "$key"); rr=null; [[ -n $b ]] && rr=$(ratio "$key" "$b")
		s=$(sqlof "$key"); [[ -z $s ]] && s=null
		printf '%s    { "key": "%s", "label": "%s", "expected_status": "%s", "rps": %s, "p50_ms": %s, "p99_ms": %s, "requests": %s, "unexpected": %s, "baseline": %s, "ratio": %s, "sql_per_request": %s }' \
			"$sep" "$key" "$label" "$expect" "$r" "$p50" "$p99" "$n" "$bad" "$( [[ -n $b ]] && echo "\"$b\"" || echo null)" "$rr" "$s"
		sep=$',\n'
	done <"$W/rows.tsv"
	printf '\n  ],\n  "memory": { "lead_requests": %s, "lead_growth_kb": %s, "upload_25mb_peak_above_idle_kb": %s, "upload_25mb_first_of_a_worker_kb": %s },\n' "$done_n" "$mem_growth" "$up_peak" "$up_first"
	printf '  "targets": [\n'
	sep=""
	while IFS=$'\t' read -r what val want v; do
		printf '%s    { "what": "%s", "measured": "%s", "target": "%s", "verdict": "%s" }' "$sep" "$what" "$val" "$want" "$v"
		sep=$',\n'
	done <"$W/verdicts.tsv"
	printf '\n  ]\n}\n'
} >"$OUT/results.json"
echo
echo "wrote $OUT/results.md and $OUT/results.json ($elapsed s); $FAILS target(s) failed"
((allbad == 0)) || KEEP_LOGS=1
((FAILS == 0))
