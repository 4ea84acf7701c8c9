import type { Db } from '../../db/database.js'
import type { EpisodeFacts } from './episode-rules.js'

/**
 * Reads for the looked-after part of a child's record. Every function takes the council and child:
 * callers are routes with a :childId parameter (already scope-checked) or services running inside
 * the transaction that writes. A Transaction is a Db, so the same functions serve both.
 */

export interface EpisodeRecord extends EpisodeFacts {
  id: number
  periodOfCareId: number
  placementId: number | null
  categoryOfNeed: string
  reasonPlaceChange: string | null
  homePostcode: string | null
  insideBoundary: boolean | null
  laGssCode: string | null
  distanceMiles: number | null
  version: number
}

export async function listEpisodes(db: Db, councilId: number, childId: number): Promise<EpisodeRecord[]> {
  const rows = await db
    .selectFrom('looked_after_episode')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    periodOfCareId: row.period_of_care_id,
    placementId: row.placement_id,
    startDate: row.start_date,
    endDate: row.end_date,
    reasonNewEpisode: row.reason_new_episode,
    legalStatus: row.legal_status,
    categoryOfNeed: row.category_of_need,
    placementType: row.placement_type,
    placementProvider: row.placement_provider,
    placementPostcode: row.placement_postcode,
    urn: row.ofsted_urn,
    reasonEpisodeCeased: row.reason_episode_ceased,
    reasonPlaceChange: row.reason_place_change,
    homePostcode: row.home_postcode,
    insideBoundary: row.placement_inside_boundary,
    laGssCode: row.placement_la_gss_code,
    distanceMiles: row.distance_miles === null ? null : Number(row.distance_miles),
    version: row.version,
  }))
}

export async function listPeriods(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('period_of_care')
    .select(['id', 'start_date', 'end_date', 'version'])
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .execute()
}

/** What the rules need to know about the child, and the council's boundary for PL_LOCATION. */
export async function childFacts(db: Db, councilId: number, childId: number) {
  const row = await db
    .selectFrom('child')
    .innerJoin('council', 'council.id', 'child.council_id')
    .select([
      'child.id',
      'child.first_name',
      'child.date_of_birth',
      'child.home_postcode',
      'child.uasc',
      'council.gss_code',
    ])
    .where('child.council_id', '=', councilId)
    .where('child.id', '=', childId)
    .executeTakeFirstOrThrow()
  return {
    id: row.id,
    firstName: row.first_name,
    dateOfBirth: row.date_of_birth,
    homePostcode: row.home_postcode,
    uasc: row.uasc,
    councilGssCode: row.gss_code,
  }
}

export type ChildRecordFacts = Awaited<ReturnType<typeof childFacts>>

/** Serialises writes to one child's looked-after record (PostgreSQL row lock; PGlite has one connection). */
export async function lockChild(db: Db, councilId: number, childId: number): Promise<void> {
  await db
    .selectFrom('child')
    .select('id')
    .where('council_id', '=', councilId)
    .where('id', '=', childId)
    .forUpdate()
    .executeTakeFirstOrThrow()
}

export async function listReviews(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('looked_after_review as r')
    .leftJoin('user_account as u', (join) =>
      join.onRef('u.council_id', '=', 'r.council_id').onRef('u.id', '=', 'r.chair_id'),
    )
    .select(['r.id', 'r.review_date', 'r.participation_code', 'r.period_of_care_id', 'u.display_name as chair_name'])
    .where('r.council_id', '=', councilId)
    .where('r.child_id', '=', childId)
    .orderBy('r.review_date', 'desc')
    .execute()
}

export async function listMissingEpisodes(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('missing_episode')
    .select([
      'id',
      'missing_type',
      'start_date',
      'end_date',
      'return_interview_offered_date',
      'return_interview_accepted',
      'version',
    ])
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export type MissingEpisodeRow = Awaited<ReturnType<typeof listMissingEpisodes>>[number]

export async function listAdoptionDecisions(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('adoption_decision')
    .select(['id', 'decision_date', 'ceased_date', 'ceased_reason', 'version'])
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .orderBy('decision_date')
    .execute()
}

export type AdoptionDecisionRow = Awaited<ReturnType<typeof listAdoptionDecisions>>[number]

export async function listAdoptions(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('adoption')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .orderBy('best_interests_decision_date')
    .execute()
}

export type AdoptionRow = Awaited<ReturnType<typeof listAdoptions>>[number]

export async function listOc2(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('oc2_outcome')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .orderBy('collection_year', 'desc')
    .execute()
}

export type Oc2Row = Awaited<ReturnType<typeof listOc2>>[number]

export async function listOc3(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('oc3_outcome')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .orderBy('collection_year', 'desc')
    .execute()
}

export type Oc3Row = Awaited<ReturnType<typeof listOc3>>[number]
