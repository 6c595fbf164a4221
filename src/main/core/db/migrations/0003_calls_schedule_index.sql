DROP INDEX `calls_planned_idx`;--> statement-breakpoint
CREATE INDEX `calls_schedule_idx` ON `calls` (("planned_utc" is null),`planned_utc`);