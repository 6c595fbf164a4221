CREATE TABLE `record_tags` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`, `tag`)
);
--> statement-breakpoint
CREATE INDEX `record_tags_tag_idx` ON `record_tags` (`entity`,`tag`,`entity_id`);--> statement-breakpoint
CREATE TABLE `tag_sets` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`tag_set` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`)
);
--> statement-breakpoint
-- A record's tags go with it, whoever deletes it (a pull's tombstone, a cache reset, demo removal).
CREATE TRIGGER `tags_follow_call_delete` AFTER DELETE ON `calls` BEGIN
	DELETE FROM `tag_sets` WHERE `entity` = 'calls' AND `entity_id` = old.`id`;
	DELETE FROM `record_tags` WHERE `entity` = 'calls' AND `entity_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_follow_contact_delete` AFTER DELETE ON `contacts` BEGIN
	DELETE FROM `tag_sets` WHERE `entity` = 'contacts' AND `entity_id` = old.`id`;
	DELETE FROM `record_tags` WHERE `entity` = 'contacts' AND `entity_id` = old.`id`;
END;
--> statement-breakpoint
-- Contacts tagged before tags were a set: their plain list is what they show (their set
-- is seeded from it when first edited, shared/domain/tag-set.ts).
INSERT OR IGNORE INTO `record_tags` (`entity`, `entity_id`, `tag`)
SELECT 'contacts', c.`id`, j.`value` FROM `contacts` c, json_each(c.`tags`) j WHERE json_valid(c.`tags`);
