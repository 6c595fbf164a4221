CREATE INDEX `calls_owner_sort_idx` ON `calls` (`owner_id`,`sort_at`);--> statement-breakpoint
CREATE INDEX `calls_direction_sort_idx` ON `calls` (`direction`,`sort_at`);--> statement-breakpoint
CREATE INDEX `calls_disposition_sort_idx` ON `calls` (`disposition_code`,`sort_at`);--> statement-breakpoint
CREATE INDEX `calls_subject_idx` ON `calls` (`subject`);--> statement-breakpoint
CREATE INDEX `calls_duration_idx` ON `calls` (`duration_seconds`);--> statement-breakpoint
CREATE INDEX `calls_needs_disposition_idx` ON `calls` (`sort_at`) WHERE (disposition_code is null and status in ('Held', 'NotHeld'));--> statement-breakpoint
CREATE INDEX `calls_recording_idx` ON `calls` (`sort_at`) WHERE recording_url is not null;--> statement-breakpoint
-- Search at scale (issue 13). Two trigram indexes, so any three characters in a row
-- find a record: part of a name, of a company, of an email, or any digits of a phone
-- number ("555" finds +1 415 555 0123), with one index lookup however many records.
--
-- call_terms_fts: what a call is found by besides calls_fts (subject, outcome,
-- participants) and notes_fts: its numbers' digits, and its tags (filled by the tags
-- feature; empty until then). Keyed by calls.seq, like calls_fts.
CREATE VIRTUAL TABLE `call_terms_fts` USING fts5(
	`numbers`,
	`tags`,
	tokenize = 'trigram'
);
--> statement-breakpoint
CREATE TRIGGER `call_terms_fts_after_insert` AFTER INSERT ON `calls` BEGIN
	INSERT INTO `call_terms_fts` (`rowid`, `numbers`, `tags`)
	VALUES (new.`seq`, trim(replace(coalesce(new.`from_number`, ''), '+', '') || ' ' || replace(coalesce(new.`to_number`, ''), '+', '')), '');
END;
--> statement-breakpoint
CREATE TRIGGER `call_terms_fts_after_update` AFTER UPDATE OF `from_number`, `to_number` ON `calls` BEGIN
	UPDATE `call_terms_fts`
	SET `numbers` = trim(replace(coalesce(new.`from_number`, ''), '+', '') || ' ' || replace(coalesce(new.`to_number`, ''), '+', ''))
	WHERE `rowid` = new.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `call_terms_fts_after_delete` AFTER DELETE ON `calls` BEGIN
	DELETE FROM `call_terms_fts` WHERE `rowid` = old.`seq`;
END;
--> statement-breakpoint
INSERT INTO `call_terms_fts` (`rowid`, `numbers`, `tags`)
SELECT `seq`, trim(replace(coalesce(`from_number`, ''), '+', '') || ' ' || replace(coalesce(`to_number`, ''), '+', '')), '' FROM `calls`;
--> statement-breakpoint
-- directory_fts: contacts, leads and accounts by name, company (a contact's account),
-- email, phone digits and tags. Their ids are text, so each gets a stable integer key in
-- directory_keys (an INTEGER PRIMARY KEY: VACUUM never renumbers it); every trigger finds
-- its row through the unique (kind, ref_id) index, never by scanning the search index.
CREATE TABLE `directory_keys` (
	`seq` integer PRIMARY KEY,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `directory_keys_ref_unique` ON `directory_keys` (`kind`, `ref_id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `directory_fts` USING fts5(
	`name`,
	`company`,
	`email`,
	`phones`,
	`tags`,
	tokenize = 'trigram'
);
--> statement-breakpoint
CREATE TRIGGER `directory_fts_contact_insert` AFTER INSERT ON `contacts` BEGIN
	INSERT OR IGNORE INTO `directory_keys` (`kind`, `ref_id`) VALUES ('contact', new.`id`);
	INSERT INTO `directory_fts` (`rowid`, `name`, `company`, `email`, `phones`, `tags`)
	VALUES (
		(SELECT `seq` FROM `directory_keys` WHERE `kind` = 'contact' AND `ref_id` = new.`id`),
		trim(new.`first_name` || ' ' || new.`last_name`),
		coalesce((SELECT `name` FROM `accounts` WHERE `id` = new.`account_id`), ''),
		new.`email`,
		coalesce((SELECT group_concat(replace(`e164`, '+', ''), ' ') FROM `phones` WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`), ''),
		coalesce((SELECT group_concat(`value`, ' ') FROM json_each(new.`tags`)), '')
	);
END;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_contact_update` AFTER UPDATE OF `first_name`, `last_name`, `email`, `account_id`, `tags` ON `contacts` BEGIN
	UPDATE `directory_fts` SET
		`name` = trim(new.`first_name` || ' ' || new.`last_name`),
		`company` = coalesce((SELECT `name` FROM `accounts` WHERE `id` = new.`account_id`), ''),
		`email` = new.`email`,
		`tags` = coalesce((SELECT group_concat(`value`, ' ') FROM json_each(new.`tags`)), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'contact' AND `ref_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_contact_delete` AFTER DELETE ON `contacts` BEGIN
	DELETE FROM `directory_fts` WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'contact' AND `ref_id` = old.`id`);
	DELETE FROM `directory_keys` WHERE `kind` = 'contact' AND `ref_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_lead_insert` AFTER INSERT ON `leads` BEGIN
	INSERT OR IGNORE INTO `directory_keys` (`kind`, `ref_id`) VALUES ('lead', new.`id`);
	INSERT INTO `directory_fts` (`rowid`, `name`, `company`, `email`, `phones`, `tags`)
	VALUES (
		(SELECT `seq` FROM `directory_keys` WHERE `kind` = 'lead' AND `ref_id` = new.`id`),
		trim(new.`first_name` || ' ' || new.`last_name`),
		new.`company`,
		new.`email`,
		coalesce((SELECT group_concat(replace(`e164`, '+', ''), ' ') FROM `phones` WHERE `owner_type` = 'lead' AND `owner_id` = new.`id`), ''),
		coalesce((SELECT group_concat(`value`, ' ') FROM json_each(new.`tags`)), '')
	);
END;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_lead_update` AFTER UPDATE OF `first_name`, `last_name`, `email`, `company`, `tags` ON `leads` BEGIN
	UPDATE `directory_fts` SET
		`name` = trim(new.`first_name` || ' ' || new.`last_name`),
		`company` = new.`company`,
		`email` = new.`email`,
		`tags` = coalesce((SELECT group_concat(`value`, ' ') FROM json_each(new.`tags`)), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'lead' AND `ref_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_lead_delete` AFTER DELETE ON `leads` BEGIN
	DELETE FROM `directory_fts` WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'lead' AND `ref_id` = old.`id`);
	DELETE FROM `directory_keys` WHERE `kind` = 'lead' AND `ref_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_account_insert` AFTER INSERT ON `accounts` BEGIN
	INSERT OR IGNORE INTO `directory_keys` (`kind`, `ref_id`) VALUES ('account', new.`id`);
	INSERT INTO `directory_fts` (`rowid`, `name`, `company`, `email`, `phones`, `tags`)
	VALUES (
		(SELECT `seq` FROM `directory_keys` WHERE `kind` = 'account' AND `ref_id` = new.`id`),
		new.`name`,
		'',
		'',
		coalesce((SELECT group_concat(replace(`e164`, '+', ''), ' ') FROM `phones` WHERE `owner_type` = 'account' AND `owner_id` = new.`id`), ''),
		''
	);
END;
--> statement-breakpoint
-- An account's new name is its contacts' company too (found through contacts_account_idx).
CREATE TRIGGER `directory_fts_account_update` AFTER UPDATE OF `name` ON `accounts` BEGIN
	UPDATE `directory_fts` SET `name` = new.`name`
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'account' AND `ref_id` = new.`id`);
	UPDATE `directory_fts` SET `company` = new.`name`
	WHERE `rowid` IN (
		SELECT k.`seq` FROM `contacts` c JOIN `directory_keys` k ON k.`kind` = 'contact' AND k.`ref_id` = c.`id`
		WHERE c.`account_id` = new.`id`
	);
END;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_account_delete` AFTER DELETE ON `accounts` BEGIN
	DELETE FROM `directory_fts` WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'account' AND `ref_id` = old.`id`);
	DELETE FROM `directory_keys` WHERE `kind` = 'account' AND `ref_id` = old.`id`;
END;
--> statement-breakpoint
-- A phone added, changed or removed rewrites its owner's phone digits.
CREATE TRIGGER `directory_fts_phone_insert` AFTER INSERT ON `phones` BEGIN
	UPDATE `directory_fts`
	SET `phones` = coalesce((SELECT group_concat(replace(`e164`, '+', ''), ' ') FROM `phones` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = new.`owner_type` AND `ref_id` = new.`owner_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_phone_update` AFTER UPDATE OF `e164` ON `phones` BEGIN
	UPDATE `directory_fts`
	SET `phones` = coalesce((SELECT group_concat(replace(`e164`, '+', ''), ' ') FROM `phones` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = new.`owner_type` AND `ref_id` = new.`owner_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_phone_delete` AFTER DELETE ON `phones` BEGIN
	UPDATE `directory_fts`
	SET `phones` = coalesce((SELECT group_concat(replace(`e164`, '+', ''), ' ') FROM `phones` WHERE `owner_type` = old.`owner_type` AND `owner_id` = old.`owner_id`), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = old.`owner_type` AND `ref_id` = old.`owner_id`);
END;
--> statement-breakpoint
-- Backfill: every record written before this migration becomes searchable.
INSERT INTO `directory_keys` (`kind`, `ref_id`)
SELECT 'contact', `id` FROM `contacts` UNION ALL SELECT 'lead', `id` FROM `leads` UNION ALL SELECT 'account', `id` FROM `accounts`;
--> statement-breakpoint
INSERT INTO `directory_fts` (`rowid`, `name`, `company`, `email`, `phones`, `tags`)
SELECT k.`seq`, trim(c.`first_name` || ' ' || c.`last_name`), coalesce(a.`name`, ''), c.`email`,
	coalesce((SELECT group_concat(replace(p.`e164`, '+', ''), ' ') FROM `phones` p WHERE p.`owner_type` = 'contact' AND p.`owner_id` = c.`id`), ''),
	coalesce((SELECT group_concat(j.`value`, ' ') FROM json_each(c.`tags`) j), '')
FROM `directory_keys` k JOIN `contacts` c ON k.`kind` = 'contact' AND c.`id` = k.`ref_id` LEFT JOIN `accounts` a ON a.`id` = c.`account_id`;
--> statement-breakpoint
INSERT INTO `directory_fts` (`rowid`, `name`, `company`, `email`, `phones`, `tags`)
SELECT k.`seq`, trim(l.`first_name` || ' ' || l.`last_name`), l.`company`, l.`email`,
	coalesce((SELECT group_concat(replace(p.`e164`, '+', ''), ' ') FROM `phones` p WHERE p.`owner_type` = 'lead' AND p.`owner_id` = l.`id`), ''),
	coalesce((SELECT group_concat(j.`value`, ' ') FROM json_each(l.`tags`) j), '')
FROM `directory_keys` k JOIN `leads` l ON k.`kind` = 'lead' AND l.`id` = k.`ref_id`;
--> statement-breakpoint
INSERT INTO `directory_fts` (`rowid`, `name`, `company`, `email`, `phones`, `tags`)
SELECT k.`seq`, a.`name`, '', '',
	coalesce((SELECT group_concat(replace(p.`e164`, '+', ''), ' ') FROM `phones` p WHERE p.`owner_type` = 'account' AND p.`owner_id` = a.`id`), ''),
	''
FROM `directory_keys` k JOIN `accounts` a ON k.`kind` = 'account' AND a.`id` = k.`ref_id`;
