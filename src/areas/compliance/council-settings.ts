import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { TimescaleUnit } from '../../db/tables/compliance.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'
import { ConflictError, NotFoundError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'
import type { IsoDate } from './calendar.js'
import { asText } from './text.js'

/**
 * A council's own standards: local timescales (council_timescale, from a date, so past compliance is
 * judged by the standard in force then), the young person's confirmation age (council_setting) and
 * the escalation ladder (escalation_step). Changed by an administrator or head of service; every
 * change is audited.
 */
export const SETTINGS_PATH = '/settings/timescales'

/** Rules a council sets for itself: those with no statutory number, and PEP reviews (termly, no school calendar). */
export const COUNCIL_EDITABLE_RULES = [
  'local.cp.visit',
  'local.cin.visit',
  'local.cin.review',
  'local.strategy.discussion',
  'local.pa.contact',
  'guidance.pep.review',
] as const

export const CONFIRMATION_AGE_KEY = 'visit_confirmation.minimum_age'
export const DEFAULT_CONFIRMATION_AGE = 11

export async function confirmationMinimumAge(db: Db, councilId: number): Promise<{ age: number; version: number }> {
  const row = await db
    .selectFrom('council_setting')
    .select(['value', 'version'])
    .where('council_id', '=', councilId)
    .where('key', '=', CONFIRMATION_AGE_KEY)
    .executeTakeFirst()
  const age = typeof row?.value === 'number' ? row.value : Number(row?.value)
  return row === undefined || !Number.isFinite(age)
    ? { age: DEFAULT_CONFIRMATION_AGE, version: 0 }
    : { age, version: row.version }
}

export async function setConfirmationMinimumAge(
  db: Db,
  user: SignedInUser,
  age: number,
  openedVersion: number,
  ip: string,
) {
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('council_setting')
      .select(['value', 'version'])
      .where('council_id', '=', user.councilId)
      .where('key', '=', CONFIRMATION_AGE_KEY)
      .forUpdate()
      .executeTakeFirst()
    const conflict = () =>
      new ConflictError(
        'Someone else has changed this setting',
        { 'Youngest age asked to confirm visits': String(age) },
        { 'Youngest age asked to confirm visits': asText(current?.value ?? DEFAULT_CONFIRMATION_AGE) },
        SETTINGS_PATH,
      )
    if ((current?.version ?? 0) !== openedVersion) throw conflict()
    if (current === undefined) {
      await trx
        .insertInto('council_setting')
        .values({
          council_id: user.councilId,
          key: CONFIRMATION_AGE_KEY,
          value: JSON.stringify(age),
          description: 'Youngest age at which a young person is asked to confirm a visit',
          created_by: user.id,
        })
        .execute()
    } else {
      await trx
        .updateTable('council_setting')
        .set({ value: JSON.stringify(age), version: sql<number>`version + 1`, updated_at: new Date() })
        .where('council_id', '=', user.councilId)
        .where('key', '=', CONFIRMATION_AGE_KEY)
        .execute()
    }
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: current === undefined ? 'create' : 'update',
      entity: 'council_setting',
      entityId: CONFIRMATION_AGE_KEY,
      route: 'POST /settings/confirmation-age',
      ip,
      detail: { key: CONFIRMATION_AGE_KEY, from: current?.value ?? DEFAULT_CONFIRMATION_AGE, to: age },
    })
  })
}

export interface CouncilTimescaleInput {
  enabled: boolean
  timeLimit: number | null
  unit: TimescaleUnit | null
  effectiveFrom: IsoDate
  reason: string
}

/** The council's row for a rule in force on a date, with its version (0 when there is none). */
export async function councilTimescaleOn(db: Db, councilId: number, ruleId: string, on: IsoDate) {
  return db
    .selectFrom('council_timescale')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('rule_id', '=', ruleId)
    .where('effective_from', '<=', on)
    .orderBy('effective_from', 'desc')
    .executeTakeFirst()
}

/**
 * Sets a council's own limit for a rule from a date. A row already starting on that date is updated
 * (if the version the user opened is still current); otherwise a new row starts the new standard.
 */
export async function setCouncilTimescale(
  db: Db,
  user: SignedInUser,
  ruleId: string,
  input: CouncilTimescaleInput,
  openedVersion: number,
  ip: string,
): Promise<void> {
  if (!(COUNCIL_EDITABLE_RULES as readonly string[]).includes(ruleId)) throw new NotFoundError()
  const describe = (row: { enabled: unknown; time_limit: unknown; unit: unknown; effective_from: unknown }) => ({
    'Tracked by Harbour': row.enabled ? 'Yes' : 'No',
    Limit: row.time_limit === null ? '' : `${asText(row.time_limit)} ${asText(row.unit).replace('_', ' ')}`,
    'Applies from': String(row.effective_from),
  })
  const yours = describe({
    enabled: input.enabled,
    time_limit: input.timeLimit,
    unit: input.unit,
    effective_from: input.effectiveFrom,
  })
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('council_timescale')
      .selectAll()
      .where('council_id', '=', user.councilId)
      .where('rule_id', '=', ruleId)
      .where('effective_from', '=', input.effectiveFrom)
      .forUpdate()
      .executeTakeFirst()
    const values = {
      enabled: input.enabled,
      time_limit: input.enabled ? input.timeLimit : null,
      unit: input.enabled ? input.unit : null,
      reason: input.reason,
    }
    if (existing !== undefined) {
      if (existing.version !== openedVersion) {
        throw new ConflictError(
          'Someone else has changed this standard',
          yours,
          describe(existing),
          `${SETTINGS_PATH}/${ruleId}`,
        )
      }
      await trx
        .updateTable('council_timescale')
        .set({ ...values, version: sql<number>`version + 1`, updated_at: new Date() })
        .where('council_id', '=', user.councilId)
        .where('rule_id', '=', ruleId)
        .where('effective_from', '=', input.effectiveFrom)
        .execute()
    } else {
      await trx
        .insertInto('council_timescale')
        .values({
          council_id: user.councilId,
          rule_id: ruleId,
          effective_from: input.effectiveFrom,
          ...values,
          created_by: user.id,
        })
        .execute()
    }
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: existing === undefined ? 'create' : 'update',
      entity: 'council_setting',
      entityId: ruleId,
      route: 'POST /settings/timescales/:ruleId',
      ip,
      detail: {
        table: 'council_timescale',
        ruleId,
        effectiveFrom: input.effectiveFrom,
        enabled: values.enabled,
        timeLimit: values.time_limit,
        unit: values.unit,
      },
    })
  })
}

export interface EscalationStepInput {
  name: string
  escalateToRole: 'team_manager' | 'head_of_service'
  afterDaysOverdue: number
  respondWithinWorkingDays: number
  active: boolean
}

/** Adds a step to the end of the council's ladder (stepId null) or changes one. */
export async function saveEscalationStep(
  db: Db,
  user: SignedInUser,
  stepId: number | null,
  input: EscalationStepInput,
  openedVersion: number,
  ip: string,
): Promise<number> {
  const values = {
    name: input.name,
    escalate_to_role: input.escalateToRole,
    raise_after_days_overdue: input.afterDaysOverdue,
    respond_within_working_days: input.respondWithinWorkingDays,
    active: input.active,
  }
  return db.transaction().execute(async (trx) => {
    let id: number
    if (stepId === null) {
      const last = await trx
        .selectFrom('escalation_step')
        .select((eb) => eb.fn.max('step_number').as('n'))
        .where('council_id', '=', user.councilId)
        .where('ladder', '=', 'child_not_seen')
        .executeTakeFirst()
      const inserted = await trx
        .insertInto('escalation_step')
        .values({
          council_id: user.councilId,
          ladder: 'child_not_seen',
          step_number: Number(last?.n ?? 0) + 1,
          ...values,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = inserted.id
    } else {
      const describe = (row: Record<string, unknown>) => ({
        Name: asText(row['name']),
        'Goes to': asText(row['escalate_to_role']),
        'Days overdue': asText(row['raise_after_days_overdue']),
        'Working days to respond': asText(row['respond_within_working_days']),
        'In use': row['active'] ? 'Yes' : 'No',
      })
      await updateVersioned(trx, 'escalation_step', { councilId: user.councilId, id: stepId }, openedVersion, values, {
        returnTo: `${SETTINGS_PATH}#escalation`,
        describe,
        yours: describe(values),
      })
      id = stepId
    }
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: stepId === null ? 'create' : 'update',
      entity: 'escalation_step',
      entityId: id,
      route: stepId === null ? 'POST /settings/escalation-steps' : 'POST /settings/escalation-steps/:stepId',
      ip,
      detail: { fields: Object.keys(values), ...values, name: undefined },
    })
    return id
  })
}
