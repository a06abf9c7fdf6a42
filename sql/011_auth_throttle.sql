-- 011: failed secret checks (password guesses), counted per account and per
-- client address in rows, so every worker on every host sees the same
-- counts (lib/throttle.c). A key is the SHA-256 of the form's name and the
-- account as typed (an email that may belong to nobody) or the address (an
-- IPv6 address by its /64): no email or address is kept in clear, and a row
-- exists for an unknown account exactly as for a known one. Not tenant data:
-- a login comes before any organization.
CREATE TABLE auth_throttle (
  kind          ENUM('account','address') NOT NULL,
  key_hash      BINARY(32) NOT NULL,
  failures      INT NOT NULL,
  last_failure  DATETIME(6) NOT NULL,
  blocked_until DATETIME(6) NULL,
  PRIMARY KEY (kind, key_hash),
  KEY (last_failure)
) ENGINE=InnoDB;
