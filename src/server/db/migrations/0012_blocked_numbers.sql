CREATE TABLE "blocked_numbers" (
	"company_id" text NOT NULL,
	"e164" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"added_by" text,
	"added_by_name" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "blocked_numbers_company_id_e164_pk" PRIMARY KEY("company_id","e164")
);
--> statement-breakpoint
ALTER TABLE "blocked_numbers" ADD CONSTRAINT "blocked_numbers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "review" jsonb;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "transcript" jsonb;