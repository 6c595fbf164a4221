CREATE TABLE "company_settings" (
	"company_id" text PRIMARY KEY NOT NULL,
	"business_hours" jsonb,
	"new_caller_profiles" boolean DEFAULT true NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
