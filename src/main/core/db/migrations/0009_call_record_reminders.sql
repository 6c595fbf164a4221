CREATE TABLE `teammates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`role` text DEFAULT 'agent' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE `reminders` ADD `recipient_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `reminders_recipient_pending_idx` ON `reminders` (`recipient_id`,`remind_at`) WHERE fired_at is null and dismissed_at is null;