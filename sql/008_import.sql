-- 008: CSV imports (L9). An import is a job: the uploaded file waits in the
-- file store's tmp directory while the user maps its columns, then each
-- request of its progress page processes a batch of rows in one transaction
-- and records how far it went (next_offset, next_line), so an interrupted
-- import leaves whole rows only and goes on where it stopped.
CREATE TABLE imports (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  file_name       VARCHAR(255) NOT NULL,         -- as uploaded, only shown
  path            VARCHAR(1024) NOT NULL,        -- the file while the import lives
  size            BIGINT UNSIGNED NOT NULL,
  delimiter       CHAR(1) NOT NULL DEFAULT ',',
  state           ENUM('mapping','running','done','stopped','failed') NOT NULL DEFAULT 'mapping',
  rows_total      INT UNSIGNED NOT NULL DEFAULT 0,   -- data rows (blank lines not counted)
  rows_done       INT UNSIGNED NOT NULL DEFAULT 0,   -- imported or skipped
  next_offset     BIGINT UNSIGNED NOT NULL DEFAULT 0,
  next_line       INT UNSIGNED NOT NULL DEFAULT 1,
  prev_cr         TINYINT(1) NOT NULL DEFAULT 0,
  leads_created   INT UNSIGNED NOT NULL DEFAULT 0,
  leads_merged    INT UNSIGNED NOT NULL DEFAULT 0,
  contacts_created INT UNSIGNED NOT NULL DEFAULT 0,
  rows_skipped    INT UNSIGNED NOT NULL DEFAULT 0,
  message         VARCHAR(500) NULL,             -- why it failed or stopped
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  date_finished   DATETIME(6) NULL,
  KEY (organization_id, date_created),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;

-- The header row and what each column becomes: ignore, lead_name, url,
-- description, status, contact_name, title, email, phone, or custom (field_id).
CREATE TABLE import_columns (
  import_id       BIGINT UNSIGNED NOT NULL,
  position        INT UNSIGNED NOT NULL,
  header          VARCHAR(255) NOT NULL,
  sample          VARCHAR(255) NOT NULL DEFAULT '',
  target          VARCHAR(20) NOT NULL DEFAULT 'ignore',
  field_id        BIGINT UNSIGNED NULL,
  PRIMARY KEY (import_id, position),
  FOREIGN KEY (import_id) REFERENCES imports(id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE import_skips (
  import_id       BIGINT UNSIGNED NOT NULL,
  line            INT UNSIGNED NOT NULL,
  reason          VARCHAR(500) NOT NULL,
  PRIMARY KEY (import_id, line),
  FOREIGN KEY (import_id) REFERENCES imports(id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Every lead an import created (created = 1) or merged rows into (0): a
-- company seen again in a later batch is the import's own lead, not a merge.
CREATE TABLE import_leads (
  import_id       BIGINT UNSIGNED NOT NULL,
  lead_id         BIGINT UNSIGNED NOT NULL,
  created         TINYINT(1) NOT NULL,
  PRIMARY KEY (import_id, lead_id),
  FOREIGN KEY (import_id) REFERENCES imports(id) ON DELETE CASCADE,
  FOREIGN KEY (lead_id) REFERENCES leads(id) ON DELETE CASCADE
) ENGINE=InnoDB;
