-- Fixes migration 0005's triggers that rebuild SEVERAL owners' cards (an account's
-- contacts, a call's participants, a participant's contact-or-lead): 0005 filtered the
-- view `caller_card_source` with a correlated condition (s.owner_id = caller_cards.owner_id),
-- which SQLite cannot push into the view's UNION ALL, so every such write built the card
-- of EVERY contact, lead and account (O(directory) per call: a 1,000,000-call bulk load
-- did not finish). Here the owners are named by an uncorrelated filter (a literal type
-- and an IN list of ids), which SQLite pushes into each arm as primary-key seeks; the
-- rebuilt cards are applied with UPDATE … FROM. What the triggers rebuild is unchanged.
DROP TRIGGER `caller_cards_account_insert`;
--> statement-breakpoint
DROP TRIGGER `caller_cards_account_update`;
--> statement-breakpoint
DROP TRIGGER `caller_cards_account_delete`;
--> statement-breakpoint
DROP TRIGGER `caller_cards_call_insert`;
--> statement-breakpoint
DROP TRIGGER `caller_cards_call_update`;
--> statement-breakpoint
DROP TRIGGER `caller_cards_call_delete`;
--> statement-breakpoint
DROP TRIGGER `caller_cards_participant_insert`;
--> statement-breakpoint
DROP TRIGGER `caller_cards_participant_update`;
--> statement-breakpoint
DROP TRIGGER `caller_cards_participant_delete`;
--> statement-breakpoint
-- An account's name and zone are on its contacts' cards too.
CREATE TRIGGER `caller_cards_account_insert` AFTER INSERT ON `accounts`
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
CREATE TRIGGER `caller_cards_account_update` AFTER UPDATE OF `id`, `name`, `time_zone` ON `accounts`
	WHEN old.`id` IS NOT new.`id` OR old.`name` IS NOT new.`name` OR old.`time_zone` IS NOT new.`time_zone`
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
CREATE TRIGGER `caller_cards_account_delete` AFTER DELETE ON `accounts`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'account' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'account' AND `owner_id` = old.`id`;
	UPDATE `caller_cards` SET `card` = s.`card`
	FROM (SELECT `owner_type`, `owner_id`, `card` FROM `caller_card_source`
		WHERE `owner_type` = 'contact'
		AND `owner_id` IN (SELECT `id` FROM `contacts` WHERE `account_id` = old.`id`)) AS s
	WHERE `caller_cards`.`owner_type` = s.`owner_type` AND `caller_cards`.`owner_id` = s.`owner_id`;
END;
--> statement-breakpoint
-- A call is on the cards of its related record and of its participants.
CREATE TRIGGER `caller_cards_call_insert` AFTER INSERT ON `calls`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`)
	WHERE `owner_type` = new.`related_type` AND `owner_id` = new.`related_id`;
	UPDATE `caller_cards` SET `card` = s.`card`
	FROM (SELECT `owner_type`, `owner_id`, `card` FROM `caller_card_source`
		WHERE `owner_type` IN ('contact', 'lead')
		AND `owner_id` IN (SELECT `participant_id` FROM `call_participants` WHERE `call_id` = new.`id`)) AS s
	WHERE `caller_cards`.`owner_type` = s.`owner_type` AND `caller_cards`.`owner_id` = s.`owner_id`;
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
	UPDATE `caller_cards` SET `card` = s.`card`
	FROM (SELECT `owner_type`, `owner_id`, `card` FROM `caller_card_source`
		WHERE `owner_type` IN ('contact', 'lead')
		AND `owner_id` IN (SELECT `participant_id` FROM `call_participants` WHERE `call_id` = old.`id`)
		AND old.`id` IS NOT new.`id`) AS s
	WHERE `caller_cards`.`owner_type` = s.`owner_type` AND `caller_cards`.`owner_id` = s.`owner_id`;
	UPDATE `caller_cards` SET `card` = s.`card`
	FROM (SELECT `owner_type`, `owner_id`, `card` FROM `caller_card_source`
		WHERE `owner_type` IN ('contact', 'lead')
		AND `owner_id` IN (SELECT `participant_id` FROM `call_participants` WHERE `call_id` = new.`id`)) AS s
	WHERE `caller_cards`.`owner_type` = s.`owner_type` AND `caller_cards`.`owner_id` = s.`owner_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_call_delete` AFTER DELETE ON `calls`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`)
	WHERE `owner_type` = old.`related_type` AND `owner_id` = old.`related_id`;
	UPDATE `caller_cards` SET `card` = s.`card`
	FROM (SELECT `owner_type`, `owner_id`, `card` FROM `caller_card_source`
		WHERE `owner_type` IN ('contact', 'lead')
		AND `owner_id` IN (SELECT `participant_id` FROM `call_participants` WHERE `call_id` = old.`id`)) AS s
	WHERE `caller_cards`.`owner_type` = s.`owner_type` AND `caller_cards`.`owner_id` = s.`owner_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_participant_insert` AFTER INSERT ON `call_participants`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = new.`participant_id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = new.`participant_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = new.`participant_id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = new.`participant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_participant_update` AFTER UPDATE OF `call_id`, `participant_id` ON `call_participants`
	WHEN old.`call_id` IS NOT new.`call_id` OR old.`participant_id` IS NOT new.`participant_id`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = old.`participant_id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = old.`participant_id` AND old.`participant_id` IS NOT new.`participant_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = old.`participant_id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = old.`participant_id` AND old.`participant_id` IS NOT new.`participant_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = new.`participant_id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = new.`participant_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = new.`participant_id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = new.`participant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_participant_delete` AFTER DELETE ON `call_participants`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = old.`participant_id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = old.`participant_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'lead' AND `owner_id` = old.`participant_id`)
	WHERE `owner_type` = 'lead' AND `owner_id` = old.`participant_id`;
END;
