import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

import type { Role } from '../../db/tables/foundation.js'

import { todayInLondon } from '../../web/forms/date-input.js'

import { appendAudit } from '../audit/audit-log.js'
import { daysBetween, englandAndWalesCalendar, type IsoDate } from './calendar.js'
import { dueItemsForCouncil } from './due-sql.js'
import { FAMILY_LABELS, STATUTORY_VISIT_FAMILIES, type DueItem } from './due-item.js'

/**
 * The escalation ladder for a child who cannot be seen: each council's steps (for example the team
 * manager on the day a statutory visit becomes overdue, the head of service after 7 days), each needing
 * an acknowledgement and then a recorded response. Harbour raises the steps itself, once each, whenever
 * a tray or the child's record is opened (raiseEscalations is idempotent), and audits every step.
 */
export interface LadderStep {
  id: number
  stepNumber: number
  name: string
  role: Role
  respondWithinWorkingDays: number
  afterDaysOverdue: number
  active: boolean
  version: number
  description: string | null
}

export async function escalationLadder(
  db: Db,
  councilId: number,
  options: { activeOnly?: boolean } = {},
): Promise<LadderStep[]> {
  const rows = await db
    .selectFrom('escalation_step')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('ladder', '=', 'child_not_seen')
    .$if(options.activeOnly === true, (query) => query.where('active', '=', true))
    .orderBy('step_number')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    stepNumber: row.step_number,
    name: row.name,
    role: row.escalate_to_role,
    respondWithinWorkingDays: row.respond_within_working_days ?? 1,
    // Steps set up before the column existed: a week apart.
    afterDaysOverdue: row.raise_after_days_overdue ?? (row.step_number - 1) * 7,
    active: row.active,
    version: row.version,
    description: row.description,
  }))
}

async function recipient(db: Db, councilId: number, childId: number, role: Role): Promise<number | null> {
  if (role === 'team_manager') {
    const manager = await db
      .selectFrom('worker_allocation as a')
      .innerJoin('team_member as m', (join) =>
        join
          .onRef('m.council_id', '=', 'a.council_id')
          .onRef('m.team_id', '=', 'a.team_id')
          .on('m.relation', '=', 'manager'),
      )
      .innerJoin('user_account as u', (join) =>
        join.onRef('u.council_id', '=', 'm.council_id').onRef('u.id', '=', 'm.user_id'),
      )
      .select('u.id')
      .where('a.council_id', '=', councilId)
      .where('a.child_id', '=', childId)
      .where('a.end_date', 'is', null)
      .where('u.active', '=', true)
      .orderBy(sql`case a.allocation_role when 'social_worker' then 0 else 1 end`)
      .orderBy('u.id')
      .executeTakeFirst()
    return manager?.id ?? null
  }
  const user = await db
    .selectFrom('user_account')
    .select('id')
    .where('council_id', '=', councilId)
    .where('role', '=', role)
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirst()
  return user?.id ?? null
}

/**
 * Raises every step now due for every overdue statutory visit in the council (or for some children).
 * Returns how many escalations were raised. Safe to call as often as pages are opened.
 */
export async function raiseEscalations(
  db: Db,
  councilId: number,
  asAt: IsoDate,
  childIds?: readonly number[],
): Promise<number> {
  const steps = await escalationLadder(db, councilId, { activeOnly: true })
  if (steps.length === 0) return 0
  const overdue = (await dueItemsForCouncil(db, councilId, asAt, childIds === undefined ? {} : { childIds })).filter(
    (item) => STATUTORY_VISIT_FAMILIES.includes(item.family) && item.dueDate < asAt,
  )
  if (overdue.length === 0) return 0
  const existing = await db
    .selectFrom('escalation')
    .select(['child_id', 'step_id', 'rule_id', 'due_date'])
    .where('council_id', '=', councilId)
    .where('rule_id', 'is not', null)
    .where('child_id', 'in', [...new Set(overdue.map((item) => item.childId))])
    .execute()
  const key = (childId: number, stepId: number, ruleId: string | null, dueDate: string | null) =>
    `${childId}|${stepId}|${ruleId}|${dueDate}`
  const raised = new Set(existing.map((row) => key(row.child_id, row.step_id, row.rule_id, row.due_date)))
  const wanted: { item: DueItem; step: LadderStep }[] = []
  for (const item of overdue) {
    const daysOverdue = daysBetween(item.dueDate, asAt)
    for (const step of steps) {
      if (step.afterDaysOverdue <= daysOverdue && !raised.has(key(item.childId, step.id, item.ruleId, item.dueDate))) {
        wanted.push({ item, step })
      }
    }
  }
  if (wanted.length === 0) return 0
  const calendar = englandAndWalesCalendar()
  let count = 0
  await db.transaction().execute(async (trx) => {
    for (const { item, step } of wanted) {
      const previous = await trx
        .selectFrom('escalation as e')
        .innerJoin('escalation_step as s', (join) =>
          join.onRef('s.council_id', '=', 'e.council_id').onRef('s.id', '=', 'e.step_id'),
        )
        .select('e.id')
        .where('e.council_id', '=', councilId)
        .where('e.child_id', '=', item.childId)
        .where('e.rule_id', '=', item.ruleId)
        .where('e.due_date', '=', item.dueDate)
        .where('s.step_number', '<', step.stepNumber)
        .orderBy('s.step_number', 'desc')
        .executeTakeFirst()
      const inserted = await trx
        .insertInto('escalation')
        .values({
          council_id: councilId,
          child_id: item.childId,
          step_id: step.id,
          reason: 'child_not_seen',
          previous_escalation_id: previous?.id ?? null,
          summary: `${FAMILY_LABELS[item.family]} due on ${item.dueDate} has not happened: the child has not been seen.`,
          raised_by: null,
          raised_to_user_id: await recipient(trx, councilId, item.childId, step.role),
          respond_by: calendar.addWorkingDays(asAt, step.respondWithinWorkingDays),
          rule_id: item.ruleId,
          due_date: item.dueDate,
          created_by: null,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['council_id', 'child_id', 'step_id', 'rule_id', 'due_date'])
            .where('rule_id', 'is not', null)
            .doNothing(),
        )
        .returning('id')
        .executeTakeFirst()
      if (inserted === undefined) continue
      count++
      await appendAudit(trx, {
        councilId,
        userId: null,
        userRole: null,
        action: 'create',
        entity: 'escalation',
        entityId: inserted.id,
        childId: item.childId,
        route: null,
        ip: null,
        detail: {
          raisedBy: 'harbour',
          stepId: step.id,
          stepNumber: step.stepNumber,
          ruleId: item.ruleId,
          dueDate: item.dueDate,
        },
      })
    }
  })
  return count
}

/** A young person said a visit did not happen: the team manager is told at the ladder's first team-manager step. */
export async function raiseDenialEscalation(
  trx: Db,
  councilId: number,
  childId: number,
  visitDate: IsoDate,
  confirmationId: number,
): Promise<number | null> {
  const step = (await escalationLadder(trx, councilId, { activeOnly: true })).find(
    (candidate) => candidate.role === 'team_manager',
  )
  if (step === undefined) return null
  const inserted = await trx
    .insertInto('escalation')
    .values({
      council_id: councilId,
      child_id: childId,
      step_id: step.id,
      reason: 'other',
      summary: `The young person said the visit recorded on ${visitDate} did not happen (confirmation ${confirmationId}).`,
      raised_by: null,
      raised_to_user_id: await recipient(trx, councilId, childId, 'team_manager'),
      respond_by: englandAndWalesCalendar().addWorkingDays(todayInLondon(), step.respondWithinWorkingDays),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}
