CREATE TABLE "agent_presence" (
	"company_id" text NOT NULL,
	"user_id" text NOT NULL,
	"availability" text NOT NULL,
	"hlc" text NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agent_presence_company_id_user_id_pk" PRIMARY KEY("company_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "twilio_conferences" (
	"company_id" text NOT NULL,
	"call_id" text NOT NULL,
	"name" text NOT NULL,
	"conference_sid" text,
	"customer_call_sid" text,
	"agent_call_sid" text,
	"agent_user_id" text NOT NULL,
	"on_hold" boolean DEFAULT false NOT NULL,
	"transfer" jsonb,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "twilio_conferences_company_id_call_id_pk" PRIMARY KEY("company_id","call_id")
);
--> statement-breakpoint
CREATE TABLE "twilio_legs" (
	"company_id" text NOT NULL,
	"call_sid" text NOT NULL,
	"parent_call_sid" text,
	"call_id" text NOT NULL,
	"role" text NOT NULL,
	"user_id" text,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "twilio_legs_company_id_call_sid_pk" PRIMARY KEY("company_id","call_sid")
);
--> statement-breakpoint
CREATE TABLE "twilio_recordings" (
	"company_id" text NOT NULL,
	"call_id" text NOT NULL,
	"recording_sid" text NOT NULL,
	"media_url" text NOT NULL,
	"duration_seconds" integer,
	"kind" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "twilio_recordings_company_id_call_id_pk" PRIMARY KEY("company_id","call_id")
);
--> statement-breakpoint
CREATE TABLE "twilio_settings" (
	"company_id" text PRIMARY KEY NOT NULL,
	"account_sid" text NOT NULL,
	"auth_token_enc" text NOT NULL,
	"api_key_sid" text NOT NULL,
	"api_secret_enc" text NOT NULL,
	"twiml_app_sid" text NOT NULL,
	"numbers" text[] NOT NULL,
	"caller_id" text NOT NULL,
	"edge" text DEFAULT 'roaming' NOT NULL,
	"record_calls" boolean DEFAULT false NOT NULL,
	"publish_insights" boolean DEFAULT false NOT NULL,
	"ring_seconds" integer DEFAULT 25 NOT NULL,
	"voicemail_greeting" text NOT NULL,
	"blocked_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "twilio_settings" ADD CONSTRAINT "twilio_settings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "twilio_legs_call" ON "twilio_legs" USING btree ("company_id","call_id");--> statement-breakpoint
CREATE INDEX "twilio_settings_account" ON "twilio_settings" USING btree ("account_sid");