#!/usr/bin/env bash
# bench/import.sh — the import (L9) beside MariaDB's own LOAD DATA, on the
# same 100,000 rows (a company, a contact with title, email and phone each).
#
#   1. leadline: upload the CSV to /import, confirm the mapping, load the
#      progress page until the report (what a browser does); timed from the
#      mapping to the report (the upload is timed apart).
#   2. LOAD DATA LOCAL INFILE of the same rows into the same tables (leads,
#      contacts, contact_emails, contact_phones), prepared per table with
#      their ids already assigned: the server's fastest path.
# Prints both times and the speed ratio (goal: leadline >= 0.3 x LOAD DATA).
#
#   LL_VAR=/tmp/llvar PORT=18400 bench/import.sh [rows]   (default 100000)
# Not part of make test. Needs a running instance (scripts/stack start).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${LL_VAR:-$ROOT/var}
PORT=${PORT:-8080}
BUILD=${LL_BUILD:-$ROOT/build}
N=${1:-100000}
TAG=bench-import-$$
B=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
sql() { mariadb --no-defaults -S "$VAR/run/mysqld.sock" -u root -N -B --local-infile=1 leadline "$@"; }
now() { date +%s.%N; }

cleanup() {
	local org
	for org in $(sql -e "SELECT id FROM organizations WHERE name LIKE '$TAG%'" || true); do
		sql <<SQL
SET FOREIGN_KEY_CHECKS = 0;
DELETE FROM contact_phones WHERE organization_id = $org;
DELETE FROM contact_emails WHERE organization_id = $org;
DELETE FROM contacts WHERE organization_id = $org;
DELETE FROM import_leads WHERE import_id IN (SELECT id FROM imports WHERE organization_id = $org);
DELETE FROM import_columns WHERE import_id IN (SELECT id FROM imports WHERE organization_id = $org);
DELETE FROM import_skips WHERE import_id IN (SELECT id FROM imports WHERE organization_id = $org);
DELETE FROM imports WHERE organization_id = $org;
DELETE FROM leads WHERE organization_id = $org;
DELETE FROM lead_statuses WHERE organization_id = $org;
DELETE FROM sessions WHERE organization_id = $org;
DELETE FROM memberships WHERE organization_id = $org;
DELETE FROM organizations WHERE id = $org;
SET FOREIGN_KEY_CHECKS = 1;
SQL
	done
	sql -e "DELETE FROM users WHERE email = '$TAG@bench.test'"
	rm -rf "$WORK"
}
trap cleanup EXIT

hash=$(printf '%s' bench-password | "$BUILD/llctl" hash-password)
sql <<SQL
INSERT INTO users (pid, name, email, password_hash) VALUES (ll_id('user_'), 'Bench', '$TAG@bench.test', '$hash');
SET @u = LAST_INSERT_ID();
INSERT INTO organizations (pid, name, plan, lead_mode) VALUES (ll_id('orga_'), '$TAG', 'growth', 'b2b');
INSERT INTO memberships (organization_id, user_id, role) VALUES (LAST_INSERT_ID(), @u, 'admin');
INSERT INTO lead_statuses (pid, organization_id, label, position) SELECT ll_id('stat_'), id, 'Potential', 1 FROM organizations WHERE name = '$TAG';
INSERT INTO organizations (pid, name, plan, lead_mode) VALUES (ll_id('orga_'), '$TAG-load', 'growth', 'b2b');
INSERT INTO lead_statuses (pid, organization_id, label, position) SELECT ll_id('stat_'), id, 'Potential', 1 FROM organizations WHERE name = '$TAG-load';
SQL

echo "== $N rows"
awk -v n="$N" 'BEGIN { print "Company,Contact Name,Title,Email,Phone";
	for (i = 1; i <= n; i++) printf "\"Bench Company %d, Inc.\",Person %d,Buyer,person%d@company%d.example,+1 (555) %07d\n", i, i, i, i, i }' >"$WORK/rows.csv"
ls -l "$WORK/rows.csv" | awk '{print "   file: " $5 " bytes"}'

# --- leadline -----------------------------------------------------------------
jar=$WORK/jar
csrf=$(curl -s -c "$jar" "$B/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "email=$TAG@bench.test" \
	--data-urlencode "password=bench-password" "$B/login"
csrf=$(curl -s -b "$jar" "$B/import" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
t0=$(now)
loc=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -F "csrf=$csrf" -F "file=@$WORK/rows.csv;type=text/csv" "$B/import")
t1=$(now)
[[ $loc == */import/impo_* ]] || { echo "upload failed" >&2; exit 1; }
curl -s -o /dev/null -b "$jar" --data "csrf=$csrf&target=lead_name&target=contact_name&target=title&target=email&target=phone" "${loc}map"
polls=0
while :; do
	polls=$((polls + 1))
	curl -s -D "$WORK/h" -o "$WORK/page" -b "$jar" "$loc"
	grep -qi '^refresh:' "$WORK/h" || break
done
t2=$(now)
grep -q 'Import finished' "$WORK/page" || { echo "the import did not finish" >&2; sed 's/<[^>]*>//g' "$WORK/page" | grep -v '^\s*$' | tail -20 >&2; exit 1; }
made=$(sql -e "SELECT COUNT(*) FROM leads l JOIN organizations o ON o.id = l.organization_id WHERE o.name = '$TAG'")
upload=$(echo "$t1 - $t0" | bc)
import=$(echo "$t2 - $t1" | bc)
echo "   leadline: upload ${upload} s; mapping to report ${import} s over $polls page loads; $made leads"

# --- LOAD DATA ---------------------------------------------------------------
org=$(sql -e "SELECT id FROM organizations WHERE name = '$TAG-load'")
st=$(sql -e "SELECT id FROM lead_statuses WHERE organization_id = $org")
user=$(sql -e "SELECT id FROM users WHERE email = '$TAG@bench.test'")
base=$(sql -e "SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM leads), (SELECT COALESCE(MAX(id), 0) FROM contacts)) + 1000000")
awk -F'\t' -v n="$N" -v org="$org" -v st="$st" -v u="$user" -v base="$base" -v dir="$WORK" 'BEGIN {
	srand(); for (i = 1; i <= n; i++) {
		id = base + i
		printf "%d\tlead_%040d\t%d\tBench Company %d, Inc.\t%d\t%d\t%d\n", id, id, org, i, st, u, u > dir "/leads.tsv"
		printf "%d\tcont_%040d\t%d\t%d\tPerson %d\tBuyer\n", id, id, org, id, i > dir "/contacts.tsv"
		printf "%d\t%d\tperson%d@company%d.example\toffice\t0\n", org, id, i, i > dir "/emails.tsv"
		printf "%d\t%d\t+1 (555) %07d\t1555%07d\toffice\t0\n", org, id, i, i > dir "/phones.tsv"
	} }'
t3=$(now)
sql <<SQL
LOAD DATA LOCAL INFILE '$WORK/leads.tsv' INTO TABLE leads (id, pid, organization_id, name, status_id, created_by, updated_by);
LOAD DATA LOCAL INFILE '$WORK/contacts.tsv' INTO TABLE contacts (id, pid, organization_id, lead_id, name, title);
LOAD DATA LOCAL INFILE '$WORK/emails.tsv' INTO TABLE contact_emails (organization_id, contact_id, email, type, position);
LOAD DATA LOCAL INFILE '$WORK/phones.tsv' INTO TABLE contact_phones (organization_id, contact_id, phone, phone_digits, type, position);
SQL
t4=$(now)
load=$(echo "$t4 - $t3" | bc)
echo "   LOAD DATA: ${load} s"
echo "== leadline imports at $(echo "scale=2; $load / $import" | bc) x the speed of LOAD DATA (goal: 0.3);" \
	"$(echo "$N / $import" | bc) rows/s"
