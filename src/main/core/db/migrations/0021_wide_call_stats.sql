-- call_stats widened (schema/analytics.ts): one row per agent and 15 minutes (Unix
-- seconds), its counts and time sums in columns by direction × status, for the calls that
-- happened only. A month is ~2,900 rows instead of ~11,000 (0019's row per direction and
-- status). Rebuilt from 0019's rows (in key order, so the grouping needs no sort); the
-- triggers are replaced first, as 0019's write the old shape. A call's share of its row is
-- added on insert and subtracted (the same upsert, negated) on delete; a row whose counts
-- reach zero goes. call_outcome_days is kept as 0019 left it.
DROP TRIGGER IF EXISTS `calls_stats_after_insert`
--> statement-breakpoint
DROP TRIGGER IF EXISTS `calls_stats_after_delete`
--> statement-breakpoint
DROP TRIGGER IF EXISTS `calls_stats_after_update`
--> statement-breakpoint
CREATE TABLE `__new_call_stats` (
	`owner_id` text NOT NULL,
	`bucket` integer NOT NULL,
	`in_held` integer NOT NULL,
	`in_missed` integer NOT NULL,
	`out_held` integer NOT NULL,
	`out_not_held` integer NOT NULL,
	`in_talk_sum` integer NOT NULL,
	`in_handle_sum` integer NOT NULL,
	`in_timed` integer NOT NULL,
	`out_talk_sum` integer NOT NULL,
	`out_handle_sum` integer NOT NULL,
	`out_timed` integer NOT NULL,
	PRIMARY KEY(`owner_id`, `bucket`)
) WITHOUT ROWID
--> statement-breakpoint
INSERT INTO `__new_call_stats` (`owner_id`, `bucket`, `in_held`, `in_missed`, `out_held`, `out_not_held`, `in_talk_sum`, `in_handle_sum`, `in_timed`, `out_talk_sum`, `out_handle_sum`, `out_timed`)
SELECT `owner_id`, unixepoch(`bucket`),
	sum(CASE WHEN `direction` = 'Inbound' AND `status` = 'Held' THEN `calls` ELSE 0 END),
	sum(CASE WHEN `direction` = 'Inbound' AND `status` = 'NotHeld' THEN `calls` ELSE 0 END),
	sum(CASE WHEN `direction` <> 'Inbound' AND `status` = 'Held' THEN `calls` ELSE 0 END),
	sum(CASE WHEN `direction` <> 'Inbound' AND `status` = 'NotHeld' THEN `calls` ELSE 0 END),
	sum(CASE WHEN `direction` = 'Inbound' THEN `talk_sum` ELSE 0 END),
	sum(CASE WHEN `direction` = 'Inbound' THEN `handle_sum` ELSE 0 END),
	sum(CASE WHEN `direction` = 'Inbound' THEN `talk_count` ELSE 0 END),
	sum(CASE WHEN `direction` <> 'Inbound' THEN `talk_sum` ELSE 0 END),
	sum(CASE WHEN `direction` <> 'Inbound' THEN `handle_sum` ELSE 0 END),
	sum(CASE WHEN `direction` <> 'Inbound' THEN `talk_count` ELSE 0 END)
FROM `call_stats` WHERE `status` IN ('Held', 'NotHeld') GROUP BY `owner_id`, `bucket`
--> statement-breakpoint
DROP TABLE `call_stats`
--> statement-breakpoint
ALTER TABLE `__new_call_stats` RENAME TO `call_stats`
--> statement-breakpoint
CREATE TRIGGER `calls_stats_after_insert` AFTER INSERT ON `calls` BEGIN
	INSERT INTO `call_stats` (`owner_id`, `bucket`, `in_held`, `in_missed`, `out_held`, `out_not_held`, `in_talk_sum`, `in_handle_sum`, `in_timed`, `out_talk_sum`, `out_handle_sum`, `out_timed`)
	SELECT o, b, i * h, i * (1 - h), (1 - i) * h, (1 - i) * (1 - h), i * t, i * hd, i * tm, (1 - i) * t, (1 - i) * hd, (1 - i) * tm
	FROM (SELECT new.`owner_id` AS o, (unixepoch(new.`sort_at`) / 900) * 900 AS b, new.`status` AS s, new.`direction` = 'Inbound' AS i,
			new.`status` = 'Held' AS h, new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL AS tm, CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN new.`duration_seconds` ELSE 0 END AS t,
			CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN new.`duration_seconds` + CASE WHEN new.`actual_end` IS NOT NULL AND new.`wrapped_up_at` IS NOT NULL THEN max(0, unixepoch(new.`wrapped_up_at`) - unixepoch(new.`actual_end`)) ELSE 0 END ELSE 0 END AS hd)
	WHERE s IN ('Held', 'NotHeld')
	ON CONFLICT (`owner_id`, `bucket`) DO UPDATE SET `in_held` = `in_held` + excluded.`in_held`, `in_missed` = `in_missed` + excluded.`in_missed`, `out_held` = `out_held` + excluded.`out_held`, `out_not_held` = `out_not_held` + excluded.`out_not_held`, `in_talk_sum` = `in_talk_sum` + excluded.`in_talk_sum`, `in_handle_sum` = `in_handle_sum` + excluded.`in_handle_sum`, `in_timed` = `in_timed` + excluded.`in_timed`, `out_talk_sum` = `out_talk_sum` + excluded.`out_talk_sum`, `out_handle_sum` = `out_handle_sum` + excluded.`out_handle_sum`, `out_timed` = `out_timed` + excluded.`out_timed`;
	INSERT INTO `call_outcome_days` (`owner_id`, `day`, `status`, `disposition`, `calls`)
	VALUES (new.`owner_id`, substr(new.`sort_at`, 1, 10), new.`status`, coalesce(new.`disposition_code`, ''), 1)
	ON CONFLICT (`owner_id`, `day`, `status`, `disposition`) DO UPDATE SET `calls` = `calls` + 1;
END
--> statement-breakpoint
CREATE TRIGGER `calls_stats_after_delete` AFTER DELETE ON `calls` BEGIN
	INSERT INTO `call_stats` (`owner_id`, `bucket`, `in_held`, `in_missed`, `out_held`, `out_not_held`, `in_talk_sum`, `in_handle_sum`, `in_timed`, `out_talk_sum`, `out_handle_sum`, `out_timed`)
	SELECT o, b, -i * h, -i * (1 - h), -(1 - i) * h, -(1 - i) * (1 - h), -i * t, -i * hd, -i * tm, -(1 - i) * t, -(1 - i) * hd, -(1 - i) * tm
	FROM (SELECT old.`owner_id` AS o, (unixepoch(old.`sort_at`) / 900) * 900 AS b, old.`status` AS s, old.`direction` = 'Inbound' AS i,
			old.`status` = 'Held' AS h, old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL AS tm, CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN old.`duration_seconds` ELSE 0 END AS t,
			CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN old.`duration_seconds` + CASE WHEN old.`actual_end` IS NOT NULL AND old.`wrapped_up_at` IS NOT NULL THEN max(0, unixepoch(old.`wrapped_up_at`) - unixepoch(old.`actual_end`)) ELSE 0 END ELSE 0 END AS hd)
	WHERE s IN ('Held', 'NotHeld')
	ON CONFLICT (`owner_id`, `bucket`) DO UPDATE SET `in_held` = `in_held` + excluded.`in_held`, `in_missed` = `in_missed` + excluded.`in_missed`, `out_held` = `out_held` + excluded.`out_held`, `out_not_held` = `out_not_held` + excluded.`out_not_held`, `in_talk_sum` = `in_talk_sum` + excluded.`in_talk_sum`, `in_handle_sum` = `in_handle_sum` + excluded.`in_handle_sum`, `in_timed` = `in_timed` + excluded.`in_timed`, `out_talk_sum` = `out_talk_sum` + excluded.`out_talk_sum`, `out_handle_sum` = `out_handle_sum` + excluded.`out_handle_sum`, `out_timed` = `out_timed` + excluded.`out_timed`;
	DELETE FROM `call_stats` WHERE `owner_id` = old.`owner_id` AND `bucket` = (unixepoch(old.`sort_at`) / 900) * 900
		AND `in_held` + `in_missed` + `out_held` + `out_not_held` = 0;
	UPDATE `call_outcome_days` SET `calls` = `calls` - 1 WHERE `owner_id` = old.`owner_id` AND `day` = substr(old.`sort_at`, 1, 10) AND `status` = old.`status` AND `disposition` = coalesce(old.`disposition_code`, '');
	DELETE FROM `call_outcome_days` WHERE `calls` = 0 AND `owner_id` = old.`owner_id` AND `day` = substr(old.`sort_at`, 1, 10) AND `status` = old.`status` AND `disposition` = coalesce(old.`disposition_code`, '');
END
--> statement-breakpoint
CREATE TRIGGER `calls_stats_after_update` AFTER UPDATE OF `owner_id`, `direction`, `status`, `disposition_code`, `duration_seconds`, `actual_start`, `actual_end`, `planned_utc`, `created_at`, `wrapped_up_at` ON `calls`
WHEN old.`owner_id` IS NOT new.`owner_id` OR old.`direction` IS NOT new.`direction` OR old.`status` IS NOT new.`status` OR old.`disposition_code` IS NOT new.`disposition_code` OR old.`duration_seconds` IS NOT new.`duration_seconds` OR old.`actual_start` IS NOT new.`actual_start` OR old.`actual_end` IS NOT new.`actual_end` OR old.`planned_utc` IS NOT new.`planned_utc` OR old.`created_at` IS NOT new.`created_at` OR old.`wrapped_up_at` IS NOT new.`wrapped_up_at`
BEGIN
	INSERT INTO `call_stats` (`owner_id`, `bucket`, `in_held`, `in_missed`, `out_held`, `out_not_held`, `in_talk_sum`, `in_handle_sum`, `in_timed`, `out_talk_sum`, `out_handle_sum`, `out_timed`)
	SELECT o, b, -i * h, -i * (1 - h), -(1 - i) * h, -(1 - i) * (1 - h), -i * t, -i * hd, -i * tm, -(1 - i) * t, -(1 - i) * hd, -(1 - i) * tm
	FROM (SELECT old.`owner_id` AS o, (unixepoch(old.`sort_at`) / 900) * 900 AS b, old.`status` AS s, old.`direction` = 'Inbound' AS i,
			old.`status` = 'Held' AS h, old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL AS tm, CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN old.`duration_seconds` ELSE 0 END AS t,
			CASE WHEN old.`status` = 'Held' AND old.`duration_seconds` IS NOT NULL THEN old.`duration_seconds` + CASE WHEN old.`actual_end` IS NOT NULL AND old.`wrapped_up_at` IS NOT NULL THEN max(0, unixepoch(old.`wrapped_up_at`) - unixepoch(old.`actual_end`)) ELSE 0 END ELSE 0 END AS hd)
	WHERE s IN ('Held', 'NotHeld')
	ON CONFLICT (`owner_id`, `bucket`) DO UPDATE SET `in_held` = `in_held` + excluded.`in_held`, `in_missed` = `in_missed` + excluded.`in_missed`, `out_held` = `out_held` + excluded.`out_held`, `out_not_held` = `out_not_held` + excluded.`out_not_held`, `in_talk_sum` = `in_talk_sum` + excluded.`in_talk_sum`, `in_handle_sum` = `in_handle_sum` + excluded.`in_handle_sum`, `in_timed` = `in_timed` + excluded.`in_timed`, `out_talk_sum` = `out_talk_sum` + excluded.`out_talk_sum`, `out_handle_sum` = `out_handle_sum` + excluded.`out_handle_sum`, `out_timed` = `out_timed` + excluded.`out_timed`;
	DELETE FROM `call_stats` WHERE `owner_id` = old.`owner_id` AND `bucket` = (unixepoch(old.`sort_at`) / 900) * 900
		AND `in_held` + `in_missed` + `out_held` + `out_not_held` = 0;
	UPDATE `call_outcome_days` SET `calls` = `calls` - 1 WHERE `owner_id` = old.`owner_id` AND `day` = substr(old.`sort_at`, 1, 10) AND `status` = old.`status` AND `disposition` = coalesce(old.`disposition_code`, '');
	DELETE FROM `call_outcome_days` WHERE `calls` = 0 AND `owner_id` = old.`owner_id` AND `day` = substr(old.`sort_at`, 1, 10) AND `status` = old.`status` AND `disposition` = coalesce(old.`disposition_code`, '');
	INSERT INTO `call_stats` (`owner_id`, `bucket`, `in_held`, `in_missed`, `out_held`, `out_not_held`, `in_talk_sum`, `in_handle_sum`, `in_timed`, `out_talk_sum`, `out_handle_sum`, `out_timed`)
	SELECT o, b, i * h, i * (1 - h), (1 - i) * h, (1 - i) * (1 - h), i * t, i * hd, i * tm, (1 - i) * t, (1 - i) * hd, (1 - i) * tm
	FROM (SELECT new.`owner_id` AS o, (unixepoch(new.`sort_at`) / 900) * 900 AS b, new.`status` AS s, new.`direction` = 'Inbound' AS i,
			new.`status` = 'Held' AS h, new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL AS tm, CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN new.`duration_seconds` ELSE 0 END AS t,
			CASE WHEN new.`status` = 'Held' AND new.`duration_seconds` IS NOT NULL THEN new.`duration_seconds` + CASE WHEN new.`actual_end` IS NOT NULL AND new.`wrapped_up_at` IS NOT NULL THEN max(0, unixepoch(new.`wrapped_up_at`) - unixepoch(new.`actual_end`)) ELSE 0 END ELSE 0 END AS hd)
	WHERE s IN ('Held', 'NotHeld')
	ON CONFLICT (`owner_id`, `bucket`) DO UPDATE SET `in_held` = `in_held` + excluded.`in_held`, `in_missed` = `in_missed` + excluded.`in_missed`, `out_held` = `out_held` + excluded.`out_held`, `out_not_held` = `out_not_held` + excluded.`out_not_held`, `in_talk_sum` = `in_talk_sum` + excluded.`in_talk_sum`, `in_handle_sum` = `in_handle_sum` + excluded.`in_handle_sum`, `in_timed` = `in_timed` + excluded.`in_timed`, `out_talk_sum` = `out_talk_sum` + excluded.`out_talk_sum`, `out_handle_sum` = `out_handle_sum` + excluded.`out_handle_sum`, `out_timed` = `out_timed` + excluded.`out_timed`;
	INSERT INTO `call_outcome_days` (`owner_id`, `day`, `status`, `disposition`, `calls`)
	VALUES (new.`owner_id`, substr(new.`sort_at`, 1, 10), new.`status`, coalesce(new.`disposition_code`, ''), 1)
	ON CONFLICT (`owner_id`, `day`, `status`, `disposition`) DO UPDATE SET `calls` = `calls` + 1;
END;
--> statement-breakpoint
-- The dashboard's partial days from an index alone (schema/calls.ts).
CREATE INDEX `calls_owner_outcome_idx` ON `calls` (`owner_id`,`sort_at`,`status`,`disposition_code`);
