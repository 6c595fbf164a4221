ALTER TABLE "refresh_tokens" ADD COLUMN "parent_id" text;--> statement-breakpoint
CREATE INDEX "refresh_tokens_parent" ON "refresh_tokens" USING btree ("parent_id");