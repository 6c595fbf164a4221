-- The screen pop's read model (see src/main/core/db/schema/screen-pop.ts): a caller card
-- per phone row with everything the pop shows that does not depend on the clock — the
-- owner's identity and zones, the last five calls (as participant or related record)
-- and the open tasks — as one JSON document, so a ring is two index seeks and a parse
-- instead of a dozen seeks across calls, participants, tasks and accounts.
--
-- Why triggers: cards are derived data, and they must be right whoever writes — the
-- repositories, wrap-up, the sync engine's bulk apply, demo seed and removal, a later
-- migration. Triggers keep them current inside the writing statement's transaction,
-- with no application code that a new write path could forget (the same reasoning as
-- the search index in 0001 and the phone cleanup in 0002). The rule for what a card
-- holds lives in ONE place, the view `caller_card_source`; every trigger only says
-- whose cards to rebuild from it. recursive_triggers stays off: these triggers write
-- only caller_cards, which has none.
--
-- Costs are paid on writes, which are rare next to rings: a phone row builds its
-- owner's card (or copies it from the owner's other number); a call, participant or
-- task rebuilds the cards of the people and records it touches; renaming an account
-- rebuilds its contacts' cards. An owner without phones has no card and costs nothing.
-- Writers must not use INSERT OR REPLACE on these tables (REPLACE deletes without firing
-- delete triggers, as 0001 already warns).
CREATE TABLE `caller_cards` (
	`phone_id` integer PRIMARY KEY NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`kind` text NOT NULL,
	`card` text
);
--> statement-breakpoint
CREATE INDEX `caller_cards_owner_idx` ON `caller_cards` (`owner_type`,`owner_id`);
--> statement-breakpoint
-- What a card holds, per owner. Filtering it by owner (owner_type = ? AND owner_id = ?)
-- is pushed down into each arm, so building one card is a primary-key seek plus the
-- three index walks the pop used to do on every ring. Calls: the newest five of "as
-- participant" and "as related record" (accounts: related only), ties broken by the
-- newer row; tasks: open ones, soonest due first, undated last.
CREATE VIEW `caller_card_source` AS
SELECT o.`owner_type`, o.`owner_id`, json_object(
		'name', o.`name`,
		'firstName', o.`first_name`,
		'lastName', o.`last_name`,
		'title', o.`title`,
		'account', CASE WHEN o.`account_name` IS NOT NULL THEN json_object('id', o.`account_id`, 'name', o.`account_name`) END,
		'tags', (
			SELECT json_group_array(t.`value`)
			FROM json_each(CASE WHEN json_valid(o.`tags`) THEN CASE WHEN json_type(o.`tags`) = 'array' THEN o.`tags` END END) t
			WHERE t.`type` = 'text'),
		'doNotContact', json(CASE WHEN o.`do_not_contact` THEN 'true' ELSE 'false' END),
		'doNotContactReason', o.`do_not_contact_reason`,
		'zone', o.`zone`,
		'accountZone', o.`account_zone`,
		'recentCalls', (
			SELECT json_group_array(json_object('id', k.`id`, 'direction', k.`direction`, 'status', k.`status`,
					'statusReason', k.`status_reason`, 'subject', k.`subject`, 'at', k.`sort_at`,
					'durationSeconds', k.`duration_seconds`, 'dispositionCode', k.`disposition_code`,
					'outcomeText', k.`outcome_text`) ORDER BY k.`sort_at` DESC, k.`seq` DESC)
			FROM (
				SELECT * FROM `calls` WHERE `seq` IN (
					SELECT `seq` FROM (
						SELECT pc.`seq` FROM `call_participants` p JOIN `calls` pc ON pc.`id` = p.`call_id`
						WHERE p.`participant_id` = o.`owner_id` AND o.`owner_type` <> 'account'
						ORDER BY pc.`sort_at` DESC, pc.`seq` DESC LIMIT 5)
					UNION ALL
					SELECT `seq` FROM (
						SELECT rc.`seq` FROM `calls` rc WHERE rc.`related_type` = o.`owner_type` AND rc.`related_id` = o.`owner_id`
						ORDER BY rc.`sort_at` DESC, rc.`seq` DESC LIMIT 5))
				ORDER BY `sort_at` DESC, `seq` DESC LIMIT 5) k),
		'openTasks', (
			SELECT json_group_array(json_object('id', t.`id`, 'subject', t.`subject`, 'dueAt', t.`due_at`, 'priority', t.`priority`)
					ORDER BY t.`due_at` IS NULL, t.`due_at`, t.`id`)
			FROM (
				SELECT `id`, `subject`, `due_at`, `priority` FROM `tasks`
				WHERE `related_type` = o.`owner_type` AND `related_id` = o.`owner_id` AND `status` = 'Open'
				ORDER BY `due_at` IS NULL, `due_at`, `id` LIMIT 5) t)
	) AS `card`
FROM (
	SELECT 'contact' AS `owner_type`, c.`id` AS `owner_id`, NULL AS `name`, c.`first_name`, c.`last_name`, c.`title`,
		a.`id` AS `account_id`, a.`name` AS `account_name`, c.`tags`, c.`do_not_contact`, c.`do_not_contact_reason`,
		c.`time_zone` AS `zone`, a.`time_zone` AS `account_zone`
	FROM `contacts` c LEFT JOIN `accounts` a ON a.`id` = c.`account_id`
	UNION ALL
	SELECT 'lead', l.`id`, NULL, l.`first_name`, l.`last_name`, l.`title`, NULL, nullif(l.`company`, ''), l.`tags`,
		l.`do_not_contact`, l.`do_not_contact_reason`, l.`time_zone`, NULL
	FROM `leads` l
	UNION ALL
	SELECT 'account', a.`id`, a.`name`, NULL, NULL, '', a.`id`, a.`name`, '[]', 0, NULL, a.`time_zone`, NULL
	FROM `accounts` a
) o;
--> statement-breakpoint
-- A number's row: made with the phone, copying the owner's card from its other number when it
-- has one (cheaper than building it again), gone with the phone.
CREATE TRIGGER `caller_cards_phone_insert` AFTER INSERT ON `phones`
BEGIN
	INSERT INTO `caller_cards` (`phone_id`, `owner_type`, `owner_id`, `kind`, `card`)
	VALUES (new.`id`, new.`owner_type`, new.`owner_id`, new.`kind`, coalesce(
		(SELECT `card` FROM `caller_cards` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id` AND `card` IS NOT NULL LIMIT 1),
		(SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`)))
	ON CONFLICT (`phone_id`) DO UPDATE SET `owner_type` = excluded.`owner_type`, `owner_id` = excluded.`owner_id`,
		`kind` = excluded.`kind`, `card` = excluded.`card`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_phone_update` AFTER UPDATE OF `id`, `owner_type`, `owner_id`, `kind` ON `phones`
	WHEN old.`id` IS NOT new.`id` OR old.`owner_type` IS NOT new.`owner_type` OR old.`owner_id` IS NOT new.`owner_id`
		OR old.`kind` IS NOT new.`kind`
BEGIN
	DELETE FROM `caller_cards` WHERE `phone_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = NULL WHERE `phone_id` = new.`id`;
	INSERT INTO `caller_cards` (`phone_id`, `owner_type`, `owner_id`, `kind`, `card`)
	VALUES (new.`id`, new.`owner_type`, new.`owner_id`, new.`kind`, coalesce(
		(SELECT `card` FROM `caller_cards` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id` AND `card` IS NOT NULL LIMIT 1),
		(SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`)))
	ON CONFLICT (`phone_id`) DO UPDATE SET `owner_type` = excluded.`owner_type`, `owner_id` = excluded.`owner_id`,
		`kind` = excluded.`kind`, `card` = excluded.`card`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_phone_delete` AFTER DELETE ON `phones`
BEGIN
	DELETE FROM `caller_cards` WHERE `phone_id` = old.`id`;
END;
--> statement-breakpoint
-- A contact's own fields (a deleted contact leaves no card: its phones go by migration 0002's trigger).
CREATE TRIGGER `caller_cards_contact_insert` AFTER INSERT ON `contacts`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_contact_update` AFTER UPDATE OF `id`, `account_id`, `first_name`, `last_name`, `title`, `tags`, `do_not_contact`, `do_not_contact_reason`, `time_zone` ON `contacts`
	WHEN old.`id` IS NOT new.`id` OR old.`account_id` IS NOT new.`account_id` OR old.`first_name` IS NOT new.`first_name`
		OR old.`last_name` IS NOT new.`last_name` OR old.`title` IS NOT new.`title` OR old.`tags` IS NOT new.`tags`
		OR old.`do_not_contact` IS NOT new.`do_not_contact` OR old.`do_not_contact_reason` IS NOT new.`do_not_contact_reason` OR old.`time_zone` IS NOT new.`time_zone`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_contact_delete` AFTER DELETE ON `contacts`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = old.`id`;
END;
--> statement-breakpoint
-- A lead's own fields (a deleted lead leaves no card: its phones go by migration 0002's trigger).
CREATE TRIGGER `caller_cards_lead_insert` AFTER INSERT ON `leads`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_lead_update` AFTER UPDATE OF `id`, `company`, `first_name`, `last_name`, `title`, `tags`, `do_not_contact`, `do_not_contact_reason`, `time_zone` ON `leads`
	WHEN old.`id` IS NOT new.`id` OR old.`company` IS NOT new.`company` OR old.`first_name` IS NOT new.`first_name`
		OR old.`last_name` IS NOT new.`last_name` OR old.`title` IS NOT new.`title` OR old.`tags` IS NOT new.`tags`
		OR old.`do_not_contact` IS NOT new.`do_not_contact` OR old.`do_not_contact_reason` IS NOT new.`do_not_contact_reason` OR old.`time_zone` IS NOT new.`time_zone`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_lead_delete` AFTER DELETE ON `leads`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = old.`id`;
END;
--> statement-breakpoint
-- An account's name and zone are on its contacts' cards too.
CREATE TRIGGER `caller_cards_account_insert` AFTER INSERT ON `accounts`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'account' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'account' AND `owner_id` = new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` = 'contact'
		AND `owner_id` IN (SELECT `id` FROM `contacts` WHERE `account_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_account_update` AFTER UPDATE OF `id`, `name`, `time_zone` ON `accounts`
	WHEN old.`id` IS NOT new.`id` OR old.`name` IS NOT new.`name` OR old.`time_zone` IS NOT new.`time_zone`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'account' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'account' AND `owner_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'account' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'account' AND `owner_id` = new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` = 'contact'
		AND `owner_id` IN (SELECT `id` FROM `contacts` WHERE `account_id` = old.`id`)
		AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` = 'contact'
		AND `owner_id` IN (SELECT `id` FROM `contacts` WHERE `account_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_account_delete` AFTER DELETE ON `accounts`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'account' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'account' AND `owner_id` = old.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` = 'contact'
		AND `owner_id` IN (SELECT `id` FROM `contacts` WHERE `account_id` = old.`id`);
END;
--> statement-breakpoint
-- A call is on the cards of its related record and of its participants.
CREATE TRIGGER `caller_cards_call_insert` AFTER INSERT ON `calls`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`)
	WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` IN ('contact', 'lead')
		AND `owner_id` IN (SELECT `participant_id` FROM `call_participants` WHERE `call_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_call_update` AFTER UPDATE OF `id`, `direction`, `subject`, `status`, `status_reason`, `planned_utc`, `actual_start`, `created_at`, `duration_seconds`, `disposition_code`, `outcome_text`, `related_type`, `related_id` ON `calls`
	WHEN old.`id` IS NOT new.`id` OR old.`direction` IS NOT new.`direction` OR old.`subject` IS NOT new.`subject`
		OR old.`status` IS NOT new.`status` OR old.`status_reason` IS NOT new.`status_reason` OR old.`planned_utc` IS NOT new.`planned_utc`
		OR old.`actual_start` IS NOT new.`actual_start` OR old.`created_at` IS NOT new.`created_at` OR old.`duration_seconds` IS NOT new.`duration_seconds`
		OR old.`disposition_code` IS NOT new.`disposition_code` OR old.`outcome_text` IS NOT new.`outcome_text` OR old.`related_type` IS NOT new.`related_type`
		OR old.`related_id` IS NOT new.`related_id`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`)
	WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`
		AND (old.`related_type` IS NOT new.`related_type` OR old.`related_id` IS NOT new.`related_id`);
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`)
	WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` IN ('contact', 'lead')
		AND `owner_id` IN (SELECT `participant_id` FROM `call_participants` WHERE `call_id` = old.`id`)
		AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` IN ('contact', 'lead')
		AND `owner_id` IN (SELECT `participant_id` FROM `call_participants` WHERE `call_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_call_delete` AFTER DELETE ON `calls`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`)
	WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` IN ('contact', 'lead')
		AND `owner_id` IN (SELECT `participant_id` FROM `call_participants` WHERE `call_id` = old.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_participant_insert` AFTER INSERT ON `call_participants`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` IN ('contact', 'lead') AND `owner_id` = new.`participant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_participant_update` AFTER UPDATE OF `call_id`, `participant_id` ON `call_participants`
	WHEN old.`call_id` IS NOT new.`call_id` OR old.`participant_id` IS NOT new.`participant_id`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` IN ('contact', 'lead') AND `owner_id` = old.`participant_id` AND old.`participant_id` IS NOT new.`participant_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` IN ('contact', 'lead') AND `owner_id` = new.`participant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_participant_delete` AFTER DELETE ON `call_participants`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = `caller_cards`.`owner_type` AND s.`owner_id` = `caller_cards`.`owner_id`)
	WHERE `owner_type` IN ('contact', 'lead') AND `owner_id` = old.`participant_id`;
END;
--> statement-breakpoint
-- A task is on its related record's card.
CREATE TRIGGER `caller_cards_task_insert` AFTER INSERT ON `tasks`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`)
	WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_task_update` AFTER UPDATE OF `id`, `subject`, `due_at`, `status`, `priority`, `related_type`, `related_id` ON `tasks`
	WHEN old.`id` IS NOT new.`id` OR old.`subject` IS NOT new.`subject` OR old.`due_at` IS NOT new.`due_at`
		OR old.`status` IS NOT new.`status` OR old.`priority` IS NOT new.`priority` OR old.`related_type` IS NOT new.`related_type`
		OR old.`related_id` IS NOT new.`related_id`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`)
	WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`
		AND (old.`related_type` IS NOT new.`related_type` OR old.`related_id` IS NOT new.`related_id`);
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`)
	WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_task_delete` AFTER DELETE ON `tasks`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`)
	WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`;
END;
--> statement-breakpoint
-- Backfill: every existing number gets its card.
INSERT INTO `caller_cards` (`phone_id`, `owner_type`, `owner_id`, `kind`, `card`)
SELECT p.`id`, p.`owner_type`, p.`owner_id`, p.`kind`,
	(SELECT s.`card` FROM `caller_card_source` s WHERE s.`owner_type` = p.`owner_type` AND s.`owner_id` = p.`owner_id`)
FROM `phones` p;
