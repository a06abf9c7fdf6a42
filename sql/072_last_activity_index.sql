-- 072: the triggers that keep lead_last_activity (071) read the lead's latest
-- remaining activity through lead_history, forced: an ORDER BY ... LIMIT 1
-- is where the optimizer, on statistics sampled while activities change,
-- may walk another index instead of reading the lead's range backwards.
DROP TRIGGER IF EXISTS activities_last_up;
DROP TRIGGER IF EXISTS activities_last_del;

DELIMITER //
CREATE TRIGGER activities_last_up AFTER UPDATE ON activities FOR EACH ROW
BEGIN
  IF NOT (OLD.activity_at <=> NEW.activity_at AND OLD.deleted_at <=> NEW.deleted_at
          AND OLD.lead_id <=> NEW.lead_id) THEN
    UPDATE lead_last_activity SET last_at = COALESCE((SELECT a.activity_at
        FROM activities a FORCE INDEX (lead_history)
        WHERE a.lead_id = OLD.lead_id AND a.deleted_at IS NULL
        ORDER BY a.activity_at DESC, a.id DESC LIMIT 1), '1000-01-01 00:00:00')
     WHERE lead_id = OLD.lead_id;
    IF NOT (OLD.lead_id <=> NEW.lead_id) THEN
      UPDATE lead_last_activity SET last_at = COALESCE((SELECT a.activity_at
          FROM activities a FORCE INDEX (lead_history)
          WHERE a.lead_id = NEW.lead_id AND a.deleted_at IS NULL
          ORDER BY a.activity_at DESC, a.id DESC LIMIT 1), '1000-01-01 00:00:00')
       WHERE lead_id = NEW.lead_id;
    END IF;
  END IF;
END //
CREATE TRIGGER activities_last_del AFTER DELETE ON activities FOR EACH ROW
  UPDATE lead_last_activity SET last_at = COALESCE((SELECT a.activity_at
      FROM activities a FORCE INDEX (lead_history)
      WHERE a.lead_id = OLD.lead_id AND a.deleted_at IS NULL
      ORDER BY a.activity_at DESC, a.id DESC LIMIT 1), '1000-01-01 00:00:00')
   WHERE lead_id = OLD.lead_id //
DELIMITER ;
