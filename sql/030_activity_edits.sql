-- 030: who edited an activity and when (C1: "edited by X, when"), and who
-- deleted it (C2: the lead's trash lists deleted activities for 30 days,
-- an admin restores them; a pass of `llctl tick` purges older ones).
ALTER TABLE activities
  ADD COLUMN edited_by  BIGINT UNSIGNED NULL,
  ADD COLUMN edited_at  DATETIME(6) NULL,
  ADD COLUMN deleted_by BIGINT UNSIGNED NULL,
  ADD KEY lead_trash (lead_id, deleted_at);
