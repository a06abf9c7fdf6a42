-- 060: API keys (R1). A key acts as its user in its organization; only the
-- SHA-256 of the key is stored. A key works while it is not revoked and its
-- user and membership are active (checked at every request, so a
-- deactivation ends its access at once). last_used_at is touched at most
-- once a minute. api_rate counts a key's requests per minute (R3's 429).
CREATE TABLE api_keys (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  key_hash        BINARY(32) NOT NULL UNIQUE,
  label           VARCHAR(200) NOT NULL DEFAULT '',
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_used_at    DATETIME(6) NULL,
  revoked_at      DATETIME(6) NULL,
  rate_window     DATETIME NULL,
  rate_count      INT UNSIGNED NOT NULL DEFAULT 0,
  KEY (organization_id, user_id),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;
