-- What the screen pop shows about the number itself — its international display form and
-- the zone of its country when the country has exactly one — is derived from e164 ONCE,
-- when the phone row is written, instead of by libphonenumber on every ring (10–13 µs,
-- the largest part of a pop after 0005). Derivation is JavaScript (libphonenumber), not
-- SQL: every writer fills the two columns through ONE helper, phoneRowValues in
-- src/main/core/db/repositories/phones.ts. No custom SQLite function is registered for
-- it, because a connection without that function (a tool, an older build) would then
-- fail on every write to phones.
--
-- The columns are nullable on purpose: NULL means "not derived" (a row written before
-- this migration, or by a writer that did not use the helper), and the pop then derives
-- them at read time, so a missed path is slower, never wrong. Rows already in the store
-- are filled by this migration's JavaScript step (backfillPhoneNumberFacts in
-- src/main/core/db/backfills.ts), which the migrator runs after these statements in
-- the same transaction.
--
-- The values are per phone row, not per owner, so they live next to the card on the
-- card's row (caller_cards, keyed by phone id) rather than in the card JSON, which an
-- owner's numbers share; the view caller_card_source is unchanged. The pop reads them
-- with the card in the same seek.
ALTER TABLE `phones` ADD `display` text;--> statement-breakpoint
ALTER TABLE `phones` ADD `country_zone` text;--> statement-breakpoint
ALTER TABLE `caller_cards` ADD `display` text;--> statement-breakpoint
ALTER TABLE `caller_cards` ADD `country_zone` text;--> statement-breakpoint
DROP TRIGGER `caller_cards_phone_insert`;
--> statement-breakpoint
DROP TRIGGER `caller_cards_phone_update`;
--> statement-breakpoint
-- As in 0005, plus the number's facts copied from the phone row.
CREATE TRIGGER `caller_cards_phone_insert` AFTER INSERT ON `phones`
BEGIN
	INSERT INTO `caller_cards` (`phone_id`, `owner_type`, `owner_id`, `kind`, `card`, `display`, `country_zone`)
	VALUES (new.`id`, new.`owner_type`, new.`owner_id`, new.`kind`, coalesce(
		(SELECT `card` FROM `caller_cards` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id` AND `card` IS NOT NULL LIMIT 1),
		(SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`)),
		new.`display`, new.`country_zone`)
	ON CONFLICT (`phone_id`) DO UPDATE SET `owner_type` = excluded.`owner_type`, `owner_id` = excluded.`owner_id`,
		`kind` = excluded.`kind`, `card` = excluded.`card`, `display` = excluded.`display`, `country_zone` = excluded.`country_zone`;
END;
--> statement-breakpoint
CREATE TRIGGER `caller_cards_phone_update` AFTER UPDATE OF `id`, `owner_type`, `owner_id`, `kind` ON `phones`
	WHEN old.`id` IS NOT new.`id` OR old.`owner_type` IS NOT new.`owner_type` OR old.`owner_id` IS NOT new.`owner_id`
		OR old.`kind` IS NOT new.`kind`
BEGIN
	DELETE FROM `caller_cards` WHERE `phone_id` = old.`id` AND old.`id` IS NOT new.`id`;
	UPDATE `caller_cards` SET `card` = NULL WHERE `phone_id` = new.`id`;
	INSERT INTO `caller_cards` (`phone_id`, `owner_type`, `owner_id`, `kind`, `card`, `display`, `country_zone`)
	VALUES (new.`id`, new.`owner_type`, new.`owner_id`, new.`kind`, coalesce(
		(SELECT `card` FROM `caller_cards` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id` AND `card` IS NOT NULL LIMIT 1),
		(SELECT `card` FROM `caller_card_source` WHERE `owner_type` = new.`owner_type` AND `owner_id` = new.`owner_id`)),
		new.`display`, new.`country_zone`)
	ON CONFLICT (`phone_id`) DO UPDATE SET `owner_type` = excluded.`owner_type`, `owner_id` = excluded.`owner_id`,
		`kind` = excluded.`kind`, `card` = excluded.`card`, `display` = excluded.`display`, `country_zone` = excluded.`country_zone`;
END;
--> statement-breakpoint
-- The facts written or refreshed on an existing row (this migration's backfill, which runs
-- after these statements; a writer correcting them) follow onto its card row.
CREATE TRIGGER `caller_cards_phone_facts_update` AFTER UPDATE OF `display`, `country_zone` ON `phones`
	WHEN old.`display` IS NOT new.`display` OR old.`country_zone` IS NOT new.`country_zone`
BEGIN
	UPDATE `caller_cards` SET `display` = new.`display`, `country_zone` = new.`country_zone` WHERE `phone_id` = new.`id`;
END;
--> statement-breakpoint
-- A number changed in place by a writer that did not derive its facts again would show
-- the OLD number's display form: forget the stale facts instead (NULL → the pop derives
-- them), which the trigger above carries onto the card. Today every writer replaces
-- phone rows rather than editing e164; this keeps a future one from showing a wrong number.
CREATE TRIGGER `phones_facts_follow_number` AFTER UPDATE OF `e164` ON `phones`
	WHEN old.`e164` IS NOT new.`e164` AND new.`display` IS old.`display` AND new.`country_zone` IS old.`country_zone`
BEGIN
	UPDATE `phones` SET `display` = NULL, `country_zone` = NULL WHERE `id` = new.`id`;
END;
