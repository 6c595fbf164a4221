import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The screen pop's read model: one row per phone number row (`phones.id`), holding the
 * number's owner and that owner's caller card — identity, zones, last five calls and
 * open tasks as one JSON document (see src/main/core/lookup/caller-card.ts for its
 * shape). Written ONLY by triggers (migration 0005_screen_pop_cards explains why);
 * application code reads it and never writes it.
 *
 * Keyed by the phone row rather than by the owner so that a ring costs what reading the
 * number costs: phones_e164_idx gives the phone id, the card is one integer-key seek
 * away. An owner with two numbers has its card twice; an owner with none has no card.
 * `card` is NULL while the owner does not exist (a phone row written before its owner).
 */
export const callerCards = sqliteTable(
  'caller_cards',
  {
    phoneId: integer('phone_id').primaryKey(),
    ownerType: text('owner_type', { enum: ['contact', 'lead', 'account'] }).notNull(),
    ownerId: text('owner_id').notNull(),
    kind: text('kind').notNull(),
    card: text('card'),
    // Copied from the phone row by triggers (migration 0007): what the pop shows about the
    // number itself, read with the card instead of parsing the number on every ring.
    display: text('display'),
    countryZone: text('country_zone'),
  },
  (t) => [index('caller_cards_owner_idx').on(t.ownerType, t.ownerId)],
);
