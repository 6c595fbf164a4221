-- The dashboard's pre-aggregations (schema/analytics.ts), reshaped: call_stats loses the
-- disposition from its key (a month was ~31,000 rows to read and group, now ~12,000 read
-- in key order), and call_outcome_days counts calls by UTC day, status and disposition
-- for the breakdown. Both follow every call write in the same transaction (the rules of
-- shared/domain/call-analytics.ts); 0017's triggers go first, as they write the old shape.
DROP TRIGGER IF EXISTS `calls_stats_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `calls_stats_after_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `calls_stats_after_update`;
--> statement-breakpoint
CREATE TABLE `call_outcome_days` (
	`owner_id` text NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`disposition` text NOT NULL,
	`calls` integer NOT NULL,
	PRIMARY KEY(`owner_id`, `day`, `status`, `disposition`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `__new_call_stats` (
	`owner_id` text NOT NULL,
	`bucket` text NOT NULL,
	`direction` text NOT NULL,
	`status` text NOT NULL,
	`calls` integer NOT NULL,
	`talk_sum` integer NOT NULL,
	`talk_count` integer NOT NULL,
	`handle_sum` integer NOT NULL,
	`handle_count` integer NOT NULL,
	PRIMARY KEY(`owner_id`, `bucket`, `direction`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The old rows summed over their dispositions (they come in key order: no sort).
INSERT INTO `__new_call_stats` (`owner_id`, `bucket`, `direction`, `status`, `calls`, `talk_sum`, `talk_count`, `handle_sum`, `handle_count`)
SELECT `owner_id`, `bucket`, `direction`, `status`, sum(`calls`), sum(`talk_sum`), sum(`talk_count`), sum(`handle_sum`), sum(`handle_count`)
FROM `call_stats` GROUP BY `owner_id`, `bucket`, `direction`, `status`;
--> statement-breakpoint
DROP TABLE `call_stats`;
--> statement-breakpoint
ALTER TABLE `__new_call_stats` RENAME TO `call_stats`;
--> statement-breakpoint
INSERT INTO `call_outcome_days` (`owner_id`, `day`, `status`, `disposition`, `calls`)
SELECT c.`owner_id`, substr(c.`sort_at`, 1, 10), c.`status`, coalesce(c.`disposition_code`, ''), count(*) FROM `calls` c GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `calls_stats_after_insert` AFTER INSERT ON `calls` BEGIN
	INSERT INTO `call_stats` (`owner_id`, `bucket`, `direction`, `status`, `calls`, `talk_sum`, `talk_count`, `handle_sum`, `handle_count`)
	VALUES (new.`owner_id`, substr(new.`sort_at`, 1, 14) || printf('%02d', (cast(substr(new.`sort_at`, 15, 2) AS integer) / 15) * 15), new.`direction`, new.`status`, 1,
		CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN new.`duration_seconds` ELSE 0 END, CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN 1 ELSE 0 END,
		CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN new.`duration_seconds` + CASE WHEN new.`actual_end` IS NOT NULL AND new.`wrapped_up_at` IS NOT NULL THEN max(0, unixepoch(new.`wrapped_up_at`) - unixepoch(new.`actual_end`)) ELSE 0 END ELSE 0 END, CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN 1 ELSE 0 END)
	ON CONFLICT (`owner_id`, `bucket`, `direction`, `status`) DO UPDATE SET
		`calls` = `calls` + excluded.`calls`, `talk_sum` = `talk_sum` + excluded.`talk_sum`,
		`talk_count` = `talk_count` + excluded.`talk_count`, `handle_sum` = `handle_sum` + excluded.`handle_sum`,
		`handle_count` = `handle_count` + excluded.`handle_count`;
	INSERT INTO `call_outcome_days` (`owner_id`, `day`, `status`, `disposition`, `calls`)
	VALUES (new.`owner_id`, substr(new.`sort_at`, 1, 10), new.`status`, coalesce(new.`disposition_code`, ''), 1)
	ON CONFLICT (`owner_id`, `day`, `status`, `disposition`) DO UPDATE SET `calls` = `calls` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `calls_stats_after_delete` AFTER DELETE ON `calls` BEGIN
	UPDATE `call_stats` SET `calls` = `calls` - 1, `talk_sum` = `talk_sum` - (CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN old.`duration_seconds` ELSE 0 END),
		`talk_count` = `talk_count` - (CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN 1 ELSE 0 END),
		`handle_sum` = `handle_sum` - (CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN old.`duration_seconds` + CASE WHEN old.`actual_end` IS NOT NULL AND old.`wrapped_up_at` IS NOT NULL THEN max(0, unixepoch(old.`wrapped_up_at`) - unixepoch(old.`actual_end`)) ELSE 0 END ELSE 0 END),
		`handle_count` = `handle_count` - (CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN 1 ELSE 0 END)
	WHERE `owner_id` = old.`owner_id` AND `bucket` = substr(old.`sort_at`, 1, 14) || printf('%02d', (cast(substr(old.`sort_at`, 15, 2) AS integer) / 15) * 15) AND `direction` = old.`direction` AND `status` = old.`status`;
	DELETE FROM `call_stats` WHERE `calls` = 0 AND `owner_id` = old.`owner_id` AND `bucket` = substr(old.`sort_at`, 1, 14) || printf('%02d', (cast(substr(old.`sort_at`, 15, 2) AS integer) / 15) * 15) AND `direction` = old.`direction` AND `status` = old.`status`;
	UPDATE `call_outcome_days` SET `calls` = `calls` - 1 WHERE `owner_id` = old.`owner_id` AND `day` = substr(old.`sort_at`, 1, 10) AND `status` = old.`status` AND `disposition` = coalesce(old.`disposition_code`, '');
	DELETE FROM `call_outcome_days` WHERE `calls` = 0 AND `owner_id` = old.`owner_id` AND `day` = substr(old.`sort_at`, 1, 10) AND `status` = old.`status` AND `disposition` = coalesce(old.`disposition_code`, '');
END;
--> statement-breakpoint
CREATE TRIGGER `calls_stats_after_update` AFTER UPDATE OF `owner_id`, `direction`, `status`, `disposition_code`, `duration_seconds`, `actual_start`, `actual_end`, `planned_utc`, `created_at`, `wrapped_up_at` ON `calls`
WHEN old.`owner_id` IS NOT new.`owner_id` OR old.`direction` IS NOT new.`direction` OR old.`status` IS NOT new.`status` OR old.`disposition_code` IS NOT new.`disposition_code` OR old.`duration_seconds` IS NOT new.`duration_seconds` OR old.`actual_start` IS NOT new.`actual_start` OR old.`actual_end` IS NOT new.`actual_end` OR old.`planned_utc` IS NOT new.`planned_utc` OR old.`created_at` IS NOT new.`created_at` OR old.`wrapped_up_at` IS NOT new.`wrapped_up_at`
BEGIN
	UPDATE `call_stats` SET `calls` = `calls` - 1, `talk_sum` = `talk_sum` - (CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN old.`duration_seconds` ELSE 0 END),
		`talk_count` = `talk_count` - (CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN 1 ELSE 0 END),
		`handle_sum` = `handle_sum` - (CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN old.`duration_seconds` + CASE WHEN old.`actual_end` IS NOT NULL AND old.`wrapped_up_at` IS NOT NULL THEN max(0, unixepoch(old.`wrapped_up_at`) - unixepoch(old.`actual_end`)) ELSE 0 END ELSE 0 END),
		`handle_count` = `handle_count` - (CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN 1 ELSE 0 END)
	WHERE `owner_id` = old.`owner_id` AND `bucket` = substr(old.`sort_at`, 1, 14) || printf('%02d', (cast(substr(old.`sort_at`, 15, 2) AS integer) / 15) * 15) AND `direction` = old.`direction` AND `status` = old.`status`;
	DELETE FROM `call_stats` WHERE `calls` = 0 AND `owner_id` = old.`owner_id` AND `bucket` = substr(old.`sort_at`, 1, 14) || printf('%02d', (cast(substr(old.`sort_at`, 15, 2) AS integer) / 15) * 15) AND `direction` = old.`direction` AND `status` = old.`status`;
	UPDATE `call_outcome_days` SET `calls` = `calls` - 1 WHERE `owner_id` = old.`owner_id` AND `day` = substr(old.`sort_at`, 1, 10) AND `status` = old.`status` AND `disposition` = coalesce(old.`disposition_code`, '');
	DELETE FROM `call_outcome_days` WHERE `calls` = 0 AND `owner_id` = old.`owner_id` AND `day` = substr(old.`sort_at`, 1, 10) AND `status` = old.`status` AND `disposition` = coalesce(old.`disposition_code`, '');
	INSERT INTO `call_stats` (`owner_id`, `bucket`, `direction`, `status`, `calls`, `talk_sum`, `talk_count`, `handle_sum`, `handle_count`)
	VALUES (new.`owner_id`, substr(new.`sort_at`, 1, 14) || printf('%02d', (cast(substr(new.`sort_at`, 15, 2) AS integer) / 15) * 15), new.`direction`, new.`status`, 1,
		CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN new.`duration_seconds` ELSE 0 END, CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN 1 ELSE 0 END,
		CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN new.`duration_seconds` + CASE WHEN new.`actual_end` IS NOT NULL AND new.`wrapped_up_at` IS NOT NULL THEN max(0, unixepoch(new.`wrapped_up_at`) - unixepoch(new.`actual_end`)) ELSE 0 END ELSE 0 END, CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN 1 ELSE 0 END)
	ON CONFLICT (`owner_id`, `bucket`, `direction`, `status`) DO UPDATE SET
		`calls` = `calls` + excluded.`calls`, `talk_sum` = `talk_sum` + excluded.`talk_sum`,
		`talk_count` = `talk_count` + excluded.`talk_count`, `handle_sum` = `handle_sum` + excluded.`handle_sum`,
		`handle_count` = `handle_count` + excluded.`handle_count`;
	INSERT INTO `call_outcome_days` (`owner_id`, `day`, `status`, `disposition`, `calls`)
	VALUES (new.`owner_id`, substr(new.`sort_at`, 1, 10), new.`status`, coalesce(new.`disposition_code`, ''), 1)
	ON CONFLICT (`owner_id`, `day`, `status`, `disposition`) DO UPDATE SET `calls` = `calls` + 1;
END;
