import type { Db } from '../../db/database.js'
import { updateVersioned } from '../../web/concurrency.js'
import type { SignedInUser } from '../../web/context.js'
import { ConflictError, NotFoundError } from '../../web/errors.js'
import { ADOPTION_PLACEMENTS } from './placement-rules.js'
import { childFacts, listAdoptionDecisions, listEpisodes } from './queries.js'
import {
  adoptionDecisionIssues,
  adoptionMatchIssues,
  decisionReversalIssues,
  type AdoptionMatch,
} from './record-rules.js'
import { audit, failIf, owner, periodFacts, returnTo, writeForChild } from './records-service.js'

/**
 * Adoption milestones for the 903 return: the decision that the child should be placed for adoption
 * (PlacedAdoption), its reversal, and matching with adopters (AD1). Being placed for adoption is an
 * episode (PLACE A3 to A6) and being adopted is its ending (REC E11, E12): both are recorded as
 * episodes, so the milestones page reads them from there.
 */

const decisionFacts = (rows: Awaited<ReturnType<typeof listAdoptionDecisions>>) =>
  rows.map((row) => ({ id: row.id, decisionDate: row.decision_date, ceasedDate: row.ceased_date }))

/** The decision that the child should be placed for adoption (903 PlacedAdoption DATE_PLACED). */
export async function recordAdoptionDecision(
  db: Db,
  user: SignedInUser,
  childId: number,
  decisionDate: string,
  ip: string,
) {
  return writeForChild(db, user, childId, ip, async (context) => {
    const { trx } = context
    const child = await childFacts(trx, user.councilId, childId)
    const periods = await periodFacts(trx, user.councilId, childId)
    const decisions = decisionFacts(await listAdoptionDecisions(trx, user.councilId, childId))
    failIf(adoptionDecisionIssues(child, periods, decisions, decisionDate))
    const row = await trx
      .insertInto('adoption_decision')
      .values({ ...owner(context), decision_date: decisionDate, ceased_date: null, ceased_reason: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(context, {
      action: 'create',
      entity: 'adoption_decision',
      entityId: row.id,
      route: 'adoption/decision',
      detail: { fields: ['decision_date'] },
    })
    return row.id
  })
}

/** The decision is reversed: the child should no longer be placed for adoption (DATE_PLACED_CEASED). */
export async function reverseAdoptionDecision(
  db: Db,
  user: SignedInUser,
  childId: number,
  decisionId: number,
  reversal: { ceasedDate: string; ceasedReason: string; version: number },
  ip: string,
) {
  return writeForChild(db, user, childId, ip, async (context) => {
    const { trx } = context
    const decisions = decisionFacts(await listAdoptionDecisions(trx, user.councilId, childId))
    const decision = decisions.find((row) => row.id === decisionId)
    if (decision === undefined) throw new NotFoundError()
    failIf(decisionReversalIssues(decision, reversal.ceasedDate))
    await updateVersioned(
      trx,
      'adoption_decision',
      { councilId: user.councilId, id: decisionId },
      reversal.version,
      { ceased_date: reversal.ceasedDate, ceased_reason: reversal.ceasedReason },
      {
        returnTo: returnTo(childId),
        yours: { Reversed: reversal.ceasedDate, Reason: reversal.ceasedReason },
        describe: (row) => ({
          Reversed: typeof row['ceased_date'] === 'string' ? row['ceased_date'] : '',
          Reason: typeof row['ceased_reason'] === 'string' ? row['ceased_reason'] : '',
        }),
      },
    )
    await audit(context, {
      action: 'update',
      entity: 'adoption_decision',
      entityId: decisionId,
      route: 'adoption/decision/:decisionId/reversal',
      detail: { fields: ['ceased_date', 'ceased_reason'] },
    })
  })
}

/**
 * Matching with adopters, and the adopters' details (903 AD1), for the open decision. DATE_INT is
 * the decision's date (rule 523). A second save edits the same record, at the version it opened.
 */
export async function recordAdoptionMatch(
  db: Db,
  user: SignedInUser,
  childId: number,
  match: AdoptionMatch & { version: number | null },
  ip: string,
) {
  return writeForChild(db, user, childId, ip, async (context) => {
    const { trx } = context
    const decisions = decisionFacts(await listAdoptionDecisions(trx, user.councilId, childId))
    const decision = decisions.find((row) => row.ceasedDate === null)
    const placed = decision
      ? (await listEpisodes(trx, user.councilId, childId)).find(
          (episode) =>
            ADOPTION_PLACEMENTS.includes(episode.placementType) && episode.startDate >= decision.decisionDate,
        )
      : undefined
    failIf(adoptionMatchIssues(decision, match, placed?.startDate ?? null))
    if (decision === undefined) throw new NotFoundError()
    const values = {
      best_interests_decision_date: decision.decisionDate,
      matched_date: match.matchedDate,
      adopted_by_foster_carer: match.adoptedByFosterCarer,
      number_of_adopters: match.numberOfAdopters,
      adopter_sex: match.adopterSex,
      adopter_legal_status: match.adopterLegalStatus,
    }
    const existing = await trx
      .selectFrom('adoption')
      .select(['id', 'matched_date'])
      .where('council_id', '=', user.councilId)
      .where('child_id', '=', childId)
      .where('adoption_decision_id', '=', decision.id)
      .executeTakeFirst()
    const yours = { Matched: match.matchedDate }
    const describe = (row: Record<string, unknown>) => ({
      Matched: typeof row['matched_date'] === 'string' ? row['matched_date'] : '',
    })
    let id: number
    if (existing === undefined) {
      if (match.version !== null) throw new ConflictError('This record has been removed', yours, {}, returnTo(childId))
      const row = await trx
        .insertInto('adoption')
        .values({ ...owner(context), adoption_decision_id: decision.id, ...values })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
    } else {
      if (match.version === null) {
        throw new ConflictError('Someone else has changed this record', yours, describe(existing), returnTo(childId))
      }
      await updateVersioned(trx, 'adoption', { councilId: user.councilId, id: existing.id }, match.version, values, {
        returnTo: returnTo(childId),
        yours,
        describe,
      })
      id = existing.id
    }
    await audit(context, {
      action: existing === undefined ? 'create' : 'update',
      entity: 'adoption',
      entityId: id,
      route: 'adoption/match',
      detail: { adoptionDecisionId: decision.id, fields: Object.keys(values) },
    })
    return id
  })
}
