#!/usr/bin/env bash
# bench/files.sh — uploads and downloads of the files tab (F5, F6),
# measured, not timed tests:
#   1. a files worker's peak memory during a 25 MB upload, above its idle
#      size (target: under 2 MB — the upload streams to disk). Every worker's
#      peak RSS is reset first (/proc/<pid>/clear_refs, 5), then the upload is
#      sent with curl; the worker that served it is the one whose peak grew.
#      The workers are warmed up first by small uploads (libmagic's database
#      is loaded once per worker, at its first upload).
#   2. download throughput of a 4 MB file: /file/<file_id> (cgi-bin/files
#      authorizes, nginx sends the bytes after X-Accel-Redirect) against nginx
#      serving the same bytes directly from a static file (target: >= 0.9),
#      three rounds side by side, the median ratio.
#
#   LL_VAR=/tmp/llvar PORT=18400 bench/files.sh [seconds]   (default 10)
# Needs a running instance (scripts/stack start) and root (clear_refs of the
# workers). wrk: 2 threads, 8 connections. The rows and blobs it adds are
# removed at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${LL_VAR:-$ROOT/var}
PORT=${PORT:-8080}
SECS=${1:-10}
BASE=http://127.0.0.1:$PORT
sql() { mariadb --no-defaults -S "$VAR/run/mysqld.sock" -u root -N -B leadline -e "$1"; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
static=$ROOT/htdocs/static/bench-file.bin
hashes=()
cleanup() {
	local h
	for h in "${hashes[@]}"; do
		sql "DELETE FROM files WHERE sha256 = '$h'" || true
		rm -f "$VAR/files/${h:0:2}/${h:2:2}/$h"
	done
	rm -rf "$work" "$static"
}
trap cleanup EXIT

jar=$work/jar
curl -s -c "$jar" -b "$jar" "$BASE/login" >/dev/null
csrf=$(awk '$6 == "ll_csrf" { print $7 }' "$jar")
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
	--data-urlencode email=ada@northwind.test --data-urlencode password=leadline-demo "$BASE/login"
session=$(awk '$6 == "ll_session" { print $7 }' "$jar")
[[ -n $session ]] || { echo "login failed" >&2; exit 1; }
globex=$(sql "SELECT pid FROM leads WHERE name = 'Globex Corporation'")
page=$(curl -s -b "$jar" "$BASE/lead/$globex/files")
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)

upload() {  # file → HTTP status
	curl -s -o /dev/null -w '%{http_code}' -b "$jar" -F "csrf=$csrf" -F "file=@$1" "$BASE/lead/$globex/files"
}

# 1. peak memory during a 25 MB upload
head -c $((25 * 1024 * 1024)) /dev/urandom >"$work/big.bin"
hashes+=("$(sha256sum "$work/big.bin" | cut -d' ' -f1)")
workers=$(pgrep -P "$(cat "$VAR/run/files.pid")")
# warm up: every worker has served small uploads (its libmagic database
# loaded, its statements prepared): the idle size is a worker's steady state
printf 'warm-up %s\n' "$RANDOM" >"$work/small.txt"
for _ in $workers $workers $workers $workers; do upload "$work/small.txt" >/dev/null; done
hashes+=("$(sha256sum "$work/small.txt" | cut -d' ' -f1)")
declare -A idle
for p in $workers; do
	echo 5 >"/proc/$p/clear_refs"
	idle[$p]=$(awk '/^VmRSS/ { print $2 }' "/proc/$p/status")
done
st=$(upload "$work/big.bin")
[[ $st == 303 ]] || { echo "the 25 MB upload answered $st" >&2; exit 1; }
grow=0 who="none grew" idle_kb=- peak_kb=-
for p in $workers; do
	peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$p/status")
	d=$((peak - ${idle[$p]}))
	printf '  files worker %s: idle %s kB, peak during the upload %s kB\n' "$p" "${idle[$p]}" "$peak" >&2
	((d > grow)) && { grow=$d; who=$p; idle_kb=${idle[$p]}; peak_kb=$peak; }
done
printf 'upload of 25 MB: worker %s idle %s kB, peak %s kB, +%s kB (target < 2048 kB)   %s\n' \
	"$who" "$idle_kb" "$peak_kb" "$grow" "$( ((grow < 2048)) && echo PASS || echo FAIL)"

# 2. download throughput: X-Accel-Redirect against nginx serving the file itself
head -c $((4 * 1024 * 1024)) /dev/urandom >"$work/one.bin"
h=$(sha256sum "$work/one.bin" | cut -d' ' -f1)
hashes+=("$h")
st=$(upload "$work/one.bin")
[[ $st == 303 ]] || { echo "the 4 MB upload answered $st" >&2; exit 1; }
file=$(sql "SELECT pid FROM files WHERE sha256 = '$h' LIMIT 1")
cp "$work/one.bin" "$static"
curl -s -b "$jar" "$BASE/file/$file" | cmp - "$work/one.bin" || { echo "the download differs" >&2; exit 1; }

run() {  # name url → "rps non2xx"
	local out rps non2xx mbs
	out=$(wrk -t2 -c8 -d"${SECS}s" -H "Cookie: ll_session=$session" "$2")
	rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
	mbs=$(awk '/Transfer\/sec/ { print $2 }' <<<"$out")
	non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
	printf '%-34s %10s req/s  %10s  non-2xx %s\n' "$1" "$rps" "$mbs" "${non2xx:-0}" >&2
	echo "$rps ${non2xx:-0}"
}
wrk -t1 -c2 -d2s -H "Cookie: ll_session=$session" "$BASE/file/$file" >/dev/null
# the machine is shared: 3 rounds, each the two side by side, and the median
# of the rounds' ratios
ratios=() bad=0
for round in 1 2 3; do
	read -r s_rps _ < <(run "round $round: nginx, static file (4 MB)" "$BASE/static/bench-file.bin")
	read -r x_rps x_bad < <(run "round $round: /file/<id> X-Accel (4 MB)" "$BASE/file/$file")
	ratios+=("$(awk -v a="$x_rps" -v b="$s_rps" 'BEGIN { printf "%.2f", a / b }')")
	bad=$((bad + x_bad))
done
r=$(printf '%s\n' "${ratios[@]}" | sort -n | sed -n 2p)
printf 'X-Accel-Redirect / static   %s  (rounds: %s; target >= 0.9)   %s\n' "$r" "${ratios[*]}" \
	"$(awk -v r="$r" 'BEGIN { print (r >= 0.9) ? "PASS" : "FAIL" }')"
printf 'non-2xx under load          %s  (target 0)        %s\n' "$bad" "$( ((bad == 0)) && echo PASS || echo FAIL)"
