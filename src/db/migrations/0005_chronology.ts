import type { Kysely } from 'kysely'
import { executeScript } from '../sql-script.js'

/**
 * Case notes (chronology area): who was present or seen, and whether the child was seen (alone, with
 * others, or not), so a note of a visit or direct work says so in fields as well as in its text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table case_note add column people_present text;
    alter table case_note add column child_seen text
      check (child_seen in ('seen_alone', 'seen_with_others', 'not_seen'));
    -- An addendum is a case note whose related_entity is 'case_note': find them by the note they add to.
    create index case_note_related on case_note (council_id, related_entity, related_id) where related_id is not null;
  `,
  )
}

export async function down(): Promise<void> {
  throw new Error('The chronology migration cannot be reversed.')
}
