-- The call's tags as an add-wins observed-remove set (shared/domain/tag-set.ts); null until first tagged.
ALTER TABLE "calls" ADD COLUMN "tag_set" jsonb;
