-- The directory search index's update triggers (0013) run only when a searched value
-- changes. A directory record's upsert sets every column, so UPDATE OF fired on each
-- pull of a record whatever changed (its do-not-contact flag, its profile, nothing at
-- all on a download started over), and an FTS5 update deletes and re-tokenizes the
-- whole row: about 70 µs of CPU a contact. The caller cards' triggers have had the same
-- guards since 0005.
DROP TRIGGER `directory_fts_contact_update`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_contact_update` AFTER UPDATE OF `first_name`, `last_name`, `email`, `account_id`, `tags` ON `contacts`
	WHEN old.`first_name` IS NOT new.`first_name` OR old.`last_name` IS NOT new.`last_name` OR old.`email` IS NOT new.`email`
		OR old.`account_id` IS NOT new.`account_id` OR old.`tags` IS NOT new.`tags`
BEGIN
	UPDATE `directory_fts` SET
		`name` = trim(new.`first_name` || ' ' || new.`last_name`),
		`company` = coalesce((SELECT `name` FROM `accounts` WHERE `id` = new.`account_id`), ''),
		`email` = new.`email`,
		`tags` = coalesce((SELECT group_concat(`value`, ' ') FROM json_each(new.`tags`)), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'contact' AND `ref_id` = new.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `directory_fts_lead_update`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_lead_update` AFTER UPDATE OF `first_name`, `last_name`, `email`, `company`, `tags` ON `leads`
	WHEN old.`first_name` IS NOT new.`first_name` OR old.`last_name` IS NOT new.`last_name` OR old.`email` IS NOT new.`email`
		OR old.`company` IS NOT new.`company` OR old.`tags` IS NOT new.`tags`
BEGIN
	UPDATE `directory_fts` SET
		`name` = trim(new.`first_name` || ' ' || new.`last_name`),
		`company` = new.`company`,
		`email` = new.`email`,
		`tags` = coalesce((SELECT group_concat(`value`, ' ') FROM json_each(new.`tags`)), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = 'lead' AND `ref_id` = new.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `directory_fts_account_update`;
--> statement-breakpoint
-- An account's new name is its contacts' company too (found through contacts_account_idx).
CREATE TRIGGER `directory_fts_account_update` AFTER UPDATE OF `name` ON `accounts`
	WHEN old.`name` IS NOT new.`name`
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
DROP TRIGGER `directory_fts_phone_update`;
--> statement-breakpoint
CREATE TRIGGER `directory_fts_phone_update` AFTER UPDATE OF `e164` ON `phones`
	WHEN old.`e164` IS NOT new.`e164`
BEGIN
	UPDATE `directory_fts`
	SET `phones` = coalesce((SELECT group_concat(replace(`e164`, '+', ''), ' ') FROM `phones` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`), '')
	WHERE `rowid` = (SELECT `seq` FROM `directory_keys` WHERE `kind` = new.`owner_type` AND `ref_id` = new.`owner_id`);
END;
