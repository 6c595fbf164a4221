ALTER TABLE "tombstones" DROP CONSTRAINT "tombstones_company_id_entity_id_pk";--> statement-breakpoint
ALTER TABLE "sync_clients" ADD COLUMN "max_hlc" text;--> statement-breakpoint
ALTER TABLE "sync_clients" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "sync_clients_company_hlc" ON "sync_clients" USING btree ("company_id",("max_hlc" collate "C"));--> statement-breakpoint
ALTER TABLE "tombstones" ADD CONSTRAINT "tombstones_key" UNIQUE NULLS NOT DISTINCT("company_id","entity","id","owner_id");
