-- 007: search of the leads list (L8) through indexes only, on an organization
-- of 100,000 leads. Prefix matches use the (organization_id, column) indexes
-- of 001: leads.name, contacts.name, contact_emails.email,
-- contact_phones.phone_digits. Added here:
--   * FULLTEXT on leads.name and contacts.name, for a word inside a name
--     ("Lovelace" finds "Ada Lovelace"; boolean mode, "+word*"). Built without
--     the stopword list, so "The" or "Will" in a name are words like others.
--   * the phone's digits reversed, indexed, for the end of a number: "0100"
--     finds "+1 (555) 010-0100" whatever its country code or area code.
SET SESSION innodb_ft_enable_stopword = 0;

ALTER TABLE leads ADD FULLTEXT INDEX leads_name_words (name);
ALTER TABLE contacts ADD FULLTEXT INDEX contacts_name_words (name);

ALTER TABLE contact_phones
  ADD COLUMN phone_digits_rev VARCHAR(40) AS (REVERSE(phone_digits)) VIRTUAL,
  ADD INDEX phone_digits_rev (organization_id, phone_digits_rev);
