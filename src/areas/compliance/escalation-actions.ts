import type { Db } from '../../db/database.js'
import type { EscalationStatus } from '../../db/tables/compliance.js'
import type { Role } from '../../db/tables/foundation.js'
import type { SignedInUser } from '../../web/context.js'
import { updateVersioned } from '../../web/concurrency.js'

import { ForbiddenError, NotFoundError } from '../../web/errors.js'
import { appendAudit } from '../audit/audit-log.js'
import { type IsoDate } from './calendar.js'

import { asText } from './text.js'

/** Escalations as managers see and answer them: listing, acknowledging, responding (each audited). */
export interface EscalationRow {
  id: number
  childId: number
  stepName: string
  stepNumber: number
  role: Role
  reason: string
  summary: string
  raisedAt: Date
  raisedToName: string | null
  respondBy: IsoDate | null
  status: EscalationStatus
  acknowledgedAt: Date | null
  acknowledgedByName: string | null
  response: string | null
  respondedAt: Date | null
  respondedByName: string | null
  version: number
}

/** Escalations for some children, newest first; `openOnly` for the trays. */
export async function listEscalations(
  db: Db,
  councilId: number,
  filter: { childIds?: readonly number[]; openOnly?: boolean; roles?: readonly Role[] },
): Promise<EscalationRow[]> {
  if (filter.childIds !== undefined && filter.childIds.length === 0) return []
  const rows = await db
    .selectFrom('escalation as e')
    .innerJoin('escalation_step as s', (join) =>
      join.onRef('s.council_id', '=', 'e.council_id').onRef('s.id', '=', 'e.step_id'),
    )
    .leftJoin('user_account as to', (join) =>
      join.onRef('to.council_id', '=', 'e.council_id').onRef('to.id', '=', 'e.raised_to_user_id'),
    )
    .leftJoin('user_account as ack', (join) =>
      join.onRef('ack.council_id', '=', 'e.council_id').onRef('ack.id', '=', 'e.acknowledged_by'),
    )
    .leftJoin('user_account as resp', (join) =>
      join.onRef('resp.council_id', '=', 'e.council_id').onRef('resp.id', '=', 'e.responded_by'),
    )
    .select([
      'e.id',
      'e.child_id',
      's.name as step_name',
      's.step_number',
      's.escalate_to_role',
      'e.reason',
      'e.summary',
      'e.raised_at',
      'to.display_name as raised_to_name',
      'e.respond_by',
      'e.status',
      'e.acknowledged_at',
      'ack.display_name as acknowledged_by_name',
      'e.response',
      'e.responded_at',
      'resp.display_name as responded_by_name',
      'e.version',
    ])
    .where('e.council_id', '=', councilId)
    .$if(filter.childIds !== undefined, (query) => query.where('e.child_id', 'in', [...(filter.childIds ?? [])]))
    .$if(filter.openOnly === true, (query) => query.where('e.status', 'in', ['open', 'acknowledged']))
    .$if(filter.roles !== undefined, (query) => query.where('s.escalate_to_role', 'in', [...(filter.roles ?? [])]))
    .orderBy('e.raised_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    childId: row.child_id,
    stepName: row.step_name,
    stepNumber: row.step_number,
    role: row.escalate_to_role,
    reason: row.reason,
    summary: row.summary,
    raisedAt: row.raised_at,
    raisedToName: row.raised_to_name,
    respondBy: row.respond_by,
    status: row.status,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedByName: row.acknowledged_by_name,
    response: row.response,
    respondedAt: row.responded_at,
    respondedByName: row.responded_by_name,
    version: row.version,
  }))
}

async function escalationForChild(db: Db, user: SignedInUser, childId: number, escalationId: number) {
  const row = await db
    .selectFrom('escalation as e')
    .innerJoin('escalation_step as s', (join) =>
      join.onRef('s.council_id', '=', 'e.council_id').onRef('s.id', '=', 'e.step_id'),
    )
    .select(['e.id', 'e.status', 'e.version', 's.escalate_to_role', 's.step_number'])
    .where('e.council_id', '=', user.councilId)
    .where('e.child_id', '=', childId)
    .where('e.id', '=', escalationId)
    .executeTakeFirst()
  if (row === undefined) throw new NotFoundError()
  // A step is answered by the role it goes to (a head of service may answer any step).
  if (row.escalate_to_role !== user.role && user.role !== 'head_of_service') {
    throw new ForbiddenError('This escalation goes to someone in another role')
  }
  return row
}

export class EscalationStateError extends Error {
  override name = 'EscalationStateError'
}

export async function acknowledgeEscalation(
  db: Db,
  user: SignedInUser,
  childId: number,
  escalationId: number,
  version: number,
  ip: string,
) {
  const row = await escalationForChild(db, user, childId, escalationId)
  if (row.status !== 'open') throw new EscalationStateError('This escalation has already been acknowledged')
  await db.transaction().execute(async (trx) => {
    const now = new Date()
    await updateVersioned(
      trx,
      'escalation',
      { councilId: user.councilId, id: escalationId },
      version,
      { status: 'acknowledged', acknowledged_at: now, acknowledged_by: user.id },
      {
        returnTo: `/children/${childId}/visits`,
        describe: (saved) => ({ Status: asText(saved['status']) }),
        yours: { Status: 'acknowledged' },
      },
    )
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'escalation',
      entityId: escalationId,
      childId,
      route: 'POST /children/:childId/escalations/:escalationId/acknowledge',
      ip,
      detail: { status: 'acknowledged', stepNumber: row.step_number },
    })
  })
}

export async function respondToEscalation(
  db: Db,
  user: SignedInUser,
  childId: number,
  escalationId: number,
  version: number,
  response: string,
  ip: string,
) {
  const row = await escalationForChild(db, user, childId, escalationId)
  if (row.status === 'open') throw new EscalationStateError('Acknowledge the escalation before recording a response')
  if (row.status !== 'acknowledged') throw new EscalationStateError('A response has already been recorded')
  await db.transaction().execute(async (trx) => {
    await updateVersioned(
      trx,
      'escalation',
      { councilId: user.councilId, id: escalationId },
      version,
      { status: 'responded', response, responded_at: new Date(), responded_by: user.id },
      {
        returnTo: `/children/${childId}/visits`,
        describe: (saved) => ({ Status: asText(saved['status']), Response: asText(saved['response']) }),
        yours: { Status: 'responded', Response: response },
      },
    )
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'escalation',
      entityId: escalationId,
      childId,
      route: 'POST /children/:childId/escalations/:escalationId/respond',
      ip,
      detail: { status: 'responded', fields: ['response'], stepNumber: row.step_number },
    })
  })
}
