-- 010: a version for each lead and each organization, raised by triggers in
-- the same transaction as any change to what the lead page shows.
-- A page worker keeps pages it rendered under the versions they were read at
-- (lib/pagecache.c) and serves one again only while both are unchanged: the
-- check is three columns of the statement the page reads first (leads_head).
-- Triggers, not the C code, raise them, so every writer is covered: the pages,
-- imports, llctl, the demo seed and a person at the mysql prompt.
-- Versions live in tables of their own (not in leads), so a statement that
-- reads leads while it writes a child table (INSERT ... SELECT ... FROM leads)
-- may still fire the triggers. Each table holds a row for every lead and
-- organization from their creation on, so a trigger only ever updates an
-- existing row (no gap locks between two writers of one lead). A trigger
-- reaching its lead through a parent joins on the parent's primary key: an
-- IN (subquery) in an UPDATE read all of lead_versions each time (100,000
-- leads: make bench's data took minutes to load).
CREATE TABLE lead_versions (
  lead_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  version  BIGINT UNSIGNED NOT NULL DEFAULT 1,
  FOREIGN KEY (lead_id) REFERENCES leads(id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE org_versions (
  organization_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  version         BIGINT UNSIGNED NOT NULL DEFAULT 1,
  FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT INTO lead_versions (lead_id) SELECT id FROM leads;
INSERT INTO org_versions (organization_id) SELECT id FROM organizations;

CREATE TRIGGER leads_version_new AFTER INSERT ON leads FOR EACH ROW
  INSERT INTO lead_versions (lead_id) VALUES (NEW.id) ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER orgs_version_new AFTER INSERT ON organizations FOR EACH ROW
  INSERT INTO org_versions (organization_id) VALUES (NEW.id) ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER leads_version_up AFTER UPDATE ON leads FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.id, NEW.id);
CREATE TRIGGER orgs_version_up AFTER UPDATE ON organizations FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.id, NEW.id);

-- Rows of a lead.
CREATE TRIGGER contacts_version_new AFTER INSERT ON contacts FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (NEW.lead_id);
CREATE TRIGGER contacts_version_up AFTER UPDATE ON contacts FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
CREATE TRIGGER contacts_version_del AFTER DELETE ON contacts FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id);
CREATE TRIGGER opportunities_version_new AFTER INSERT ON opportunities FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (NEW.lead_id);
CREATE TRIGGER opportunities_version_up AFTER UPDATE ON opportunities FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
CREATE TRIGGER opportunities_version_del AFTER DELETE ON opportunities FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id);
CREATE TRIGGER tasks_version_new AFTER INSERT ON tasks FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (NEW.lead_id);
CREATE TRIGGER tasks_version_up AFTER UPDATE ON tasks FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
CREATE TRIGGER tasks_version_del AFTER DELETE ON tasks FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id);
CREATE TRIGGER lead_custom_values_version_new AFTER INSERT ON lead_custom_values FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (NEW.lead_id);
CREATE TRIGGER lead_custom_values_version_up AFTER UPDATE ON lead_custom_values FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
CREATE TRIGGER lead_custom_values_version_del AFTER DELETE ON lead_custom_values FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id);
CREATE TRIGGER activities_version_new AFTER INSERT ON activities FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (NEW.lead_id);
CREATE TRIGGER activities_version_up AFTER UPDATE ON activities FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
CREATE TRIGGER activities_version_del AFTER DELETE ON activities FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id);
CREATE TRIGGER files_version_new AFTER INSERT ON files FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (NEW.lead_id);
CREATE TRIGGER files_version_up AFTER UPDATE ON files FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
CREATE TRIGGER files_version_del AFTER DELETE ON files FOR EACH ROW
  UPDATE lead_versions SET version = version + 1 WHERE lead_id IN (OLD.lead_id);

-- Rows of a lead's contact or activity.
CREATE TRIGGER contact_emails_version_new AFTER INSERT ON contact_emails FOR EACH ROW
  UPDATE lead_versions v JOIN contacts p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (NEW.contact_id);
CREATE TRIGGER contact_emails_version_up AFTER UPDATE ON contact_emails FOR EACH ROW
  UPDATE lead_versions v JOIN contacts p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (OLD.contact_id, NEW.contact_id);
CREATE TRIGGER contact_emails_version_del AFTER DELETE ON contact_emails FOR EACH ROW
  UPDATE lead_versions v JOIN contacts p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (OLD.contact_id);
CREATE TRIGGER contact_phones_version_new AFTER INSERT ON contact_phones FOR EACH ROW
  UPDATE lead_versions v JOIN contacts p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (NEW.contact_id);
CREATE TRIGGER contact_phones_version_up AFTER UPDATE ON contact_phones FOR EACH ROW
  UPDATE lead_versions v JOIN contacts p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (OLD.contact_id, NEW.contact_id);
CREATE TRIGGER contact_phones_version_del AFTER DELETE ON contact_phones FOR EACH ROW
  UPDATE lead_versions v JOIN contacts p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (OLD.contact_id);
CREATE TRIGGER activity_custom_values_version_new AFTER INSERT ON activity_custom_values FOR EACH ROW
  UPDATE lead_versions v JOIN activities p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (NEW.activity_id);
CREATE TRIGGER activity_custom_values_version_up AFTER UPDATE ON activity_custom_values FOR EACH ROW
  UPDATE lead_versions v JOIN activities p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (OLD.activity_id, NEW.activity_id);
CREATE TRIGGER activity_custom_values_version_del AFTER DELETE ON activity_custom_values FOR EACH ROW
  UPDATE lead_versions v JOIN activities p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (OLD.activity_id);
CREATE TRIGGER activity_files_version_new AFTER INSERT ON activity_files FOR EACH ROW
  UPDATE lead_versions v JOIN activities p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (NEW.activity_id);
CREATE TRIGGER activity_files_version_up AFTER UPDATE ON activity_files FOR EACH ROW
  UPDATE lead_versions v JOIN activities p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (OLD.activity_id, NEW.activity_id);
CREATE TRIGGER activity_files_version_del AFTER DELETE ON activity_files FOR EACH ROW
  UPDATE lead_versions v JOIN activities p ON p.lead_id = v.lead_id
     SET v.version = v.version + 1 WHERE p.id IN (OLD.activity_id);

-- What every lead page of an organization shows.
CREATE TRIGGER lead_statuses_version_new AFTER INSERT ON lead_statuses FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (NEW.organization_id);
CREATE TRIGGER lead_statuses_version_up AFTER UPDATE ON lead_statuses FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
CREATE TRIGGER lead_statuses_version_del AFTER DELETE ON lead_statuses FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id);
CREATE TRIGGER opportunity_statuses_version_new AFTER INSERT ON opportunity_statuses FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (NEW.organization_id);
CREATE TRIGGER opportunity_statuses_version_up AFTER UPDATE ON opportunity_statuses FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
CREATE TRIGGER opportunity_statuses_version_del AFTER DELETE ON opportunity_statuses FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id);
CREATE TRIGGER custom_fields_version_new AFTER INSERT ON custom_fields FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (NEW.organization_id);
CREATE TRIGGER custom_fields_version_up AFTER UPDATE ON custom_fields FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
CREATE TRIGGER custom_fields_version_del AFTER DELETE ON custom_fields FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id);
CREATE TRIGGER custom_activity_types_version_new AFTER INSERT ON custom_activity_types FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (NEW.organization_id);
CREATE TRIGGER custom_activity_types_version_up AFTER UPDATE ON custom_activity_types FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
CREATE TRIGGER custom_activity_types_version_del AFTER DELETE ON custom_activity_types FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id);
CREATE TRIGGER custom_activity_fields_version_new AFTER INSERT ON custom_activity_fields FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (NEW.organization_id);
CREATE TRIGGER custom_activity_fields_version_up AFTER UPDATE ON custom_activity_fields FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
CREATE TRIGGER custom_activity_fields_version_del AFTER DELETE ON custom_activity_fields FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id);
CREATE TRIGGER memberships_version_new AFTER INSERT ON memberships FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (NEW.organization_id);
CREATE TRIGGER memberships_version_up AFTER UPDATE ON memberships FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id, NEW.organization_id);
CREATE TRIGGER memberships_version_del AFTER DELETE ON memberships FOR EACH ROW
  UPDATE org_versions SET version = version + 1 WHERE organization_id IN (OLD.organization_id);

-- A user's name (and whether active) shows on the pages of every organization
-- the user belongs to.
CREATE TRIGGER users_version_up AFTER UPDATE ON users FOR EACH ROW
  UPDATE org_versions v JOIN memberships m ON m.organization_id = v.organization_id
     SET v.version = v.version + 1 WHERE m.user_id IN (OLD.id, NEW.id);
