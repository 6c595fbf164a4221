CREATE TABLE `bulk_load` (
	`id` integer PRIMARY KEY NOT NULL,
	`started_at` text NOT NULL,
	CONSTRAINT "bulk_load_single_row" CHECK("bulk_load"."id" = 1)
);
--> statement-breakpoint
-- The search index's and the caller cards' insert and update triggers on the directory
-- tables skip rows written by a connection that declared a bulk load (bulk_loading(), a
-- function each connection registers in db/open.ts, true only on the first directory
-- download's connection while it writes): that download then rebuilds both read models in
-- chunks (sync/bulk-load.ts) instead of paying ~0.2 ms of triggers per contact. The gate is
-- per connection so that the agent's own writes during the download keep both current.
-- Delete triggers stay as they were (a no-op on a row that has no card or index entry yet).
DROP TRIGGER `caller_cards_account_insert`;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_account_insert` AFTER INSERT ON `accounts`
	WHEN NOT bulk_loading()
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'account' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'account' AND `owner_id` = new.`id`;
	UPDATE `caller_cards` SET `card` = s.`card`
	FROM (SELECT `owner_type`, `owner_id`, `card` FROM `caller_card_source`
		WHERE `owner_type` = 'contact'
		AND `owner_id` IN (SELECT `id` FROM `contacts` WHERE `account_id` = new.`id`)) AS s
	WHERE `caller_cards`.`owner_type` = s.`owner_type` AND `caller_cards`.`owner_id` = s.`owner_id`;
END;
--> statement-breakpoint
DROP TRIGGER `caller_cards_account_update`;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_account_update` AFTER UPDATE OF `id`, `name`, `time_zone` ON `accounts`
	WHEN NOT bulk_loading() AND (old.`id` IS NOT new.`id` OR old.`name` IS NOT new.`name` OR old.`time_zone` IS NOT new.`time_zone`)
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'account' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'account' AND `owner_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'account' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'account' AND `owner_id` = new.`id`;
	UPDATE `caller_cards` SET `card` = s.`card`
	FROM (SELECT `owner_type`, `owner_id`, `card` FROM `caller_card_source`
		WHERE `owner_type` = 'contact'
		AND `owner_id` IN (SELECT `id` FROM `contacts` WHERE `account_id` = old.`id`)
		AND old.`id` IS NOT new.`id`) AS s
	WHERE `caller_cards`.`owner_type` = s.`owner_type` AND `caller_cards`.`owner_id` = s.`owner_id`;
	UPDATE `caller_cards` SET `card` = s.`card`
	FROM (SELECT `owner_type`, `owner_id`, `card` FROM `caller_card_source`
		WHERE `owner_type` = 'contact'
		AND `owner_id` IN (SELECT `id` FROM `contacts` WHERE `account_id` = new.`id`)) AS s
	WHERE `caller_cards`.`owner_type` = s.`owner_type` AND `caller_cards`.`owner_id` = s.`owner_id`;
END;
--> statement-breakpoint
DROP TRIGGER `directory_fts_account_insert`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_account_insert` AFTER INSERT ON `accounts`
	WHEN NOT bulk_loading()
BEGIN
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
DROP TRIGGER `directory_fts_account_update`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_account_update` AFTER UPDATE OF `name` ON `accounts`
	WHEN NOT bulk_loading()
BEGIN
	UPDATE `directory_fts` SET `name` = new.`name`
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'account' AND `ref_id` = new.`id`);
	UPDATE `directory_fts` SET `company` = new.`name`
	WHERE `rowid` IN (
		SELECT k.`seq` FROM `contacts` c JOIN `directory_keys` k ON k.`kind` = 'contact' AND k.`ref_id` = c.`id`
		WHERE c.`account_id` = new.`id`
	);
END;
--> statement-breakpoint
DROP TRIGGER `caller_cards_contact_insert`;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_contact_insert` AFTER INSERT ON `contacts`
	WHEN NOT bulk_loading()
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`;
END;
--> statement-breakpoint
DROP TRIGGER `caller_cards_contact_update`;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_contact_update` AFTER UPDATE OF `id`, `account_id`, `first_name`, `last_name`, `title`, `tags`, `do_not_contact`, `do_not_contact_reason`, `time_zone`, `customer`, `addresses`, `equipment`, `preferences` ON `contacts`
	WHEN NOT bulk_loading() AND (old.`id` IS NOT new.`id` OR old.`account_id` IS NOT new.`account_id` OR old.`first_name` IS NOT new.`first_name`
		OR old.`last_name` IS NOT new.`last_name` OR old.`title` IS NOT new.`title` OR old.`tags` IS NOT new.`tags`
		OR old.`do_not_contact` IS NOT new.`do_not_contact` OR old.`do_not_contact_reason` IS NOT new.`do_not_contact_reason` OR old.`time_zone` IS NOT new.`time_zone`
		OR old.`customer` IS NOT new.`customer` OR old.`addresses` IS NOT new.`addresses` OR old.`equipment` IS NOT new.`equipment`
		OR old.`preferences` IS NOT new.`preferences`)
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`;
END;
--> statement-breakpoint
DROP TRIGGER `directory_fts_contact_insert`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_contact_insert` AFTER INSERT ON `contacts`
	WHEN NOT bulk_loading()
BEGIN
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
DROP TRIGGER `directory_fts_contact_update`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_contact_update` AFTER UPDATE OF `first_name`, `last_name`, `email`, `account_id`, `tags` ON `contacts`
	WHEN NOT bulk_loading()
BEGIN
	UPDATE `directory_fts` SET
		`name` = trim(new.`first_name` || ' ' || new.`last_name`),
		`company` = coalesce((SELECT `name` FROM `accounts` WHERE `id` = new.`account_id`), ''),
		`email` = new.`email`,
		`tags` = coalesce((SELECT group_concat(`value`, ' ') FROM json_each(new.`tags`)), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'contact' AND `ref_id` = new.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `caller_cards_lead_insert`;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_lead_insert` AFTER INSERT ON `leads`
	WHEN NOT bulk_loading()
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = new.`id`;
END;
--> statement-breakpoint
DROP TRIGGER `caller_cards_lead_update`;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_lead_update` AFTER UPDATE OF `id`, `company`, `first_name`, `last_name`, `title`, `tags`, `do_not_contact`, `do_not_contact_reason`, `time_zone` ON `leads`
	WHEN NOT bulk_loading() AND (old.`id` IS NOT new.`id` OR old.`company` IS NOT new.`company` OR old.`first_name` IS NOT new.`first_name`
		OR old.`last_name` IS NOT new.`last_name` OR old.`title` IS NOT new.`title` OR old.`tags` IS NOT new.`tags`
		OR old.`do_not_contact` IS NOT new.`do_not_contact` OR old.`do_not_contact_reason` IS NOT new.`do_not_contact_reason` OR old.`time_zone` IS NOT new.`time_zone`)
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = new.`id`;
END;
--> statement-breakpoint
DROP TRIGGER `directory_fts_lead_insert`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_lead_insert` AFTER INSERT ON `leads`
	WHEN NOT bulk_loading()
BEGIN
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
DROP TRIGGER `directory_fts_lead_update`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_lead_update` AFTER UPDATE OF `first_name`, `last_name`, `email`, `company`, `tags` ON `leads`
	WHEN NOT bulk_loading()
BEGIN
	UPDATE `directory_fts` SET
		`name` = trim(new.`first_name` || ' ' || new.`last_name`),
		`company` = new.`company`,
		`email` = new.`email`,
		`tags` = coalesce((SELECT group_concat(`value`, ' ') FROM json_each(new.`tags`)), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'lead' AND `ref_id` = new.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `caller_cards_phone_insert`;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_phone_insert` AFTER INSERT ON `phones`
	WHEN NOT bulk_loading()
BEGIN
	INSERT INTO `caller_cards` (`phone_id`, `owner_type`, `owner_id`, `kind`, `card`, `display`, `country_zone`)
	VALUES (new.`id`, new.`owner_type`, new.`owner_id`, new.`kind`, coalesce(
		(SELECT `card` FROM `caller_cards` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id` AND `card` IS NOT NULL LIMIT 1),
		(SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`)),
		new.`display`, new.`country_zone`)
	ON CONFLICT (`phone_id`) DO UPDATE SET `owner_type` = excluded.`owner_type`, `owner_id` = excluded.`owner_id`,
		`kind` = excluded.`kind`, `card` = excluded.`card`, `display` = excluded.`display`, `country_zone` = excluded.`country_zone`;
END;
--> statement-breakpoint
DROP TRIGGER `caller_cards_phone_update`;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_phone_update` AFTER UPDATE OF `id`, `owner_type`, `owner_id`, `kind` ON `phones`
	WHEN NOT bulk_loading() AND (old.`id` IS NOT new.`id` OR old.`owner_type` IS NOT new.`owner_type` OR old.`owner_id` IS NOT new.`owner_id`
		OR old.`kind` IS NOT new.`kind`)
BEGIN
	DELETE FROM `caller_cards` WHERE `phone_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = NULL WHERE `phone_id` = new.`id`;
	INSERT INTO `caller_cards` (`phone_id`, `owner_type`, `owner_id`, `kind`, `card`, `display`, `country_zone`)
	VALUES (new.`id`, new.`owner_type`, new.`owner_id`, new.`kind`, coalesce(
		(SELECT `card` FROM `caller_cards` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id` AND `card` IS NOT NULL LIMIT 1),
		(SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`)),
		new.`display`, new.`country_zone`)
	ON CONFLICT (`phone_id`) DO UPDATE SET `owner_type` = excluded.`owner_type`, `owner_id` = excluded.`owner_id`,
		`kind` = excluded.`kind`, `card` = excluded.`card`, `display` = excluded.`display`, `country_zone` = excluded.`country_zone`;
END;
--> statement-breakpoint
DROP TRIGGER `directory_fts_phone_insert`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_phone_insert` AFTER INSERT ON `phones`
	WHEN NOT bulk_loading()
BEGIN
	UPDATE `directory_fts`
	SET `phones` = coalesce((SELECT group_concat(replace(`e164`, '+', ''), ' ') FROM `phones` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = new.`owner_type` AND `ref_id` = new.`owner_id`);
END;
--> statement-breakpoint
DROP TRIGGER `directory_fts_phone_update`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_phone_update` AFTER UPDATE OF `e164` ON `phones`
	WHEN NOT bulk_loading()
BEGIN
	UPDATE `directory_fts`
	SET `phones` = coalesce((SELECT group_concat(replace(`e164`, '+', ''), ' ') FROM `phones` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = new.`owner_type` AND `ref_id` = new.`owner_id`);
END;
