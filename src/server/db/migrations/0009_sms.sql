CREATE TABLE "sms_messages" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"customer_number" text NOT NULL,
	"company_number" text,
	"body" text NOT NULL,
	"related_type" text,
	"related_id" text,
	"related_name" text,
	"author_id" text,
	"message_sid" text,
	"error_code" text,
	"error_reason" text,
	"dispatch" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "sms_messages_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "sms_opt_outs" (
	"company_id" text NOT NULL,
	"e164" text NOT NULL,
	"keyword" text NOT NULL,
	"opted_out_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sms_opt_outs_company_id_e164_pk" PRIMARY KEY("company_id","e164")
);
--> statement-breakpoint
CREATE TABLE "sms_settings" (
	"company_id" text PRIMARY KEY NOT NULL,
	"quiet_start" text NOT NULL,
	"quiet_end" text NOT NULL,
	"help_text" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_templates" (
	"company_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sms_templates_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE INDEX "sms_messages_version" ON "sms_messages" USING btree ("company_id","version","id");--> statement-breakpoint
CREATE INDEX "sms_messages_thread" ON "sms_messages" USING btree ("company_id","customer_number","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sms_messages_sid" ON "sms_messages" USING btree ("company_id","message_sid");--> statement-breakpoint
CREATE INDEX "sms_messages_dispatch" ON "sms_messages" USING btree ("company_id","dispatch");