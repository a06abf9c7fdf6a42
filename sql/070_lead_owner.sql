-- 070: every lead has an owner, a member of its organization (O6). A new lead
-- gets its creator unless the writer names another (a trigger, so every
-- writer is covered: the pages, imports, llctl, the API, the demo seed).
-- Leads from before: their creator, else the organization's first admin.
-- The keys let the leads list read a range of one owner's leads by name or
-- by creation (lib/leadlist.c), and every lead by creation.
ALTER TABLE leads
  ADD COLUMN owner_id BIGINT UNSIGNED NULL AFTER status_id,
  ADD KEY leads_owner_name (organization_id, owner_id, name, id),
  ADD KEY leads_owner_created (organization_id, owner_id, date_created, id),
  ADD KEY leads_created (organization_id, date_created, id),
  ADD FOREIGN KEY (owner_id) REFERENCES users(id);

UPDATE leads l
  JOIN memberships m ON m.organization_id = l.organization_id AND m.user_id = l.created_by
   SET l.owner_id = l.created_by
 WHERE l.owner_id IS NULL;
UPDATE leads l
  JOIN (SELECT organization_id, MIN(user_id) AS user_id FROM memberships
         WHERE role = 'admin' AND active = 1 GROUP BY organization_id) a
    ON a.organization_id = l.organization_id
   SET l.owner_id = a.user_id
 WHERE l.owner_id IS NULL;

CREATE TRIGGER leads_owner_new BEFORE INSERT ON leads FOR EACH ROW
  SET NEW.owner_id = COALESCE(NEW.owner_id, NEW.created_by);
