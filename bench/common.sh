# bench/common.sh — sourced by the bench scripts (bench/run.sh, bench/search.sh).
# Needs VAR (the instance's state directory) and BUILD (the build directory).

bench_sql() { mariadb --no-defaults -S "$VAR/run/mysqld.sock" -u root -N -B leadline "$@"; }

# bench_make_leads TAG N — a throwaway organization named TAG with N leads made
# by MariaDB's sequence engine (one contact each, with an email and a phone),
# and its one user TAG@bench.test (password bench-password, admin).
bench_make_leads() {
	local tag=$1 n=$2 hash
	hash=$(printf '%s' bench-password | "$BUILD/llctl" hash-password)
	bench_sql <<SQL
INSERT INTO organizations (pid, name, plan, lead_mode) VALUES (ll_id('orga_'), '$tag', 'growth', 'b2b');
SET @org = LAST_INSERT_ID();
INSERT INTO users (pid, name, email, password_hash) VALUES (ll_id('user_'), 'Bench', '$tag@bench.test', '$hash');
INSERT INTO memberships (organization_id, user_id, role) VALUES (@org, LAST_INSERT_ID(), 'admin');
INSERT INTO lead_statuses (pid, organization_id, label, position) VALUES (ll_id('stat_'), @org, 'Potential', 1);
SET @st = LAST_INSERT_ID();
-- public ids from hex digits (a subset of base62): ll_id() is too slow for 100,000 rows
INSERT INTO leads (pid, organization_id, name, status_id)
SELECT CONCAT('lead_', LEFT(CONCAT(MD5(RAND()), MD5(RAND())), 40)), @org,
       CONCAT(ELT(1 + seq % 12, 'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne',
                  'Tyrell', 'Cyberdyne', 'Soylent', 'Hooli', 'Vandelay', 'Massive'), ' ',
              ELT(1 + (seq DIV 12) % 8, 'Foods', 'Logistics', 'Dental', 'Labs', 'Hotels',
                  'Energy', 'Textiles', 'Partners'), ' ', seq), @st
  FROM seq_1_to_$n;
INSERT INTO contacts (pid, organization_id, lead_id, name)
SELECT CONCAT('cont_', LEFT(CONCAT(MD5(RAND()), MD5(RAND())), 40)), @org, l.id,
       CONCAT(ELT(1 + l.id % 10, 'Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald',
                  'Margaret', 'Ken', 'Radia', 'Niklaus'), ' ',
              ELT(1 + (l.id DIV 10) % 10, 'Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov',
                  'Knuth', 'Hamilton', 'Thompson', 'Perlman', 'Wirth'), l.id)
  FROM leads l WHERE l.organization_id = @org;
INSERT INTO contact_emails (organization_id, contact_id, email)
SELECT @org, c.id, CONCAT('person', c.id, '@company', c.id % 977, '.example')
  FROM contacts c WHERE c.organization_id = @org;
INSERT INTO contact_phones (organization_id, contact_id, phone, phone_digits)
SELECT @org, c.id, CONCAT('+1 (555) ', LPAD(c.id % 10000000, 7, '0')), CONCAT('1555', LPAD(c.id % 10000000, 7, '0'))
  FROM contacts c WHERE c.organization_id = @org;
ANALYZE TABLE leads, contacts, contact_emails, contact_phones;
SQL
}

# bench_search_queries TAG — the rotation of searches on TAG's leads, one a
# line (URL-encoded): a lead name prefix, a word inside a contact name, an
# email prefix, a phone's last digits, a company word, a surname, digits.
bench_search_queries() {
	local tag=$1 org n some word
	org=$(bench_sql -e "SELECT id FROM organizations WHERE name = '$tag'")
	n=$(bench_sql -e "SELECT COUNT(*) FROM contacts WHERE organization_id = $org")
	some=$(bench_sql -e "SELECT c.id FROM contacts c WHERE c.organization_id = $org ORDER BY c.id LIMIT 1 OFFSET $((n > 54321 ? 54321 : n / 2))")
	word=$(bench_sql -e "SELECT SUBSTRING_INDEX(name, ' ', -1) FROM contacts WHERE id = $some")
	printf '%s\n' "Hooli%20Labs%2019" "$word" "person$some%40" "${some: -4}" "Vandelay" "Turing" "555%20$((some % 1000))"
}
