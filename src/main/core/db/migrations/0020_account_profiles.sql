ALTER TABLE `accounts` ADD `customer` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `addresses` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `equipment` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `preferences` text;