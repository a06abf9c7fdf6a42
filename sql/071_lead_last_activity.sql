-- 071: each lead's latest activity (not deleted), kept by triggers in the
-- same transaction as the activity, so the leads list filters and sorts by
-- last activity through an index (O6) instead of reading every lead's
-- history. A lead without activity holds '1000-01-01' (sorts last, and is
-- "no activity since" any date). A table of its own, not a column of leads:
-- a statement that writes activities while it reads leads (the demo seed's
-- INSERT ... SELECT ... FROM leads) may still fire the triggers (as
-- sql/010_page_versions.sql). Every lead has its row from its creation on.
CREATE TABLE lead_last_activity (
  lead_id         BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  organization_id BIGINT UNSIGNED NOT NULL,
  last_at         DATETIME(6) NOT NULL DEFAULT '1000-01-01 00:00:00',
  KEY by_last (organization_id, last_at, lead_id),
  FOREIGN KEY (lead_id) REFERENCES leads(id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT INTO lead_last_activity (lead_id, organization_id, last_at)
SELECT l.id, l.organization_id,
       COALESCE((SELECT MAX(a.activity_at) FROM activities a
                  WHERE a.lead_id = l.id AND a.deleted_at IS NULL), '1000-01-01 00:00:00')
  FROM leads l;

CREATE TRIGGER leads_last_activity_new AFTER INSERT ON leads FOR EACH ROW
  INSERT INTO lead_last_activity (lead_id, organization_id) VALUES (NEW.id, NEW.organization_id)
    ON DUPLICATE KEY UPDATE organization_id = NEW.organization_id;

CREATE TRIGGER activities_last_new AFTER INSERT ON activities FOR EACH ROW
  UPDATE lead_last_activity SET last_at = GREATEST(last_at, NEW.activity_at)
   WHERE lead_id = NEW.lead_id AND NEW.deleted_at IS NULL;

-- An edit, a move to the trash or back, or a move to another lead: the
-- latest of what remains, read backwards on activities' lead_history key.
DELIMITER //
CREATE TRIGGER activities_last_up AFTER UPDATE ON activities FOR EACH ROW
BEGIN
  IF NOT (OLD.activity_at <=> NEW.activity_at AND OLD.deleted_at <=> NEW.deleted_at
          AND OLD.lead_id <=> NEW.lead_id) THEN
    UPDATE lead_last_activity SET last_at = COALESCE((SELECT a.activity_at FROM activities a
        WHERE a.lead_id = OLD.lead_id AND a.deleted_at IS NULL
        ORDER BY a.activity_at DESC, a.id DESC LIMIT 1), '1000-01-01 00:00:00')
     WHERE lead_id = OLD.lead_id;
    IF NOT (OLD.lead_id <=> NEW.lead_id) THEN
      UPDATE lead_last_activity SET last_at = COALESCE((SELECT a.activity_at FROM activities a
          WHERE a.lead_id = NEW.lead_id AND a.deleted_at IS NULL
          ORDER BY a.activity_at DESC, a.id DESC LIMIT 1), '1000-01-01 00:00:00')
       WHERE lead_id = NEW.lead_id;
    END IF;
  END IF;
END //
CREATE TRIGGER activities_last_del AFTER DELETE ON activities FOR EACH ROW
  UPDATE lead_last_activity SET last_at = COALESCE((SELECT a.activity_at FROM activities a
      WHERE a.lead_id = OLD.lead_id AND a.deleted_at IS NULL
      ORDER BY a.activity_at DESC, a.id DESC LIMIT 1), '1000-01-01 00:00:00')
   WHERE lead_id = OLD.lead_id //
DELIMITER ;
