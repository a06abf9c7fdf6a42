-- 013: the words the leads list's search finds (L8), in a table of their own,
-- kept by triggers in the same transaction as the change, so every writer is
-- covered (the pages, imports, llctl, a person at the mysql prompt).
--
-- Why not InnoDB's FULLTEXT (which 007 added): its MATCH returns every row of
-- every organization holding the word before the organization and a LIMIT
-- apply (a common surname: 10,000 rows read for a page of 100), and its
-- smallest token is 3 characters ("AG", "KG", "UX" were never found). Here a
-- word is a row keyed by (organization_id, word): a prefix of a word is one
-- bounded range of one organization's words, whatever their length.
--
-- The words of a source:
--   lead      the words of leads.name
--   contact   the words of contacts.name
--   email     the words of the address ("ada.xylo@globex.example": ada, xylo,
--             globex, example), so a domain or a part of it is found
--   phone     '#' and the digits from the 2nd, 3rd and 4th digit on
--             ("12175550123": #2175550123, #175550123, #75550123): a number
--             typed without its country code of 1 to 3 digits ("(217) 555")
--             is a prefix of one of them. Its start and its end are read
--             through contact_phones' own indexes (001, 007).
-- A word is a run of letters and digits (\p{L}, \p{N}), lowercased, at most 64
-- characters (longer ones are cut: their first 64 characters are found).

CREATE TABLE search_words (
  organization_id BIGINT UNSIGNED NOT NULL,
  word            VARCHAR(64) NOT NULL,
  src             ENUM('lead','contact','email','phone') NOT NULL,
  src_id          BIGINT UNSIGNED NOT NULL,   -- the id of the leads, contacts, contact_emails or contact_phones row
  lead_id         BIGINT UNSIGNED NOT NULL,
  contact_id      BIGINT UNSIGNED NULL,       -- the contact a contact, email or phone word belongs to
  PRIMARY KEY (organization_id, word, src, src_id),
  KEY by_lead (organization_id, lead_id, word),
  KEY by_source (src, src_id),
  KEY by_contact (contact_id)
) ENGINE=InnoDB;

DELIMITER //

-- The words of p_text as rows of one source.
CREATE PROCEDURE ll_search_words(p_org BIGINT UNSIGNED, p_lead BIGINT UNSIGNED, p_src VARCHAR(8),
    p_src_id BIGINT UNSIGNED, p_contact BIGINT UNSIGNED, p_text TEXT)
BEGIN
  DECLARE s TEXT DEFAULT TRIM(REGEXP_REPLACE(LOWER(COALESCE(p_text, '')), '[^\\p{L}\\p{N}]+', ' '));
  DECLARE w TEXT;
  WHILE s <> '' DO
    SET w = SUBSTRING_INDEX(s, ' ', 1);
    SET s = SUBSTRING(s, CHAR_LENGTH(w) + 2);
    INSERT IGNORE INTO search_words (organization_id, word, src, src_id, lead_id, contact_id)
      VALUES (p_org, LEFT(w, 64), p_src, p_src_id, p_lead, p_contact);
  END WHILE;
END //

-- The digits of a phone from its 2nd, 3rd and 4th digit on, while 4 or more remain.
CREATE PROCEDURE ll_search_phone(p_org BIGINT UNSIGNED, p_lead BIGINT UNSIGNED,
    p_src_id BIGINT UNSIGNED, p_contact BIGINT UNSIGNED, p_digits VARCHAR(40))
BEGIN
  DECLARE k INT DEFAULT 2;
  WHILE k <= 4 AND CHAR_LENGTH(COALESCE(p_digits, '')) - k + 1 >= 4 DO
    INSERT IGNORE INTO search_words (organization_id, word, src, src_id, lead_id, contact_id)
      VALUES (p_org, LEFT(CONCAT('#', SUBSTRING(p_digits, k)), 64), 'phone', p_src_id, p_lead, p_contact);
    SET k = k + 1;
  END WHILE;
END //

CREATE TRIGGER leads_words_new AFTER INSERT ON leads FOR EACH ROW
  CALL ll_search_words(NEW.organization_id, NEW.id, 'lead', NEW.id, NULL, NEW.name) //
CREATE TRIGGER leads_words_up AFTER UPDATE ON leads FOR EACH ROW
BEGIN
  IF NOT (OLD.name <=> NEW.name) THEN
    DELETE FROM search_words WHERE src = 'lead' AND src_id = OLD.id;
    CALL ll_search_words(NEW.organization_id, NEW.id, 'lead', NEW.id, NULL, NEW.name);
  END IF;
END //
CREATE TRIGGER leads_words_del AFTER DELETE ON leads FOR EACH ROW
  DELETE FROM search_words WHERE organization_id = OLD.organization_id AND lead_id = OLD.id //

CREATE TRIGGER contacts_words_new AFTER INSERT ON contacts FOR EACH ROW
  CALL ll_search_words(NEW.organization_id, NEW.lead_id, 'contact', NEW.id, NEW.id, NEW.name) //
CREATE TRIGGER contacts_words_up AFTER UPDATE ON contacts FOR EACH ROW
BEGIN
  IF NOT (OLD.lead_id <=> NEW.lead_id) THEN
    UPDATE search_words SET lead_id = NEW.lead_id WHERE contact_id = OLD.id;
  END IF;
  IF NOT (OLD.name <=> NEW.name) THEN
    DELETE FROM search_words WHERE src = 'contact' AND src_id = OLD.id;
    CALL ll_search_words(NEW.organization_id, NEW.lead_id, 'contact', NEW.id, NEW.id, NEW.name);
  END IF;
END //
-- also the words of its emails and phones, whose rows the foreign keys'
-- cascade removes without firing their triggers
CREATE TRIGGER contacts_words_del AFTER DELETE ON contacts FOR EACH ROW
  DELETE FROM search_words WHERE contact_id = OLD.id //

CREATE TRIGGER contact_emails_words_new AFTER INSERT ON contact_emails FOR EACH ROW
BEGIN
  DECLARE l BIGINT UNSIGNED;
  SELECT lead_id INTO l FROM contacts WHERE id = NEW.contact_id;
  CALL ll_search_words(NEW.organization_id, l, 'email', NEW.id, NEW.contact_id, NEW.email);
END //
CREATE TRIGGER contact_emails_words_up AFTER UPDATE ON contact_emails FOR EACH ROW
BEGIN
  DECLARE l BIGINT UNSIGNED;
  DELETE FROM search_words WHERE src = 'email' AND src_id = OLD.id;
  SELECT lead_id INTO l FROM contacts WHERE id = NEW.contact_id;
  CALL ll_search_words(NEW.organization_id, l, 'email', NEW.id, NEW.contact_id, NEW.email);
END //
CREATE TRIGGER contact_emails_words_del AFTER DELETE ON contact_emails FOR EACH ROW
  DELETE FROM search_words WHERE src = 'email' AND src_id = OLD.id //

CREATE TRIGGER contact_phones_words_new AFTER INSERT ON contact_phones FOR EACH ROW
BEGIN
  DECLARE l BIGINT UNSIGNED;
  SELECT lead_id INTO l FROM contacts WHERE id = NEW.contact_id;
  CALL ll_search_phone(NEW.organization_id, l, NEW.id, NEW.contact_id, NEW.phone_digits);
END //
CREATE TRIGGER contact_phones_words_up AFTER UPDATE ON contact_phones FOR EACH ROW
BEGIN
  DECLARE l BIGINT UNSIGNED;
  DELETE FROM search_words WHERE src = 'phone' AND src_id = OLD.id;
  SELECT lead_id INTO l FROM contacts WHERE id = NEW.contact_id;
  CALL ll_search_phone(NEW.organization_id, l, NEW.id, NEW.contact_id, NEW.phone_digits);
END //
CREATE TRIGGER contact_phones_words_del AFTER DELETE ON contact_phones FOR EACH ROW
  DELETE FROM search_words WHERE src = 'phone' AND src_id = OLD.id //

-- The words of the rows that exist already.
CREATE PROCEDURE ll_search_rebuild()
BEGIN
  DECLARE done INT DEFAULT 0;
  DECLARE o, l, i, c BIGINT UNSIGNED;
  DECLARE t TEXT;
  DECLARE k VARCHAR(8);
  DECLARE cur CURSOR FOR
    SELECT 'lead', organization_id, id, id, NULL, name FROM leads
    UNION ALL SELECT 'contact', organization_id, lead_id, id, id, name FROM contacts
    UNION ALL SELECT 'email', e.organization_id, c.lead_id, e.id, e.contact_id, e.email
      FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
    UNION ALL SELECT 'phone', p.organization_id, c.lead_id, p.id, p.contact_id, p.phone_digits
      FROM contact_phones p JOIN contacts c ON c.id = p.contact_id;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;
  DELETE FROM search_words;
  OPEN cur;
  each_row: LOOP
    FETCH cur INTO k, o, l, i, c, t;
    IF done THEN LEAVE each_row; END IF;
    IF k = 'phone' THEN CALL ll_search_phone(o, l, i, c, t);
    ELSE CALL ll_search_words(o, l, k, i, c, t);
    END IF;
  END LOOP;
  CLOSE cur;
END //

DELIMITER ;

CALL ll_search_rebuild();

-- The full-text indexes are no longer read.
ALTER TABLE leads DROP INDEX leads_name_words;
ALTER TABLE contacts DROP INDEX contacts_name_words;
