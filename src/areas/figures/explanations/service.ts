import { sql } from 'kysely'
import type { Db } from '../../../db/database.js'
import type { SignedInUser } from '../../../web/context.js'
import { ConflictError } from '../../../web/errors.js'
import { appendAudit } from '../../audit/audit-log.js'

/** The explanation written beside a figure: what lies behind it, what is being done, when it should recover. */
export interface Explanation {
  revision: number
  text: string
  authorName: string
  /** ISO instant. */
  writtenAt: string
}

export const EXPLANATION_MAX_LENGTH = 2000

function explanationQuery(db: Db, councilId: number, indicatorId: string, periodEnd: string) {
  return db
    .selectFrom('indicator_explanation as e')
    .innerJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'e.council_id').onRef('u.id', '=', 'e.author_id'),
    )
    .select(['e.revision', 'e.explanation', 'u.display_name', 'e.written_at'])
    .where('e.council_id', '=', councilId)
    .where('e.indicator_id', '=', indicatorId)
    .where('e.period_end', '=', periodEnd)
    .orderBy('e.revision', 'desc')
}

type ExplanationRow = { revision: number; explanation: string; display_name: string; written_at: Date | string }

function toExplanation(row: ExplanationRow): Explanation {
  return {
    revision: Number(row.revision),
    text: row.explanation,
    authorName: row.display_name,
    writtenAt: new Date(row.written_at).toISOString(),
  }
}

/** The current explanation for an indicator and period (its latest revision), if anyone has written one. */
export async function latestExplanation(
  db: Db,
  councilId: number,
  indicatorId: string,
  periodEnd: string,
): Promise<Explanation | undefined> {
  const row = await explanationQuery(db, councilId, indicatorId, periodEnd).limit(1).executeTakeFirst()
  return row === undefined ? undefined : toExplanation(row)
}

/** Every revision, newest first. */
export async function explanationHistory(
  db: Db,
  councilId: number,
  indicatorId: string,
  periodEnd: string,
): Promise<Explanation[]> {
  const rows = await explanationQuery(db, councilId, indicatorId, periodEnd).execute()
  return rows.map(toExplanation)
}

export interface ExplanationInput {
  indicatorId: string
  periodEnd: string
  text: string
  /** The revision the writer opened (0 when there was none): a newer one means someone else wrote first. */
  basedOnRevision: number
}

/**
 * Writes a new revision (earlier ones are kept). Refuses with a conflict when someone else has written
 * a revision since the writer opened the form, so nobody overwrites an explanation they have not read.
 * The audit row names the indicator, period and revision, never the text.
 */
export async function recordExplanation(
  db: Db,
  user: SignedInUser,
  input: ExplanationInput,
  ip: string,
  returnTo: string,
): Promise<{ id: number; revision: number }> {
  const text = input.text.trim()
  if (text === '') throw new RangeError('An explanation cannot be empty')
  if (text.length > EXPLANATION_MAX_LENGTH) throw new RangeError('The explanation is too long')
  return db.transaction().execute(async (trx) => {
    // One writer at a time per figure: the lock makes the "next revision" check and insert atomic.
    await sql`select pg_advisory_xact_lock(${user.councilId}, hashtext(${`${input.indicatorId}|${input.periodEnd}`}))`.execute(
      trx,
    )
    const current = await trx
      .selectFrom('indicator_explanation')
      .select(['revision', 'explanation'])
      .where('council_id', '=', user.councilId)
      .where('indicator_id', '=', input.indicatorId)
      .where('period_end', '=', input.periodEnd)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst()
    const currentRevision = current === undefined ? 0 : Number(current.revision)
    if (currentRevision !== input.basedOnRevision) {
      throw new ConflictError(
        'Someone else has written a newer explanation for this figure',
        { Explanation: text },
        { Explanation: current?.explanation ?? '' },
        returnTo,
      )
    }
    const revision = currentRevision + 1
    const inserted = await trx
      .insertInto('indicator_explanation')
      .values({
        council_id: user.councilId,
        indicator_id: input.indicatorId,
        period_end: input.periodEnd,
        revision,
        explanation: text,
        author_id: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const id = Number(inserted.id)
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: revision === 1 ? 'create' : 'update',
      entity: 'indicator_explanation',
      entityId: id,
      route: 'POST /figures/indicators/:indicatorId/explanation',
      ip,
      detail: { indicatorId: input.indicatorId, periodEnd: input.periodEnd, revision, fields: ['explanation'] },
    })
    return { id, revision }
  })
}
