-- A visit's slot (date and arrival window) merges on its own stamp, apart from its status: a
-- reschedule and a cancel made offline by two agents both keep their change. And the
-- company's choice to have Twilio transcribe voicemails (billed per minute: off by default).
ALTER TABLE "appointments" ADD COLUMN "slot_hlc" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "twilio_settings" ADD COLUMN "transcribe_recordings" boolean DEFAULT false NOT NULL;