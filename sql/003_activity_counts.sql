-- 003: activities per lead and type, kept by every write in the same
-- transaction as the activity itself (lib/counts.c), so the history filter's
-- counts (L4) never scan a lead's history: Initech has 100,000 activities.
-- custom_type_id is 0 for the built-in types.
CREATE TABLE lead_activity_counts (
  organization_id BIGINT UNSIGNED NOT NULL,
  lead_id         BIGINT UNSIGNED NOT NULL,
  type            ENUM('email','call','sms','meeting','note','lead_status_change',
                       'opportunity_status_change','task_completed','custom') NOT NULL,
  custom_type_id  BIGINT UNSIGNED NOT NULL DEFAULT 0,
  n               BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (lead_id, type, custom_type_id),
  FOREIGN KEY (lead_id) REFERENCES leads(id)
) ENGINE=InnoDB;

-- Counts of what is already there (the demo data and any data before this).
INSERT INTO lead_activity_counts (organization_id, lead_id, type, custom_type_id, n)
SELECT organization_id, lead_id, type, COALESCE(custom_type_id, 0), COUNT(*)
  FROM activities WHERE deleted_at IS NULL
 GROUP BY organization_id, lead_id, type, COALESCE(custom_type_id, 0);
