import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { SignedInUser } from '../../web/context.js'
import { appendAudit } from '../audit/audit-log.js'
import { codeLabel } from '../codes/code-lists.js'
import {
  currentEpisode,
  legalStatusChangeIssues,
  placeChangeReasonNeeded,
  placementChangeIssues,
  reasonForNewEpisode,
  ukDate,
} from './episode-rules.js'
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
  type EpisodePreview,
  type LegalStatusChangeInput,
  type PlacementChangeInput,
} from './episode-store.js'
import { lockChild, type EpisodeRecord } from './queries.js'

/**
 * Changes within a period of care. Each ends the current episode with REC X1 and starts the next on
 * the same day (rule 433), in one transaction: a change of placement (RNE P, T, U or B, worked out
 * from what changed) or a change of legal status only (RNE L, same placement).
 */

const recLabel = (code: string) => `${codeLabel('REC', code) ?? ''} (${code})`

// ------------------------------------------------------------------------------ change of placement

function placementPreview(state: ChildState, input: PlacementChangeInput): EpisodePreview {
  const current = currentEpisode(state.episodes)
  // HOME_POST stays the home the child came into care from, for every episode of the period.
  const homePostcode = current?.homePostcode ?? null
  const legalStatus = input.newLegalStatus ?? current?.legalStatus ?? ''
  const needed = current === undefined || placeChangeReasonNeeded(current.placementType, input.placementType)
  return {
    homePostcode,
    ...geographyFor(state.child, homePostcode, legalStatus, input.placementPostcode),
    reasonNewEpisode: reasonForNewEpisode({
      placementChanged: true,
      sameCarers: input.sameCarers,
      legalStatusChanged: input.newLegalStatus !== null,
    }),
    // Rule 226: no reason for a move to or from a temporary placement, whatever was selected.
    reasonPlaceChange: needed ? input.reasonPlaceChange : null,
  }
}

function placementIssuesFor(state: ChildState, input: PlacementChangeInput) {
  return placementChangeIssues(
    { dateOfBirth: state.child.dateOfBirth },
    state.episodes,
    {
      moveDate: input.moveDate,
      details: input,
      sameCarers: input.sameCarers,
      newLegalStatus: input.newLegalStatus,
      reasonPlaceChange: input.reasonPlaceChange,
    },
    state.adoptionDecisionDate,
  )
}

export async function previewPlacementChange(db: Db, councilId: number, childId: number, input: PlacementChangeInput) {
  const state = await loadState(db, councilId, childId)
  return { issues: placementIssuesFor(state, input), preview: placementPreview(state, input) }
}

/** The child moves: the current episode and placement end, and the next start, on the move date. */
export async function changePlacement(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: PlacementChangeInput,
  ip: string,
  /** Runs inside the transaction after the change (statutory return checks); throwing rolls it back. */
  afterSave?: (trx: Transaction<Database>) => Promise<void>,
) {
  return db.transaction().execute(async (trx) => {
    await lockChild(trx, user.councilId, childId)
    const state = await loadState(trx, user.councilId, childId)
    const yours = {
      'Episode ended': ukDate(input.moveDate),
      'Reason episode ended': recLabel('X1'),
      'Placement type': input.placementType,
    }
    const current = assertUnchanged(state, input, yours, lookedAfterPath(childId))
    fail(placementIssuesFor(state, input))
    const preview = placementPreview(state, input)
    const { moveDate } = input
    await endEpisode(
      trx,
      user.councilId,
      childId,
      input,
      { endDate: moveDate, reasonEpisodeCeased: 'X1', reasonPlaceChange: preview.reasonPlaceChange },
      yours,
    )
    await endPlacement(trx, user.councilId, current.placementId, moveDate, preview.reasonPlaceChange)
    const owner = { council_id: user.councilId, child_id: childId, created_by: user.id }
    const placement = await insertPlacement(trx, owner, input, moveDate)
    const episode = await insertEpisode(trx, owner, {
      periodOfCareId: current.periodOfCareId,
      placementId: placement.id,
      startDate: moveDate,
      reasonNewEpisode: preview.reasonNewEpisode,
      legalStatus: input.newLegalStatus ?? current.legalStatus,
      categoryOfNeed: current.categoryOfNeed,
      details: input,
      preview,
    })
    await auditNewEpisode(trx, user, childId, ip, 'placement-change', current, episode.id, preview.reasonNewEpisode)
    await afterSave?.(trx)
    return { episodeId: episode.id, placementId: placement.id, reasonNewEpisode: preview.reasonNewEpisode }
  })
}

async function auditNewEpisode(
  trx: Transaction<Database>,
  user: SignedInUser,
  childId: number,
  ip: string,
  path: string,
  ended: EpisodeRecord,
  episodeId: number,
  reasonNewEpisode: string,
) {
  await appendAudit(trx, {
    councilId: user.councilId,
    userId: user.id,
    userRole: user.role,
    action: 'create',
    entity: 'looked_after_episode',
    entityId: episodeId,
    childId,
    route: `POST /children/:childId/looked-after/${path}`,
    ip,
    detail: { endedEpisodeId: ended.id, periodOfCareId: ended.periodOfCareId, reasonNewEpisode },
  })
}

// ------------------------------------------------------------------------------ change of legal status

function legalStatusIssuesFor(state: ChildState, input: LegalStatusChangeInput) {
  return legalStatusChangeIssues({ dateOfBirth: state.child.dateOfBirth }, state.episodes, input)
}

export async function previewLegalStatusChange(
  db: Db,
  councilId: number,
  childId: number,
  input: LegalStatusChangeInput,
) {
  const state = await loadState(db, councilId, childId)
  return { issues: legalStatusIssuesFor(state, input) }
}

/** A new legal status in the same placement: a new episode (RNE 'L') sharing the placement. */
export async function changeLegalStatus(
  db: Db,
  user: SignedInUser,
  childId: number,
  input: LegalStatusChangeInput,
  ip: string,
  /** Runs inside the transaction after the change (statutory return checks); throwing rolls it back. */
  afterSave?: (trx: Transaction<Database>) => Promise<void>,
) {
  return db.transaction().execute(async (trx) => {
    await lockChild(trx, user.councilId, childId)
    const state = await loadState(trx, user.councilId, childId)
    const yours = {
      'Episode ended': ukDate(input.changeDate),
      'Reason episode ended': recLabel('X1'),
      'Legal status': input.legalStatus,
    }
    const current = assertUnchanged(state, input, yours, lookedAfterPath(childId))
    fail(legalStatusIssuesFor(state, input))
    await endEpisode(
      trx,
      user.councilId,
      childId,
      input,
      { endDate: input.changeDate, reasonEpisodeCeased: 'X1', reasonPlaceChange: null },
      yours,
    )
    const owner = { council_id: user.councilId, child_id: childId, created_by: user.id }
    // The placement is unchanged, so its derived location items carry over (short breaks aside).
    const { geography } = geographyFor(state.child, current.homePostcode, input.legalStatus, current.placementPostcode)
    const episode = await insertEpisode(trx, owner, {
      periodOfCareId: current.periodOfCareId,
      placementId: current.placementId,
      startDate: input.changeDate,
      reasonNewEpisode: 'L',
      legalStatus: input.legalStatus,
      categoryOfNeed: current.categoryOfNeed,
      details: current,
      preview: { homePostcode: current.homePostcode, geography },
    })
    await auditNewEpisode(trx, user, childId, ip, 'legal-status', current, episode.id, 'L')
    await afterSave?.(trx)
    return { episodeId: episode.id }
  })
}
