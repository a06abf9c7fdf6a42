-- 040: links sent to a person (O1, O2, O3) and the settings audit (O4).
-- A link's token is never stored, only its SHA-256, as for sessions (U1).
-- kind 'password': sets the password of user_id (first run, reset);
-- kind 'invite': joins the invited email to organization_id with role.
-- A link is good once, before expires_at, unless revoked.
CREATE TABLE auth_links (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  token_hash      BINARY(32) NOT NULL UNIQUE,
  kind            ENUM('password','invite') NOT NULL,
  user_id         BIGINT UNSIGNED NULL,
  organization_id BIGINT UNSIGNED NULL,
  email           VARCHAR(254) NULL,
  role            ENUM('admin','user') NULL,
  created_by      BIGINT UNSIGNED NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  expires_at      DATETIME(6) NOT NULL,
  used_at         DATETIME(6) NULL,
  revoked_at      DATETIME(6) NULL,
  KEY (organization_id, kind),
  KEY (user_id),
  FOREIGN KEY (user_id) REFERENCES users(id),
  FOREIGN KEY (organization_id) REFERENCES organizations(id)
) ENGINE=InnoDB;

-- Who changed what in an organization's settings, and when (O4's Audit).
CREATE TABLE settings_audit (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NULL,
  action          VARCHAR(100) NOT NULL,
  subject         VARCHAR(255) NOT NULL,
  before_value    TEXT NULL,
  after_value     TEXT NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY (organization_id, id),
  FOREIGN KEY (organization_id) REFERENCES organizations(id)
) ENGINE=InnoDB;
