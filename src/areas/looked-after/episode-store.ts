import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { updateVersioned } from '../../web/concurrency.js'
import { ConflictError } from '../../web/errors.js'
import { codeLabel } from '../codes/code-lists.js'
import { placementGeography, type PlacementGeography } from '../places/postcodes.js'
import {
  LookedAfterRuleError,
  currentEpisode,
  ukDate,
  type ReasonForNewEpisode,
  type RuleIssue,
} from './episode-rules.js'
import { SHORT_BREAK_LEGAL_STATUSES, type PlacementDetails } from './placement-rules.js'
import { childFacts, listEpisodes, type ChildRecordFacts, type EpisodeRecord } from './queries.js'

/**
 * The pieces every looked-after write shares: the child's saved state as the rules see it, the
 * derived 903 location items, the conflict check and the inserts. Used by service.ts and
 * change-service.ts inside their transactions.
 */

export interface StartPeriodInput extends PlacementDetails {
  startDate: string
  legalStatus: string
  categoryOfNeed: string
}

/** Which episode the form was opened on, so a change someone else saved first is never overwritten. */
export interface OpenedEpisode {
  episodeId: number
  episodeVersion: number
}

export interface PlacementChangeInput extends PlacementDetails, OpenedEpisode {
  moveDate: string
  sameCarers: boolean
  newLegalStatus: string | null
  reasonPlaceChange: string | null
}

export interface LegalStatusChangeInput extends OpenedEpisode {
  changeDate: string
  legalStatus: string
}

export interface EndPeriodInput extends OpenedEpisode {
  endDate: string
  reasonEnded: string
}

/** What the check-answers page shows beyond the answers: what Harbour works out on saving. */
export interface EpisodePreview {
  homePostcode: string | null
  geography: PlacementGeography
  /** Why a derived item is blank, in words. */
  geographyNote: string | null
  reasonNewEpisode: ReasonForNewEpisode
  reasonPlaceChange: string | null
}

export interface ChildState {
  child: ChildRecordFacts
  episodes: EpisodeRecord[]
  adoptionDecisionDate: string | null
  openMissingSince: string | null
}

export async function loadState(db: Db, councilId: number, childId: number): Promise<ChildState> {
  const child = await childFacts(db, councilId, childId)
  const episodes = await listEpisodes(db, councilId, childId)
  const decision = await db
    .selectFrom('adoption_decision')
    .select('decision_date')
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .where('ceased_date', 'is', null)
    .orderBy('decision_date', 'desc')
    .executeTakeFirst()
  const missing = await db
    .selectFrom('missing_episode')
    .select('start_date')
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .where('end_date', 'is', null)
    .orderBy('start_date')
    .executeTakeFirst()
  return {
    child,
    episodes,
    adoptionDecisionDate: decision?.decision_date ?? null,
    openMissingSince: missing?.start_date ?? null,
  }
}

/**
 * PL_DISTANCE, PL_LA and PL_LOCATION for an episode. Short breaks (V3, V4) have none (rules 398, 420);
 * an unaccompanied asylum-seeking child has no distance (rule 406).
 */
export function geographyFor(
  child: ChildRecordFacts,
  homePostcode: string | null,
  legalStatus: string,
  placementPostcode: string | null,
) {
  if (SHORT_BREAK_LEGAL_STATUSES.includes(legalStatus)) {
    return {
      geography: { distanceMiles: null, insideBoundary: null, laGssCode: null },
      geographyNote: 'Not recorded for short breaks (V3 or V4)',
    }
  }
  const geography = placementGeography(homePostcode, placementPostcode, child.councilGssCode)
  if (child.uasc) {
    return {
      geography: { ...geography, distanceMiles: null },
      geographyNote: 'No distance is recorded for an unaccompanied asylum-seeking child',
    }
  }
  let geographyNote: string | null = null
  if (geography.insideBoundary === null)
    geographyNote = 'Distance not known: the placement postcode is not in Harbour’s postcode directory'
  else if (geography.distanceMiles === null) geographyNote = 'Distance not known: no home postcode that Harbour knows'
  return { geography, geographyNote }
}

export const fail = (issues: RuleIssue[]) => {
  if (issues.length > 0) throw new LookedAfterRuleError(issues)
}

export function describeEpisode(episode: EpisodeRecord | undefined): Record<string, string> {
  if (episode === undefined) return {}
  return {
    'Episode started': ukDate(episode.startDate),
    'Episode ended': episode.endDate === null ? 'Not ended' : ukDate(episode.endDate),
    'Reason episode ended':
      episode.reasonEpisodeCeased === null
        ? ''
        : `${codeLabel('REC', episode.reasonEpisodeCeased) ?? ''} (${episode.reasonEpisodeCeased})`,
    'Legal status': episode.legalStatus,
    'Placement type': episode.placementType,
  }
}

/** Refuses a change made on an episode that someone else has changed or ended since the form opened. */
export function assertUnchanged(
  state: ChildState,
  opened: OpenedEpisode,
  yours: Record<string, string>,
  returnTo: string,
) {
  const current = currentEpisode(state.episodes)
  if (current?.id === opened.episodeId && current.version === opened.episodeVersion) return current
  const saved = state.episodes.find((episode) => episode.id === opened.episodeId)
  throw new ConflictError('Someone else has changed this record', yours, describeEpisode(saved), returnTo)
}

export const lookedAfterPath = (childId: number) => `/children/${childId}/looked-after`

export type Owner = { council_id: number; child_id: number; created_by: number }

export async function insertPlacement(db: Db, owner: Owner, details: PlacementDetails, startDate: string) {
  return db
    .insertInto('placement')
    .values({
      ...owner,
      placement_type: details.placementType,
      provider_id: null,
      foster_household_id: null,
      start_date: startDate,
      end_date: null,
      address: null,
      postcode: details.placementPostcode,
      end_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function insertEpisode(
  db: Db,
  owner: Owner,
  episode: {
    periodOfCareId: number
    placementId: number | null
    startDate: string
    reasonNewEpisode: ReasonForNewEpisode
    legalStatus: string
    categoryOfNeed: string
    details: PlacementDetails
    preview: Pick<EpisodePreview, 'homePostcode' | 'geography'>
  },
) {
  const { details, preview } = episode
  return db
    .insertInto('looked_after_episode')
    .values({
      ...owner,
      period_of_care_id: episode.periodOfCareId,
      placement_id: episode.placementId,
      start_date: episode.startDate,
      reason_new_episode: episode.reasonNewEpisode,
      legal_status: episode.legalStatus,
      category_of_need: episode.categoryOfNeed,
      placement_type: details.placementType,
      placement_provider: details.placementProvider,
      end_date: null,
      reason_episode_ceased: null,
      reason_place_change: null,
      home_postcode: preview.homePostcode,
      placement_postcode: details.placementPostcode,
      ofsted_urn: details.urn,
      placement_inside_boundary: preview.geography.insideBoundary,
      placement_la_gss_code: preview.geography.laGssCode,
      distance_miles: preview.geography.distanceMiles,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** The saved episode row, as the conflict page shows it next to the user's unsaved change. */
function describeEpisodeRow(row: Record<string, unknown>): Record<string, string> {
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  const reason = text(row['reason_episode_ceased'])
  return {
    'Episode ended': row['end_date'] ? ukDate(text(row['end_date'])) : 'Not ended',
    'Reason episode ended': reason === '' ? '' : `${codeLabel('REC', reason) ?? ''} (${reason})`,
    'Legal status': text(row['legal_status']),
    'Placement type': text(row['placement_type']),
  }
}

/**
 * Ends the current episode (REC X1 for a change within the period, or the reason the period ended),
 * only if it is still the version the form was opened on.
 */
export async function endEpisode(
  trx: Transaction<Database>,
  councilId: number,
  childId: number,
  opened: OpenedEpisode,
  end: { endDate: string; reasonEpisodeCeased: string; reasonPlaceChange: string | null },
  yours: Record<string, string>,
) {
  await updateVersioned(
    trx,
    'looked_after_episode',
    { councilId, id: opened.episodeId },
    opened.episodeVersion,
    {
      end_date: end.endDate,
      reason_episode_ceased: end.reasonEpisodeCeased,
      reason_place_change: end.reasonPlaceChange,
    },
    { returnTo: lookedAfterPath(childId), describe: describeEpisodeRow, yours },
  )
}

/** Ends the operational placement with the reason for the change (null when the period ends). */
export async function endPlacement(
  db: Db,
  councilId: number,
  placementId: number | null,
  endDate: string,
  endReason: string | null,
) {
  if (placementId === null) return
  await db
    .updateTable('placement')
    .set((eb) => ({ end_date: endDate, end_reason: endReason, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('council_id', '=', councilId)
    .where('id', '=', placementId)
    .execute()
}
