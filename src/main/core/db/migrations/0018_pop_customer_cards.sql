-- The customer part of the screen pop joins the caller card (0005), so a ring is again
-- one read: since customer profiles and visits (0016) every contact match made a second
-- statement (its profile columns and a seek for the next visit), and the pop's cost went
-- from about 2x a bare point lookup of the number to about 12x. The card now also holds
-- the profile (type and status, the primary address with its access notes, the
-- equipment, the preferences) and the customer's scheduled visits.
--
-- "The next visit" depends on the clock, which a card must not: the card holds the five
-- LATEST scheduled visits (newest first) and the pop picks the earliest whose window has
-- not ended. Visits left "scheduled" after they happened therefore never crowd out the
-- coming ones; only a customer with more than five scheduled visits (`moreVisits`) makes
-- the pop read the appointments as before. Triggers on appointments keep it current,
-- whoever writes (the one write path, the sync engine's apply, demo seed and removal).
--
-- Also here: a visit remembers the slot it was moved from and why (appointment.reschedule).
ALTER TABLE `appointments` ADD `rescheduled_from` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `reschedule_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
DROP VIEW `caller_card_source`;
--> statement-breakpoint
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
				ORDER BY `due_at` IS NULL, `due_at`, `id` LIMIT 5) t),
		'customer', CASE WHEN json_valid(o.`customer`) THEN json(o.`customer`) END,
		-- json() outside the subquery: a value's JSON subtype does not cross a subquery's edge.
		'primaryAddress', json((
			SELECT a.`value`
			FROM json_each(CASE WHEN json_valid(o.`addresses`) THEN CASE WHEN json_type(o.`addresses`) = 'array' THEN o.`addresses` END END) a
			WHERE a.`type` = 'object'
			ORDER BY CASE WHEN json_extract(a.`value`, '$.primary') THEN 0 ELSE 1 END, a.`key` LIMIT 1)),
		'equipment', json(CASE WHEN json_valid(o.`equipment`) THEN CASE WHEN json_type(o.`equipment`) = 'array' THEN o.`equipment` END ELSE '[]' END),
		'preferences', CASE WHEN json_valid(o.`preferences`) THEN json(o.`preferences`) END,
		'visits', json((
			SELECT json_group_array(json_object('id', v.`id`, 'date', v.`date`, 'windowFrom', v.`window_from`,
					'windowUntil', v.`window_until`, 'timeZone', v.`time_zone`, 'serviceType', v.`service_type`,
					'startsAt', v.`starts_at`, 'endsAt', v.`ends_at`) ORDER BY v.`starts_at` DESC, v.`id` DESC)
			FROM (
				SELECT * FROM `appointments`
				WHERE `contact_id` = o.`owner_id` AND o.`owner_type` = 'contact' AND `status` = 'scheduled'
				ORDER BY `starts_at` DESC, `id` DESC LIMIT 5) v)),
		'moreVisits', json(CASE WHEN (
			SELECT count(*) FROM (
				SELECT 1 FROM `appointments`
				WHERE `contact_id` = o.`owner_id` AND o.`owner_type` = 'contact' AND `status` = 'scheduled' LIMIT 6)) > 5
			THEN 'true' ELSE 'false' END)
	) AS `card`
FROM (
	SELECT 'contact' AS `owner_type`, c.`id` AS `owner_id`, NULL AS `name`, c.`first_name`, c.`last_name`, c.`title`,
		a.`id` AS `account_id`, a.`name` AS `account_name`, c.`tags`, c.`do_not_contact`, c.`do_not_contact_reason`,
		c.`time_zone` AS `zone`, a.`time_zone` AS `account_zone`,
		c.`customer`, c.`addresses`, c.`equipment`, c.`preferences`
	FROM `contacts` c LEFT JOIN `accounts` a ON a.`id` = c.`account_id`
	UNION ALL
	SELECT 'lead', l.`id`, NULL, l.`first_name`, l.`last_name`, l.`title`, NULL, nullif(l.`company`, ''), l.`tags`,
		l.`do_not_contact`, l.`do_not_contact_reason`, l.`time_zone`, NULL, NULL, NULL, NULL, NULL
	FROM `leads` l
	UNION ALL
	SELECT 'account', a.`id`, a.`name`, NULL, NULL, '', a.`id`, a.`name`, '[]', 0, NULL, a.`time_zone`, NULL, NULL, NULL, NULL, NULL
	FROM `accounts` a
) o;;
--> statement-breakpoint
DROP TRIGGER `caller_cards_contact_update`;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_contact_update` AFTER UPDATE OF `id`, `account_id`, `first_name`, `last_name`, `title`, `tags`, `do_not_contact`, `do_not_contact_reason`, `time_zone`, `customer`, `addresses`, `equipment`, `preferences` ON `contacts`
	WHEN old.`id` IS NOT new.`id` OR old.`account_id` IS NOT new.`account_id` OR old.`first_name` IS NOT new.`first_name`
		OR old.`last_name` IS NOT new.`last_name` OR old.`title` IS NOT new.`title` OR old.`tags` IS NOT new.`tags`
		OR old.`do_not_contact` IS NOT new.`do_not_contact` OR old.`do_not_contact_reason` IS NOT new.`do_not_contact_reason` OR old.`time_zone` IS NOT new.`time_zone`
		OR old.`customer` IS NOT new.`customer` OR old.`addresses` IS NOT new.`addresses` OR old.`equipment` IS NOT new.`equipment`
		OR old.`preferences` IS NOT new.`preferences`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = old.`id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = new.`id`;
END;
--> statement-breakpoint
-- A visit is on its customer's cards.
CREATE TRIGGER `caller_cards_appointment_insert` AFTER INSERT ON `appointments`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = new.`contact_id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = new.`contact_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_appointment_update` AFTER UPDATE OF `id`, `contact_id`, `date`, `window_from`, `window_until`, `time_zone`, `starts_at`, `ends_at`, `service_type`, `status` ON `appointments`
	WHEN old.`id` IS NOT new.`id` OR old.`contact_id` IS NOT new.`contact_id` OR old.`date` IS NOT new.`date`
		OR old.`window_from` IS NOT new.`window_from` OR old.`window_until` IS NOT new.`window_until` OR old.`time_zone` IS NOT new.`time_zone`
		OR old.`starts_at` IS NOT new.`starts_at` OR old.`ends_at` IS NOT new.`ends_at` OR old.`service_type` IS NOT new.`service_type`
		OR old.`status` IS NOT new.`status`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = old.`contact_id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = old.`contact_id` AND old.`contact_id` IS NOT new.`contact_id`;
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = new.`contact_id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = new.`contact_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_appointment_delete` AFTER DELETE ON `appointments`
BEGIN
	UPDATE `caller_cards` SET `card` = (
		SELECT `card` FROM `caller_card_source` WHERE `owner_type` = 'contact' AND `owner_id` = old.`contact_id`)
	WHERE `owner_type` = 'contact' AND `owner_id` = old.`contact_id`;
END;
--> statement-breakpoint
-- Backfill: the cards of customers and of contacts with visits (every other card reads as
-- "no profile, no visits" without the new keys). The IN filter is pushed into the view (0006).
UPDATE `caller_cards` SET `card` = s.`card`
FROM (SELECT `owner_type`, `owner_id`, `card` FROM `caller_card_source`
	WHERE `owner_type` = 'contact'
	AND `owner_id` IN (SELECT `id` FROM `contacts` WHERE `customer` IS NOT NULL UNION SELECT `contact_id` FROM `appointments`)) AS s
WHERE `caller_cards`.`owner_type` = s.`owner_type` AND `caller_cards`.`owner_id` = s.`owner_id`;
