CREATE INDEX `calls_from_number_idx` ON `calls` (`from_number`);--> statement-breakpoint
CREATE INDEX `calls_to_number_idx` ON `calls` (`to_number`);--> statement-breakpoint
-- Full-text search over notes, so a call or a contact is found by what was written
-- about it. Notes have a text id and no INTEGER PRIMARY KEY, and VACUUM may renumber
-- an implicit rowid, so the index carries the note id itself (unindexed) instead of
-- relying on rowids. Notes are append-only: a delete (demo data removed) is rare, which
-- is why its trigger may scan the index.
CREATE VIRTUAL TABLE `notes_fts` USING fts5(
	`body`,
	`note_id` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `notes_fts_after_insert` AFTER INSERT ON `notes` BEGIN
	INSERT INTO `notes_fts` (`body`, `note_id`) VALUES (new.`body`, new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `notes_fts_after_update` AFTER UPDATE OF `body` ON `notes` BEGIN
	UPDATE `notes_fts` SET `body` = new.`body` WHERE `note_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `notes_fts_after_delete` AFTER DELETE ON `notes` BEGIN
	DELETE FROM `notes_fts` WHERE `note_id` = old.`id`;
END;
--> statement-breakpoint
-- Backfill: notes written before this migration (the demo's among them) become searchable.
INSERT INTO `notes_fts` (`body`, `note_id`) SELECT `body`, `id` FROM `notes`;
