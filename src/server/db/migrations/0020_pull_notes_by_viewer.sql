ALTER TABLE "notes" ADD COLUMN "call_owner_id" text;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "call_guest_ids" text[];--> statement-breakpoint
CREATE INDEX "notes_call_owner_version" ON "notes" USING btree ("company_id","call_owner_id","version","id");--> statement-breakpoint
CREATE INDEX "notes_unlinked_version" ON "notes" USING btree ("company_id","version","id") WHERE "notes"."call_id" is null;--> statement-breakpoint
CREATE INDEX "notes_call_guests" ON "notes" USING gin ("call_guest_ids") WHERE "notes"."call_guest_ids" is not null;--> statement-breakpoint
-- Who sees a note's call, on the note (an agent's pull selects its notes by index). The
-- existing notes take it from their calls once; the triggers keep it from then on.
UPDATE "notes" SET "call_owner_id" = c."owner_id",
  "call_guest_ids" = nullif(array_remove(c."participant_user_ids", c."owner_id"), '{}')
  FROM "calls" c WHERE c."company_id" = "notes"."company_id" AND c."id" = "notes"."call_id";--> statement-breakpoint
-- A note copies its call's viewers as it is written. FOR SHARE: a reassignment of the call
-- committing meanwhile either waits for this note's transaction (and its update of the
-- call's notes then sees this note) or has committed first (and the lock reads its owner),
-- so a note never keeps viewers its call no longer has.
CREATE FUNCTION "notes_call_viewers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.call_id IS NULL THEN
    NEW.call_owner_id := NULL;
    NEW.call_guest_ids := NULL;
  ELSE
    SELECT c.owner_id, nullif(array_remove(c.participant_user_ids, c.owner_id), '{}')
      INTO NEW.call_owner_id, NEW.call_guest_ids
      FROM calls c WHERE c.company_id = NEW.company_id AND c.id = NEW.call_id FOR SHARE;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "notes_call_viewers" BEFORE INSERT OR UPDATE OF "call_id" ON "notes"
  FOR EACH ROW EXECUTE FUNCTION "notes_call_viewers"();--> statement-breakpoint
-- A call whose owner or participants change passes them on to its notes, in the same
-- transaction, so every snapshot sees a note's viewers as its call's (the rule the
-- pull's EXISTS on calls applied before). The notes' versions do not move, as before.
CREATE FUNCTION "calls_note_viewers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE notes SET call_owner_id = NEW.owner_id,
    call_guest_ids = nullif(array_remove(NEW.participant_user_ids, NEW.owner_id), '{}')
    WHERE company_id = NEW.company_id AND call_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "calls_note_viewers" AFTER UPDATE OF "owner_id", "participant_user_ids" ON "calls"
  FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id
    OR OLD.participant_user_ids IS DISTINCT FROM NEW.participant_user_ids)
  EXECUTE FUNCTION "calls_note_viewers"();
