CREATE TABLE `blocked_numbers` (
	`e164` text PRIMARY KEY NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`added_by` text DEFAULT '' NOT NULL,
	`added_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `contacts` ADD `do_not_contact_since` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `do_not_contact_by` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `do_not_contact_since` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `do_not_contact_by` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `review` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `transcript` text;