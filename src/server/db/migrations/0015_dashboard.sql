ALTER TABLE "calls" ADD COLUMN "wrapped_up_at" timestamp with time zone;--> statement-breakpoint
-- The dashboard's team query reads a company's month from this index alone (an
-- index-only scan: no heap visit per call), grouped by 15-minute buckets in SQL.
CREATE INDEX IF NOT EXISTS "calls_dashboard" ON "calls" USING btree ("company_id","occurred_at") INCLUDE ("owner_id","direction","status","disposition_code","duration_seconds","actual_end","wrapped_up_at");
