import type { Db } from '../../db/database.js'
import type { CaseNoteChildSeen, CaseNoteType } from '../../db/tables/case-record.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { ForbiddenError, NotFoundError } from '../../web/errors.js'
import { roleHas } from '../../web/permissions.js'
import { appendAudit } from '../audit/audit-log.js'
import { instantFromLondon, londonDateAndTime, parseTimeOfDay } from './london-time.js'
import { CHILD_SEEN, noteTypeLabel } from './labels.js'
import type { CorrectNoteForm, NewNoteForm } from './note-schemas.js'
import { isoDate } from '../../web/forms/date-input.js'

/** How long the author may correct a note after writing it; after that, only an addendum. */
export const CORRECTION_WINDOW_MS = 24 * 60 * 60 * 1000

export interface CaseNoteInput {
  type: CaseNoteType
  occurredAt: Date
  peoplePresent: string | null
  childSeen: CaseNoteChildSeen | null
  title: string | null
  body: string
}

/** A rule the form's own checks cannot see (it needs the record or the user): shown on the named field. */
export class CaseNoteRuleError extends Error {
  override name = 'CaseNoteRuleError'
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

export class ManagementOversightError extends ForbiddenError {
  override name = 'ManagementOversightError'
  constructor() {
    super('Only a team manager or head of service can record management oversight')
  }
}

export function noteInputFromForm(form: NewNoteForm | CorrectNoteForm): CaseNoteInput {
  const date = isoDate(form, 'occurred') as string
  const time = parseTimeOfDay(form['occurred-time']) as { hours: number; minutes: number }
  const seen = form['child-seen']
  return {
    type: form.type,
    occurredAt: instantFromLondon(date, time),
    peoplePresent: form.present === '' ? null : form.present,
    childSeen: seen === undefined || seen === 'not_applicable' ? null : seen,
    title: form.title === '' ? null : form.title,
    body: form.body,
  }
}

function checkNoteRules(user: SignedInUser, input: CaseNoteInput, now: Date): void {
  if (input.type === 'management_oversight' && !roleHas(user.role, 'child:manage')) throw new ManagementOversightError()
  if (input.occurredAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new CaseNoteRuleError('occurred-time', 'The time it happened must be now or in the past')
  }
}

/** Writes a case note by the signed-in user. Returns the new note's id. */
export async function recordCaseNote(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: CaseNoteInput,
  ip: string,
  now = new Date(),
): Promise<number> {
  checkNoteRules(user, input, now)
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('case_note')
      .values({
        council_id: user.councilId,
        child_id: childId,
        note_type: input.type,
        occurred_at: input.occurredAt,
        author_id: user.id,
        author_name: null,
        title: input.title,
        body: input.body,
        people_present: input.peoplePresent,
        child_seen: input.childSeen,
        related_entity: null,
        related_id: null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'case_note',
      entityId: id,
      childId,
      route: 'POST /children/:childId/notes',
      ip,
      detail: { noteType: input.type },
    })
    return Number(id)
  })
}

export interface StoredNote {
  id: number
  author_id: number | null
  created_at: Date
  note_type: string
}

/** Whether this user may still correct this note: its author, within 24 hours of writing it. */
export function correctionAllowed(note: StoredNote, user: SignedInUser, now = new Date()): boolean {
  return note.author_id === user.id && now.getTime() - new Date(note.created_at).getTime() <= CORRECTION_WINDOW_MS
}

export class CorrectionClosedError extends Error {
  override name = 'CorrectionClosedError'
}

async function loadNote(db: Db, councilId: number, childId: number, noteId: number) {
  const note = await db
    .selectFrom('case_note')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .where('id', '=', noteId)
    .executeTakeFirst()
  if (note === undefined) throw new NotFoundError()
  return note
}

const describeForConflict = (row: Record<string, unknown>): Record<string, string> => {
  const when = row['occurred_at'] instanceof Date ? londonDateAndTime(row['occurred_at']) : undefined
  return {
    'Type of note': typeof row['note_type'] === 'string' ? noteTypeLabel(row['note_type']) : '',
    'When it happened': when === undefined ? '' : `${when.date} ${when.time}`,
    'Who was present': typeof row['people_present'] === 'string' ? row['people_present'] : '',
    'Was the child seen': CHILD_SEEN.find((option) => option.value === row['child_seen'])?.label ?? '',
    Title: typeof row['title'] === 'string' ? row['title'] : '',
    Note: typeof row['body'] === 'string' ? row['body'] : '',
  }
}

/**
 * Corrects a note: only its author, only within 24 hours of writing it, and only over the version
 * they opened (a stale save gets the conflict page). Afterwards the record stands and may only be
 * added to (recordAddendum).
 */
export async function correctCaseNote(
  db: Db,
  user: SignedInUser,
  childId: number,
  noteId: number,
  input: CaseNoteInput,
  openedVersion: number,
  ip: string,
  now = new Date(),
): Promise<void> {
  const existing = await loadNote(db, user.councilId, childId, noteId)
  if (!correctionAllowed(existing, user, now)) throw new CorrectionClosedError()
  checkNoteRules(user, input, now)
  if (existing.note_type === 'management_oversight' && !roleHas(user.role, 'child:manage')) {
    throw new ManagementOversightError()
  }
  await db.transaction().execute(async (trx) => {
    const changes = {
      note_type: input.type,
      occurred_at: input.occurredAt,
      people_present: input.peoplePresent,
      child_seen: input.childSeen,
      title: input.title,
      body: input.body,
    }
    await updateVersioned(trx, 'case_note', { councilId: user.councilId, id: noteId }, openedVersion, changes, {
      returnTo: `/children/${childId}/notes/${noteId}`,
      describe: describeForConflict,
      yours: describeForConflict(changes),
    })
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter((field) => {
      const before = existing[field]
      const after = changes[field]
      return before instanceof Date && after instanceof Date ? before.getTime() !== after.getTime() : before !== after
    })
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'case_note',
      entityId: noteId,
      childId,
      route: 'POST /children/:childId/notes/:noteId/correct',
      ip,
      detail: { fields: changed },
    })
  })
}

/**
 * Adds to a note that can no longer be corrected (or that someone else wrote): a new note, linked
 * to the original, of the same type. Addenda to an addendum link to the original note.
 */
export async function recordAddendum(
  db: Db,
  user: SignedInUser,
  childId: number,
  noteId: number,
  body: string,
  ip: string,
  now = new Date(),
): Promise<{ id: number; originalId: number }> {
  let original = await loadNote(db, user.councilId, childId, noteId)
  if (original.related_entity === 'case_note' && original.related_id !== null) {
    original = await loadNote(db, user.councilId, childId, original.related_id)
  }
  if (original.note_type === 'management_oversight' && !roleHas(user.role, 'child:manage')) {
    throw new ManagementOversightError()
  }
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('case_note')
      .values({
        council_id: user.councilId,
        child_id: childId,
        note_type: original.note_type,
        occurred_at: now,
        author_id: user.id,
        author_name: null,
        title: null,
        body,
        related_entity: 'case_note',
        related_id: original.id,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'case_note',
      entityId: id,
      childId,
      route: 'POST /children/:childId/notes/:noteId/addendum',
      ip,
      detail: { addendumTo: original.id, noteType: original.note_type },
    })
    return { id: Number(id), originalId: Number(original.id) }
  })
}
