-- 001: the whole model of product.md. Every tenant table carries organization_id.
-- Internal keys are BIGINT and never leave the server; public ids (pid, ASCII,
-- compared case-sensitively: "lead_a" is not "lead_A") are a
-- prefix and 40 base62 characters (see lib/ids.c). Times are UTC DATETIME(6).

CREATE TABLE organizations (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid         VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  name        VARCHAR(200) NOT NULL,
  plan        ENUM('free','essentials','growth','scale','basic','professional','enterprise') NOT NULL DEFAULT 'free',
  lead_mode   ENUM('b2b','b2c') NOT NULL DEFAULT 'b2b',
  date_created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB;

CREATE TABLE users (
  id          BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid         VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  name        VARCHAR(200) NOT NULL,
  email       VARCHAR(254) NOT NULL UNIQUE,
  password_hash VARCHAR(255) NOT NULL,
  time_zone   VARCHAR(64) NOT NULL DEFAULT 'UTC',
  active      TINYINT(1) NOT NULL DEFAULT 1,
  date_created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB;

CREATE TABLE memberships (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  role            ENUM('admin','user') NOT NULL DEFAULT 'user',
  active          TINYINT(1) NOT NULL DEFAULT 1,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY (user_id, organization_id),
  KEY (organization_id),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;

-- Only a hash of the session token is stored (U1). organization_id is the
-- organization the session currently acts in (U3).
CREATE TABLE sessions (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  token_hash      BINARY(32) NOT NULL UNIQUE,
  user_id         BIGINT UNSIGNED NOT NULL,
  organization_id BIGINT UNSIGNED NOT NULL,
  csrf_token      CHAR(43) NOT NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_seen_at    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY (user_id),
  FOREIGN KEY (user_id) REFERENCES users(id),
  FOREIGN KEY (organization_id) REFERENCES organizations(id)
) ENGINE=InnoDB;

CREATE TABLE lead_statuses (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  label           VARCHAR(100) NOT NULL,
  position        INT NOT NULL DEFAULT 0,
  UNIQUE KEY (organization_id, label),
  FOREIGN KEY (organization_id) REFERENCES organizations(id)
) ENGINE=InnoDB;

CREATE TABLE opportunity_statuses (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  label           VARCHAR(100) NOT NULL,
  type            ENUM('active','won','lost') NOT NULL,
  position        INT NOT NULL DEFAULT 0,
  UNIQUE KEY (organization_id, label),
  FOREIGN KEY (organization_id) REFERENCES organizations(id)
) ENGINE=InnoDB;

CREATE TABLE leads (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  name            VARCHAR(255) NOT NULL,
  url             VARCHAR(2048) NULL,
  description     TEXT NULL,
  status_id       BIGINT UNSIGNED NOT NULL,
  created_by      BIGINT UNSIGNED NULL,
  updated_by      BIGINT UNSIGNED NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  date_updated    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY (organization_id, name),
  KEY (organization_id, date_updated, id),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (status_id) REFERENCES lead_statuses(id)
) ENGINE=InnoDB;

CREATE TABLE contacts (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  lead_id         BIGINT UNSIGNED NOT NULL,
  name            VARCHAR(255) NOT NULL,
  title           VARCHAR(255) NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY (lead_id),
  KEY (organization_id, name),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (lead_id) REFERENCES leads(id)
) ENGINE=InnoDB;

CREATE TABLE contact_emails (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  contact_id      BIGINT UNSIGNED NOT NULL,
  email           VARCHAR(254) NOT NULL,
  type            VARCHAR(20) NOT NULL DEFAULT 'office',
  position        INT NOT NULL DEFAULT 0,
  KEY (contact_id),
  KEY (organization_id, email),
  FOREIGN KEY (contact_id) REFERENCES contacts(id)
) ENGINE=InnoDB;

-- phone_digits holds the number's digits only, so search matches whatever the formatting.
CREATE TABLE contact_phones (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  contact_id      BIGINT UNSIGNED NOT NULL,
  phone           VARCHAR(40) NOT NULL,
  phone_digits    VARCHAR(40) NOT NULL,
  type            VARCHAR(20) NOT NULL DEFAULT 'office',
  position        INT NOT NULL DEFAULT 0,
  KEY (contact_id),
  KEY (organization_id, phone_digits),
  FOREIGN KEY (contact_id) REFERENCES contacts(id)
) ENGINE=InnoDB;

CREATE TABLE opportunities (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  lead_id         BIGINT UNSIGNED NOT NULL,
  status_id       BIGINT UNSIGNED NOT NULL,
  value           BIGINT NOT NULL DEFAULT 0,          -- minor units (cents)
  value_currency  CHAR(3) NOT NULL DEFAULT 'USD',
  value_period    ENUM('one_time','monthly','annual') NOT NULL DEFAULT 'one_time',
  confidence      TINYINT UNSIGNED NOT NULL DEFAULT 0, -- percent
  expected_date   DATE NULL,
  user_id         BIGINT UNSIGNED NULL,                -- owner
  contact_id      BIGINT UNSIGNED NULL,
  note            TEXT NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  date_updated    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY (lead_id),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (lead_id) REFERENCES leads(id),
  FOREIGN KEY (status_id) REFERENCES opportunity_statuses(id)
) ENGINE=InnoDB;

CREATE TABLE tasks (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  lead_id         BIGINT UNSIGNED NOT NULL,
  text            TEXT NOT NULL,
  due_date        DATE NULL,
  assigned_to     BIGINT UNSIGNED NULL,
  contact_id      BIGINT UNSIGNED NULL,
  is_complete     TINYINT(1) NOT NULL DEFAULT 0,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  date_completed  DATETIME(6) NULL,
  KEY (lead_id, is_complete, due_date),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (lead_id) REFERENCES leads(id)
) ENGINE=InnoDB;

CREATE TABLE custom_fields (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  name            VARCHAR(100) NOT NULL,
  type            ENUM('text','textarea','number','date','datetime','choices','user','url') NOT NULL,
  accepts_multiple TINYINT(1) NOT NULL DEFAULT 0,  -- choices: several values
  choices         TEXT NULL,                       -- choices: one per line
  position        INT NOT NULL DEFAULT 0,
  UNIQUE KEY (organization_id, name),
  FOREIGN KEY (organization_id) REFERENCES organizations(id)
) ENGINE=InnoDB;

-- One row per value; a multiple-choices field has several rows for one lead.
-- A user field stores the user's internal id in value_user.
CREATE TABLE lead_custom_values (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  lead_id         BIGINT UNSIGNED NOT NULL,
  field_id        BIGINT UNSIGNED NOT NULL,
  value           TEXT NULL,
  value_user      BIGINT UNSIGNED NULL,
  KEY (lead_id, field_id),
  FOREIGN KEY (lead_id) REFERENCES leads(id),
  FOREIGN KEY (field_id) REFERENCES custom_fields(id)
) ENGINE=InnoDB;

CREATE TABLE custom_activity_types (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  name            VARCHAR(100) NOT NULL,
  description     TEXT NULL,
  UNIQUE KEY (organization_id, name),
  FOREIGN KEY (organization_id) REFERENCES organizations(id)
) ENGINE=InnoDB;

CREATE TABLE custom_activity_fields (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  type_id         BIGINT UNSIGNED NOT NULL,
  name            VARCHAR(100) NOT NULL,
  field_type      ENUM('text','textarea','number','date','datetime','choices','user','url') NOT NULL,
  choices         TEXT NULL,
  position        INT NOT NULL DEFAULT 0,
  UNIQUE KEY (type_id, name),
  FOREIGN KEY (type_id) REFERENCES custom_activity_types(id)
) ENGINE=InnoDB;

-- One timeline of typed events (L3). Per-type details live in nullable columns
-- so a page of history is one indexed range read:
--   email   direction subject sender recipients_to recipients_cc body_text body_html
--   call    direction phone duration outcome body_text(note)
--   sms     direction local_phone phone(remote) body_text
--   meeting title starts_at ends_at attendees location body_text(note)
--   note    body_text body_html(rich text)
--   lead_status_change         old_status_id new_status_id (+ labels, kept as they were)
--   opportunity_status_change  opportunity_id old_status_id new_status_id (+ labels)
--   task_completed             task_id body_text(task text)
--   custom  custom_type_id, values in activity_custom_values
CREATE TABLE activities (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  lead_id         BIGINT UNSIGNED NOT NULL,
  type            ENUM('email','call','sms','meeting','note','lead_status_change',
                       'opportunity_status_change','task_completed','custom') NOT NULL,
  custom_type_id  BIGINT UNSIGNED NULL,
  user_id         BIGINT UNSIGNED NULL,
  contact_id      BIGINT UNSIGNED NULL,
  activity_at     DATETIME(6) NOT NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  date_updated    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  direction       ENUM('incoming','outgoing') NULL,
  subject         VARCHAR(998) NULL,
  sender          VARCHAR(320) NULL,
  recipients_to   TEXT NULL,           -- comma separated addresses
  recipients_cc   TEXT NULL,
  body_text       MEDIUMTEXT NULL,
  body_html       MEDIUMTEXT NULL,     -- as received; sanitized when shown (L7)
  phone           VARCHAR(40) NULL,
  local_phone     VARCHAR(40) NULL,
  duration        INT UNSIGNED NULL,   -- seconds
  outcome         VARCHAR(40) NULL,
  title           VARCHAR(255) NULL,
  starts_at       DATETIME(6) NULL,
  ends_at         DATETIME(6) NULL,
  attendees       TEXT NULL,           -- comma separated
  location        VARCHAR(255) NULL,
  opportunity_id  BIGINT UNSIGNED NULL,
  task_id         BIGINT UNSIGNED NULL,
  old_status_id   BIGINT UNSIGNED NULL,
  new_status_id   BIGINT UNSIGNED NULL,
  old_status_label VARCHAR(100) NULL,
  new_status_label VARCHAR(100) NULL,
  pinned_at       DATETIME(6) NULL,
  deleted_at      DATETIME(6) NULL,
  KEY lead_history (lead_id, activity_at, id),
  KEY lead_type_history (lead_id, type, activity_at, id),
  KEY lead_custom_type_history (lead_id, custom_type_id, activity_at, id),
  KEY lead_pinned (lead_id, pinned_at),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (lead_id) REFERENCES leads(id)
) ENGINE=InnoDB;

CREATE TABLE activity_custom_values (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  activity_id     BIGINT UNSIGNED NOT NULL,
  field_id        BIGINT UNSIGNED NOT NULL,
  value           TEXT NULL,
  KEY (activity_id),
  FOREIGN KEY (activity_id) REFERENCES activities(id),
  FOREIGN KEY (field_id) REFERENCES custom_activity_fields(id)
) ENGINE=InnoDB;

-- A file as stored: named in the store by its sha256 (ab/cd/<sha256>), never by
-- the name a user gave. The same bytes are stored once; rows may repeat them.
CREATE TABLE files (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  lead_id         BIGINT UNSIGNED NOT NULL,
  name            VARCHAR(255) NOT NULL,
  size            BIGINT UNSIGNED NOT NULL,
  sha256          CHAR(64) NOT NULL,
  declared_type   VARCHAR(255) NULL,
  sniffed_type    VARCHAR(255) NULL,
  category        ENUM('image','pdf','document','spreadsheet','presentation','archive',
                       'audio','video','text','other') NOT NULL DEFAULT 'other',
  date_received   DATETIME(6) NOT NULL,
  user_id         BIGINT UNSIGNED NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY (lead_id, date_received, id),
  KEY (sha256),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (lead_id) REFERENCES leads(id)
) ENGINE=InnoDB;

-- A file's link to the email, SMS or note it came with; no row = shared directly.
CREATE TABLE activity_files (
  organization_id BIGINT UNSIGNED NOT NULL,
  activity_id     BIGINT UNSIGNED NOT NULL,
  file_id         BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (activity_id, file_id),
  KEY (file_id),
  FOREIGN KEY (activity_id) REFERENCES activities(id),
  FOREIGN KEY (file_id) REFERENCES files(id)
) ENGINE=InnoDB;

CREATE TABLE summaries (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  pid             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL UNIQUE,
  organization_id BIGINT UNSIGNED NOT NULL,
  lead_id         BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NULL,
  language        VARCHAR(16) NOT NULL DEFAULT 'en',
  backend         VARCHAR(40) NOT NULL,
  model           VARCHAR(200) NULL,
  body            MEDIUMTEXT NOT NULL,
  window_from     DATETIME(6) NULL,
  window_to       DATETIME(6) NULL,
  activity_count  INT UNSIGNED NOT NULL DEFAULT 0,
  last_activity_id BIGINT UNSIGNED NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  deleted_at      DATETIME(6) NULL,
  KEY (lead_id, date_created),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (lead_id) REFERENCES leads(id)
) ENGINE=InnoDB;

CREATE TABLE summary_ratings (
  id              BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  summary_id      BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  rating          TINYINT NOT NULL,    -- +1 or -1
  feedback        TEXT NULL,
  date_created    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY (summary_id, user_id),
  FOREIGN KEY (summary_id) REFERENCES summaries(id),
  FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;
