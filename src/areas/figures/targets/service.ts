import type { Db } from '../../../db/database.js'
import type { SignedInUser } from '../../../web/context.js'
import { updateVersioned } from '../../../web/concurrency.js'
import { ConflictError } from '../../../web/errors.js'
import { appendAudit } from '../../audit/audit-log.js'
import type { Target } from './status.js'

export { statusAgainstTarget, TARGET_STATUS_LABELS, type Target, type TargetStatus } from './status.js'

/** The target for an indicator in a reporting year (2026 = the year to 31 March 2026), if one is set. */
export async function targetFor(
  db: Db,
  councilId: number,
  indicatorId: string,
  year: number,
): Promise<Target | undefined> {
  const row = await db
    .selectFrom('indicator_target')
    .select(['target', 'amber_tolerance'])
    .where('council_id', '=', councilId)
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year)
    .executeTakeFirst()
  if (row === undefined) return undefined
  return {
    target: Number(row.target),
    amberTolerance: row.amber_tolerance === null ? null : Number(row.amber_tolerance),
  }
}

export interface IndicatorTargetRow extends Target {
  id: number
  year: number
  note: string | null
  version: number
  setByName: string | null
  updatedAt: string
}

/** Every year's target for one indicator, newest year first. */
export async function listTargets(db: Db, councilId: number, indicatorId: string): Promise<IndicatorTargetRow[]> {
  const rows = await db
    .selectFrom('indicator_target as t')
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 't.council_id').onRef('u.id', '=', 't.set_by'),
    )
    .select([
      't.id',
      't.year',
      't.target',
      't.amber_tolerance',
      't.note',
      't.version',
      'u.display_name',
      't.updated_at',
    ])
    .where('t.council_id', '=', councilId)
    .where('t.indicator_id', '=', indicatorId)
    .orderBy('t.year', 'desc')
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    year: row.year,
    target: Number(row.target),
    amberTolerance: row.amber_tolerance === null ? null : Number(row.amber_tolerance),
    note: row.note,
    version: row.version,
    setByName: row.display_name,
    updatedAt: new Date(row.updated_at).toISOString(),
  }))
}

export interface TargetInput {
  indicatorId: string
  year: number
  target: number
  amberTolerance: number | null
  note: string | null
  /** The version the user opened, or null when they were setting a target for a year without one. */
  version: number | null
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')

const describeTarget = (row: Record<string, unknown>): Record<string, string> => ({
  Target: text(row['target']),
  'Amber tolerance': text(row['amber_tolerance']),
  Note: text(row['note']),
})

/**
 * Sets (or changes) the target for a year. A change carries the version the user opened; if someone
 * else saved first (or set a target for the same year while this user was setting one), nothing is
 * written and the conflict page shows both. Audited without the note's text.
 */
export async function setTarget(
  db: Db,
  user: SignedInUser,
  input: TargetInput,
  ip: string,
  returnTo: string,
): Promise<{ id: number }> {
  const yours = describeTarget({ target: input.target, amber_tolerance: input.amberTolerance, note: input.note })
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('indicator_target')
      .select(['id', 'version', 'target', 'amber_tolerance', 'note'])
      .where('council_id', '=', user.councilId)
      .where('indicator_id', '=', input.indicatorId)
      .where('year', '=', input.year)
      .executeTakeFirst()
    let id: number
    if (existing === undefined) {
      if (input.version !== null) {
        throw new ConflictError('This target has been removed', yours, {}, returnTo)
      }
      const inserted = await trx
        .insertInto('indicator_target')
        .values({
          council_id: user.councilId,
          indicator_id: input.indicatorId,
          year: input.year,
          target: String(input.target),
          amber_tolerance: input.amberTolerance === null ? null : String(input.amberTolerance),
          note: input.note,
          set_by: user.id,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = Number(inserted.id)
    } else {
      id = Number(existing.id)
      if (input.version === null) {
        throw new ConflictError(
          'Someone else has set a target for this year',
          yours,
          describeTarget(existing),
          returnTo,
        )
      }
      await updateVersioned(
        trx,
        'indicator_target',
        { councilId: user.councilId, id },
        input.version,
        {
          target: String(input.target),
          amber_tolerance: input.amberTolerance === null ? null : String(input.amberTolerance),
          note: input.note,
          set_by: user.id,
        },
        { returnTo, describe: describeTarget, yours },
      )
    }
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: existing === undefined ? 'create' : 'update',
      entity: 'indicator_target',
      entityId: id,
      route: 'POST /figures/indicators/:indicatorId/targets',
      ip,
      detail: {
        indicatorId: input.indicatorId,
        year: input.year,
        fields: ['target', 'amber_tolerance', 'note'],
      },
    })
    return { id }
  })
}
