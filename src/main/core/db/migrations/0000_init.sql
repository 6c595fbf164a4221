CREATE TABLE `call_participants` (
	`call_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`participant_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`call_id`, `position`),
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_participants_participant_idx` ON `call_participants` (`participant_id`);--> statement-breakpoint
CREATE TABLE `call_status_history` (
	`call_id` text NOT NULL,
	`seq` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`reason` text,
	`at` text NOT NULL,
	`by` text NOT NULL,
	PRIMARY KEY(`call_id`, `seq`),
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `calls` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`direction` text NOT NULL,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`planned_local` text,
	`planned_zone` text,
	`planned_utc` text,
	`actual_start` text,
	`actual_end` text,
	`duration_seconds` integer,
	`disposition_code` text,
	`outcome_text` text DEFAULT '' NOT NULL,
	`related_type` text,
	`related_id` text,
	`related_name` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`from_number` text,
	`to_number` text,
	`provider_call_id` text,
	`recording_url` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`sort_at` text GENERATED ALWAYS AS (coalesce(actual_start, planned_utc, created_at)) VIRTUAL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calls_id_unique` ON `calls` (`id`);--> statement-breakpoint
CREATE INDEX `calls_sort_idx` ON `calls` (`sort_at`);--> statement-breakpoint
CREATE INDEX `calls_related_idx` ON `calls` (`related_type`,`related_id`,`sort_at`);--> statement-breakpoint
CREATE INDEX `calls_status_sort_idx` ON `calls` (`status`,`sort_at`);--> statement-breakpoint
CREATE INDEX `calls_planned_idx` ON `calls` (`planned_utc`);--> statement-breakpoint
CREATE INDEX `calls_provider_call_idx` ON `calls` (`provider_call_id`);--> statement-breakpoint
CREATE INDEX `calls_demo_idx` ON `calls` (`is_demo`) WHERE is_demo = 1;--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`industry` text DEFAULT '' NOT NULL,
	`country` text,
	`time_zone` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `accounts_name_idx` ON `accounts` (`name`);--> statement-breakpoint
CREATE INDEX `accounts_demo_idx` ON `accounts` (`is_demo`) WHERE is_demo = 1;--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text,
	`contact_id` text,
	`number` text NOT NULL,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`priority` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `cases_account_idx` ON `cases` (`account_id`);--> statement-breakpoint
CREATE INDEX `cases_contact_idx` ON `cases` (`contact_id`);--> statement-breakpoint
CREATE INDEX `cases_number_idx` ON `cases` (`number`);--> statement-breakpoint
CREATE INDEX `cases_demo_idx` ON `cases` (`is_demo`) WHERE is_demo = 1;--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`do_not_contact` integer DEFAULT false NOT NULL,
	`do_not_contact_reason` text,
	`time_zone` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `contacts_name_idx` ON `contacts` (`last_name`,`first_name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_account_idx` ON `contacts` (`account_id`);--> statement-breakpoint
CREATE INDEX `contacts_demo_idx` ON `contacts` (`is_demo`) WHERE is_demo = 1;--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`company` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'New' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`do_not_contact` integer DEFAULT false NOT NULL,
	`do_not_contact_reason` text,
	`time_zone` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `leads_name_idx` ON `leads` (`last_name`,`first_name`);--> statement-breakpoint
CREATE INDEX `leads_demo_idx` ON `leads` (`is_demo`) WHERE is_demo = 1;--> statement-breakpoint
CREATE TABLE `opportunities` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`stage` text NOT NULL,
	`amount_cents` integer,
	`currency` text DEFAULT 'USD' NOT NULL,
	`close_date` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opportunities_account_idx` ON `opportunities` (`account_id`);--> statement-breakpoint
CREATE INDEX `opportunities_name_idx` ON `opportunities` (`name`);--> statement-breakpoint
CREATE INDEX `opportunities_demo_idx` ON `opportunities` (`is_demo`) WHERE is_demo = 1;--> statement-breakpoint
CREATE TABLE `phones` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`e164` text NOT NULL,
	`extension` text
);
--> statement-breakpoint
CREATE INDEX `phones_e164_idx` ON `phones` (`e164`);--> statement-breakpoint
CREATE INDEX `phones_owner_idx` ON `phones` (`owner_type`,`owner_id`,`position`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`call_id` text,
	`related_type` text,
	`related_id` text,
	`related_name` text,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notes_call_idx` ON `notes` (`call_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notes_related_idx` ON `notes` (`related_type`,`related_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notes_demo_idx` ON `notes` (`is_demo`) WHERE is_demo = 1;--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`offset_minutes` integer NOT NULL,
	`remind_at` text NOT NULL,
	`fired_at` text,
	`dismissed_at` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reminders_call_idx` ON `reminders` (`call_id`);--> statement-breakpoint
CREATE INDEX `reminders_pending_idx` ON `reminders` (`remind_at`) WHERE fired_at is null and dismissed_at is null;--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`subject` text NOT NULL,
	`due_at` text,
	`status` text NOT NULL,
	`priority` text DEFAULT 'Normal' NOT NULL,
	`related_type` text,
	`related_id` text,
	`related_name` text,
	`call_id` text,
	`owner_id` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tasks_related_status_idx` ON `tasks` (`related_type`,`related_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_owner_status_idx` ON `tasks` (`owner_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_status_due_idx` ON `tasks` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_call_idx` ON `tasks` (`call_id`);--> statement-breakpoint
CREATE INDEX `tasks_demo_idx` ON `tasks` (`is_demo`) WHERE is_demo = 1;--> statement-breakpoint
CREATE TABLE `outbox` (
	`mutation_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`last_mutation_id_confirmed` integer DEFAULT 0 NOT NULL,
	`cursor` text,
	`last_push_at` text,
	`last_pull_at` text,
	`last_error` text,
	`directory_cursor` text,
	CONSTRAINT "sync_state_single_row" CHECK("sync_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
