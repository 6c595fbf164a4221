CREATE TABLE `sync_base` (
	`entity` text NOT NULL,
	`id` text NOT NULL,
	`record` text NOT NULL,
	PRIMARY KEY(`entity`, `id`)
);
--> statement-breakpoint
CREATE TABLE `sync_rejections` (
	`mutation_id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`args` text,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`rejected_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `hlc` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `hlc` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `client_base` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `session` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `outbox_user_id` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `directory_phase` text DEFAULT 'idle' NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `directory_downloaded` integer DEFAULT 0 NOT NULL;