CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`contact_id` text NOT NULL,
	`call_id` text,
	`date` text NOT NULL,
	`window_from` text NOT NULL,
	`window_until` text NOT NULL,
	`time_zone` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`address` text,
	`service_type` text NOT NULL,
	`technician_notes` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`booked_by` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `appointments_contact_idx` ON `appointments` (`contact_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_created_idx` ON `appointments` (`created_at`);--> statement-breakpoint
CREATE INDEX `appointments_call_idx` ON `appointments` (`call_id`);--> statement-breakpoint
CREATE INDEX `appointments_demo_idx` ON `appointments` (`is_demo`) WHERE is_demo = 1;--> statement-breakpoint
ALTER TABLE `contacts` ADD `customer` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `addresses` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `equipment` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `preferences` text;--> statement-breakpoint
ALTER TABLE `notes` ADD `category` text DEFAULT 'general' NOT NULL;