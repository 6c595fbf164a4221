-- Full-text search over the call log: subject, outcome text and participant names.
-- The index is keyed by calls.seq (an explicit INTEGER PRIMARY KEY, so VACUUM never
-- renumbers it) and kept current by triggers, so no write path can forget it.
-- Repositories must not use INSERT OR REPLACE on calls: REPLACE deletes the old row
-- without firing the delete trigger and would leave a stale search row behind.
CREATE VIRTUAL TABLE `calls_fts` USING fts5(
	`subject`,
	`outcome`,
	`participants`,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `calls_fts_after_insert` AFTER INSERT ON `calls` BEGIN
	INSERT INTO `calls_fts` (`rowid`, `subject`, `outcome`, `participants`)
	VALUES (
		new.`seq`,
		new.`subject`,
		new.`outcome_text`,
		coalesce((SELECT group_concat(`name`, ' ') FROM `call_participants` WHERE `call_id` = new.`id`), '')
	);
END;
--> statement-breakpoint
CREATE TRIGGER `calls_fts_after_update` AFTER UPDATE OF `subject`, `outcome_text` ON `calls` BEGIN
	UPDATE `calls_fts` SET `subject` = new.`subject`, `outcome` = new.`outcome_text` WHERE `rowid` = new.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `calls_fts_after_delete` AFTER DELETE ON `calls` BEGIN
	DELETE FROM `calls_fts` WHERE `rowid` = old.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `calls_fts_participant_insert` AFTER INSERT ON `call_participants` BEGIN
	UPDATE `calls_fts`
	SET `participants` = coalesce((SELECT group_concat(`name`, ' ') FROM `call_participants` WHERE `call_id` = new.`call_id`), '')
	WHERE `rowid` = (SELECT `seq` FROM `calls` WHERE `id` = new.`call_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `calls_fts_participant_update` AFTER UPDATE OF `name` ON `call_participants` BEGIN
	UPDATE `calls_fts`
	SET `participants` = coalesce((SELECT group_concat(`name`, ' ') FROM `call_participants` WHERE `call_id` = new.`call_id`), '')
	WHERE `rowid` = (SELECT `seq` FROM `calls` WHERE `id` = new.`call_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `calls_fts_participant_delete` AFTER DELETE ON `call_participants` BEGIN
	UPDATE `calls_fts`
	SET `participants` = coalesce((SELECT group_concat(`name`, ' ') FROM `call_participants` WHERE `call_id` = old.`call_id`), '')
	WHERE `rowid` = (SELECT `seq` FROM `calls` WHERE `id` = old.`call_id`);
END;
--> statement-breakpoint
-- Backfill: calls written before this migration become searchable too.
INSERT INTO `calls_fts` (`rowid`, `subject`, `outcome`, `participants`)
SELECT
	c.`seq`,
	c.`subject`,
	c.`outcome_text`,
	coalesce((SELECT group_concat(p.`name`, ' ') FROM `call_participants` p WHERE p.`call_id` = c.`id`), '')
FROM `calls` c;
