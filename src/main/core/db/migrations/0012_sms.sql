CREATE TABLE `sms_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`status` text NOT NULL,
	`customer_number` text NOT NULL,
	`company_number` text,
	`body` text NOT NULL,
	`related_type` text,
	`related_id` text,
	`related_name` text,
	`author_id` text,
	`error_code` text,
	`error_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sms_messages_thread_idx` ON `sms_messages` (`customer_number`,`created_at`);--> statement-breakpoint
CREATE INDEX `sms_messages_related_idx` ON `sms_messages` (`related_type`,`related_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sms_read_marks` (
	`customer_number` text PRIMARY KEY NOT NULL,
	`read_through` text NOT NULL
);
