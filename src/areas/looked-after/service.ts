import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { appendAudit } from '../audit/audit-log.js'
import { codeLabel } from '../codes/code-lists.js'
import { normalisePostcode } from '../places/postcodes.js'
import { endPeriodIssues } from './end-rules.js'
import { startPeriodIssues, ukDate } from './episode-rules.js'
import {
  assertUnchanged,
  endEpisode,
  endPlacement,
  fail,
  geographyFor,
  insertEpisode,
  insertPlacement,
  loadState,
  lookedAfterPath,
  type ChildState,
  type EndPeriodInput,
  type EpisodePreview,
  type StartPeriodInput,
} from './episode-store.js'
import { lockChild } from './queries.js'

/**
 * Starting and ending a period of care. Each is one transaction: the child's record is locked, the
 * 903 rules are checked against what is saved now, and period, placement and episode are written
 * together with the audit row. The check-answers pages call the preview functions, which run the
 * same rules without writing. Changes within a period are in change-service.ts.
 */

function startPreview(state: ChildState, input: StartPeriodInput): EpisodePreview {
  const homePostcode = normalisePostcode(state.child.homePostcode)
  return {
    homePostcode,
    ...geographyFor(state.child, homePostcode, input.legalStatus, input.placementPostcode),
    reasonNewEpisode: 'S',
    reasonPlaceChange: null,
  }
}

function startIssues(state: ChildState, input: StartPeriodInput) {
  return startPeriodIssues(
    { dateOfBirth: state.child.dateOfBirth },
    state.episodes,
    { startDate: input.startDate, legalStatus: input.legalStatus, details: input },
    state.adoptionDecisionDate,
  )
}

export async function previewStartPeriod(db: Db, councilId: number, childId: number, input: StartPeriodInput) {
  const state = await loadState(db, councilId, childId)
  return { issues: startIssues(state, input), preview: startPreview(state, input) }
}

/** The child becomes looked after: a period of care, its placement and its first episode (RNE 'S'). */
export async function startPeriodOfCare(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: StartPeriodInput,
  ip: string,
  /** Runs inside the transaction after the change (statutory return checks); throwing rolls it back. */
  afterSave?: (trx: Transaction<Database>) => Promise<void>,
) {
  return db.transaction().execute(async (trx) => {
    await lockChild(trx, user.councilId, childId)
    const state = await loadState(trx, user.councilId, childId)
    fail(startIssues(state, input))
    const preview = startPreview(state, input)
    const owner = { council_id: user.councilId, child_id: childId, created_by: user.id }
    const period = await trx
      .insertInto('period_of_care')
      .values({ ...owner, start_date: input.startDate, end_date: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    const placement = await insertPlacement(trx, owner, input, input.startDate)
    const episode = await insertEpisode(trx, owner, {
      periodOfCareId: period.id,
      placementId: placement.id,
      startDate: input.startDate,
      reasonNewEpisode: 'S',
      legalStatus: input.legalStatus,
      categoryOfNeed: input.categoryOfNeed,
      details: input,
      preview,
    })
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'create',
      entity: 'period_of_care',
      entityId: period.id,
      childId,
      route: 'POST /children/:childId/looked-after/start',
      ip,
      detail: {
        episodeId: episode.id,
        placementId: placement.id,
        fields: ['start_date', 'reason_new_episode', 'legal_status', 'category_of_need', 'placement_type'],
      },
    })
    await afterSave?.(trx)
    return { periodOfCareId: period.id, episodeId: episode.id, placementId: placement.id }
  })
}

// ------------------------------------------------------------------------------ ending a period

function endIssues(state: ChildState, input: EndPeriodInput) {
  return endPeriodIssues({ dateOfBirth: state.child.dateOfBirth }, state.episodes, input, state.openMissingSince)
}

export async function previewEndPeriod(db: Db, councilId: number, childId: number, input: EndPeriodInput) {
  const state = await loadState(db, councilId, childId)
  return { issues: endIssues(state, input) }
}

/**
 * The child stops being looked after: the last episode ends with the reason (REC), and the period of
 * care and the placement end on the same date, in one transaction.
 */
export async function endPeriodOfCare(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: EndPeriodInput,
  ip: string,
  /** Runs inside the transaction after the change (statutory return checks); throwing rolls it back. */
  afterSave?: (trx: Transaction<Database>) => Promise<void>,
) {
  return db.transaction().execute(async (trx) => {
    await lockChild(trx, user.councilId, childId)
    const state = await loadState(trx, user.councilId, childId)
    const yours = {
      'Episode ended': ukDate(input.endDate),
      'Reason episode ended': `${codeLabel('REC', input.reasonEnded) ?? ''} (${input.reasonEnded})`,
    }
    const current = assertUnchanged(state, input, yours, lookedAfterPath(childId))
    fail(endIssues(state, input))
    await endEpisode(
      trx,
      user.councilId,
      childId,
      input,
      { endDate: input.endDate, reasonEpisodeCeased: input.reasonEnded, reasonPlaceChange: null },
      yours,
    )
    await trx
      .updateTable('period_of_care')
      .set((eb) => ({ end_date: input.endDate, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('council_id', '=', user.councilId)
      .where('id', '=', current.periodOfCareId)
      .execute()
    await endPlacement(trx, user.councilId, current.placementId, input.endDate, null)
    await appendAudit(trx, {
      councilId: user.councilId,
      userId: user.id,
      userRole: user.role,
      action: 'update',
      entity: 'period_of_care',
      entityId: current.periodOfCareId,
      childId,
      route: 'POST /children/:childId/looked-after/end',
      ip,
      detail: {
        episodeId: current.id,
        reasonEpisodeCeased: input.reasonEnded,
        fields: ['end_date', 'reason_episode_ceased'],
      },
    })
    await afterSave?.(trx)
    return { periodOfCareId: current.periodOfCareId, episodeId: current.id }
  })
}
