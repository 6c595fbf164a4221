CREATE TABLE "appointments" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"contact_id" text NOT NULL,
	"call_id" text,
	"starts_at" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"status_hlc" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "appointments_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "category" text DEFAULT 'general' NOT NULL;--> statement-breakpoint
CREATE INDEX "appointments_version" ON "appointments" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "appointments_contact" ON "appointments" USING btree ("company_id","contact_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_created" ON "appointments" USING btree ("company_id","created_at");