-- The guests' branches of an agent's pull (calls it takes part in without owning, and
-- their notes) walk the company's changed rows that have guests, by version, instead of
-- a GIN index: with young statistics Postgres skipped the GIN and walked every changed
-- call and note of the company (thousands per pull at 500 agents), and a GIN search
-- reads its whole pending list of recent inserts. Nothing else read these two GIN indexes.
-- The new indexes are built before the old ones are dropped: the migrations run in one
-- transaction, and a DROP INDEX holds its table's exclusive lock until the commit, so
-- dropping first would block every read of calls and notes while the builds run (a
-- CREATE INDEX only holds writes back).
CREATE INDEX "calls_guests_version" ON "calls" USING btree ("company_id","version","id") WHERE array_remove("calls"."participant_user_ids", "calls"."owner_id") <> '{}';--> statement-breakpoint
CREATE INDEX "notes_guests_version" ON "notes" USING btree ("company_id","version","id") WHERE "notes"."call_guest_ids" is not null;--> statement-breakpoint
DROP INDEX "calls_guests";--> statement-breakpoint
DROP INDEX "notes_call_guests";