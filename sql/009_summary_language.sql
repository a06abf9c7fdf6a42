-- 009 (S3): the language a user picked for a lead's summaries, instead
-- of the one detected from the lead's communications. No row: the detected one.
CREATE TABLE summary_languages (
  lead_id         BIGINT UNSIGNED PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  language        VARCHAR(16) NOT NULL,
  user_id         BIGINT UNSIGNED NULL,
  date_updated    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  FOREIGN KEY (organization_id) REFERENCES organizations(id),
  FOREIGN KEY (lead_id) REFERENCES leads(id),
  FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;
