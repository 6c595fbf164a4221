CREATE TABLE "accounts" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"field_hlc" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "accounts_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"direction" text NOT NULL,
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"planned_start" jsonb,
	"actual_start" timestamp with time zone,
	"actual_end" timestamp with time zone,
	"duration_seconds" integer,
	"occurred_at" timestamp with time zone NOT NULL,
	"disposition_code" text,
	"outcome_text" text DEFAULT '' NOT NULL,
	"participants" jsonb NOT NULL,
	"participant_user_ids" text[] NOT NULL,
	"related_type" text,
	"related_id" text,
	"related_name" text,
	"owner_id" text NOT NULL,
	"team_id" text,
	"from_number" text,
	"to_number" text,
	"provider_call_id" text,
	"recording_url" text,
	"history" jsonb NOT NULL,
	"field_hlc" jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "calls_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"field_hlc" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "cases_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"horizon" bigint DEFAULT 0 NOT NULL,
	"max_hlc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"field_hlc" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "contacts_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_phones" (
	"company_id" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"e164" text NOT NULL,
	CONSTRAINT "directory_phones_company_id_entity_entity_id_e164_pk" PRIMARY KEY("company_id","entity","entity_id","e164")
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"field_hlc" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "leads_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"body" text NOT NULL,
	"call_id" text,
	"related_type" text,
	"related_id" text,
	"related_name" text,
	"author_id" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "notes_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"field_hlc" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "opportunities_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"family_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refresh_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"call_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"offset_minutes" integer NOT NULL,
	"remind_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"dismissed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "reminders_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "sync_clients" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"user_id" text NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_rejections" (
	"client_id" text NOT NULL,
	"mutation_id" bigint NOT NULL,
	"company_id" text NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"rejected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_rejections_client_id_mutation_id_pk" PRIMARY KEY("client_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"subject" text NOT NULL,
	"due_at" timestamp with time zone,
	"status" text NOT NULL,
	"priority" text NOT NULL,
	"related" jsonb,
	"call_id" text,
	"owner_id" text NOT NULL,
	"created_by" text NOT NULL,
	"field_hlc" jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "tasks_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "tombstones" (
	"company_id" text NOT NULL,
	"entity" text NOT NULL,
	"id" text NOT NULL,
	"owner_id" text,
	"deleted_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "tombstones_company_id_entity_id_pk" PRIMARY KEY("company_id","entity","id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_version" ON "accounts" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "calls_version" ON "calls" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "calls_occurred" ON "calls" USING btree ("company_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "calls_owner_occurred" ON "calls" USING btree ("company_id","owner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "calls_participant_users" ON "calls" USING gin ("participant_user_ids");--> statement-breakpoint
CREATE INDEX "calls_related" ON "calls" USING btree ("company_id","related_type","related_id");--> statement-breakpoint
CREATE INDEX "cases_version" ON "cases" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "contacts_version" ON "contacts" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "directory_phones_lookup" ON "directory_phones" USING btree ("company_id","e164");--> statement-breakpoint
CREATE INDEX "leads_version" ON "leads" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "notes_version" ON "notes" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "notes_call" ON "notes" USING btree ("company_id","call_id");--> statement-breakpoint
CREATE INDEX "opportunities_version" ON "opportunities" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "reminders_version" ON "reminders" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "tasks_version" ON "tasks" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "tombstones_version" ON "tombstones" USING btree ("company_id","version","entity","id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_company_email" ON "users" USING btree ("company_id","email");