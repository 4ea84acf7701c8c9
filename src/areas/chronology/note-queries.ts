import type { Db } from '../../db/database.js'

/** Case note reads. Callers are routes with :childId, so the child is already in the user's scope. */

function notesWithAuthor(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('case_note as n')
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'n.council_id').onRef('u.id', '=', 'n.author_id'),
    )
    .selectAll('n')
    .select('u.display_name as author_display_name')
    .where('n.council_id', '=', councilId)
    .where('n.child_id', '=', childId)
}

export async function findCaseNote(db: Db, councilId: number, childId: number, noteId: number) {
  return notesWithAuthor(db, councilId, childId).where('n.id', '=', noteId).executeTakeFirst()
}

export type CaseNoteWithAuthor = NonNullable<Awaited<ReturnType<typeof findCaseNote>>>

/** Addenda to a note, oldest first. */
export async function addendaOf(db: Db, councilId: number, childId: number, noteId: number) {
  return notesWithAuthor(db, councilId, childId)
    .where('n.related_entity', '=', 'case_note')
    .where('n.related_id', '=', noteId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute()
}
