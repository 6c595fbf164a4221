-- phones has a polymorphic owner (contact, lead or account), so no foreign key can
-- cascade a delete to it. These triggers do, whoever deletes the owner (a repository,
-- demo removal, a sync tombstone later), so a deleted contact's number can never pop
-- up on screen again.
CREATE TRIGGER `contacts_delete_phones` AFTER DELETE ON `contacts` BEGIN
	DELETE FROM `phones` WHERE `owner_type` = 'contact' AND `owner_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_delete_phones` AFTER DELETE ON `leads` BEGIN
	DELETE FROM `phones` WHERE `owner_type` = 'lead' AND `owner_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_delete_phones` AFTER DELETE ON `accounts` BEGIN
	DELETE FROM `phones` WHERE `owner_type` = 'account' AND `owner_id` = old.`id`;
END;
--> statement-breakpoint
-- Clean up numbers whose owner was deleted before these triggers existed.
DELETE FROM `phones`
WHERE (`owner_type` = 'contact' AND `owner_id` NOT IN (SELECT `id` FROM `contacts`))
	OR (`owner_type` = 'lead' AND `owner_id` NOT IN (SELECT `id` FROM `leads`))
	OR (`owner_type` = 'account' AND `owner_id` NOT IN (SELECT `id` FROM `accounts`));
