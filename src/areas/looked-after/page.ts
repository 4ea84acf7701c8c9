import type { Db } from '../../db/database.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { currentEpisode } from './episode-rules.js'
import { collectionYearOf } from './outcome-rules.js'
import { ADOPTION_PLACEMENTS } from './placement-rules.js'
import {
  listAdoptionDecisions,
  listAdoptions,
  listEpisodes,
  listMissingEpisodes,
  listOc2,
  listOc3,
  listPeriods,
  listReviews,
} from './queries.js'
import { lookedAfterHref } from './route-helpers.js'
import {
  adoptionRows,
  currentPlacementRows,
  missingRows,
  oc2Rows,
  oc3Rows,
  periodViews,
  reviewRows,
} from './view-rows.js'

/** Everything the looked-after page of a child's record shows, shaped for the template. */

export const SAVED_MESSAGES: Readonly<Record<string, string>> = {
  start: 'They are recorded as looked after',
  placement: 'Change of placement recorded',
  'legal-status': 'Change of legal status recorded',
  end: 'The period of care has ended',
  review: 'Review recorded',
  missing: 'Missing or away episode recorded',
  return: 'Their return recorded',
  decision: 'Decision that they should be placed for adoption recorded',
  reversal: 'Reversal of the adoption decision recorded',
  match: 'Matching with adopters recorded',
  oc2: 'OC2 outcomes recorded',
  oc3: 'Care leaver outcomes (OC3) recorded',
}

export async function lookedAfterPage(db: Db, councilId: number, childId: number) {
  const [episodes, periods, reviews, missing, decisions, adoptions, oc2, oc3] = await Promise.all([
    listEpisodes(db, councilId, childId),
    listPeriods(db, councilId, childId),
    listReviews(db, councilId, childId),
    listMissingEpisodes(db, councilId, childId),
    listAdoptionDecisions(db, councilId, childId),
    listAdoptions(db, councilId, childId),
    listOc2(db, councilId, childId),
    listOc3(db, councilId, childId),
  ])
  const current = currentEpisode(episodes)
  const currentPeriod = current && periods.find((period) => period.id === current.periodOfCareId)
  const openDecision = decisions.find((decision) => decision.ceased_date === null)
  const latestDecision = openDecision ?? decisions.at(-1)
  const adoption = adoptions.find((row) => row.adoption_decision_id === latestDecision?.id)
  const placedOn =
    latestDecision === undefined
      ? null
      : (episodes.find(
          (episode) =>
            ADOPTION_PLACEMENTS.includes(episode.placementType) && episode.startDate >= latestDecision.decision_date,
        )?.startDate ?? null)
  const adoptedOn =
    episodes.find((episode) => ['E11', 'E12'].includes(episode.reasonEpisodeCeased ?? ''))?.endDate ?? null
  const year = collectionYearOf(todayInLondon())
  return {
    current,
    currentRows: current ? currentPlacementRows(current, currentPeriod?.start_date ?? null) : [],
    everLookedAfter: periods.length > 0,
    periods: periodViews(periods, episodes),
    reviewRows: reviewRows(reviews),
    missingRows: missingRows(missing),
    openMissing: missing
      .filter((row) => row.end_date === null)
      .map((row) => ({
        id: row.id,
        href: lookedAfterHref(childId, 'missing', row.id, 'return'),
        startDate: row.start_date,
      })),
    adoptionRows: adoptionRows(latestDecision, adoption, placedOn, adoptedOn),
    openDecision,
    reversalHref: openDecision ? lookedAfterHref(childId, 'adoption', 'decision', openDecision.id, 'reversal') : null,
    oc2Rows: oc2Rows(oc2),
    oc3Rows: oc3Rows(oc3),
    collectionYear: year,
    links: {
      start: lookedAfterHref(childId, 'start'),
      placement: lookedAfterHref(childId, 'placement-change'),
      legalStatus: lookedAfterHref(childId, 'legal-status'),
      end: lookedAfterHref(childId, 'end'),
      review: lookedAfterHref(childId, 'reviews', 'new'),
      missing: lookedAfterHref(childId, 'missing', 'new'),
      decision: lookedAfterHref(childId, 'adoption', 'decision'),
      match: lookedAfterHref(childId, 'adoption', 'match'),
      oc2: lookedAfterHref(childId, 'oc2'),
      oc3: lookedAfterHref(childId, 'oc3'),
    },
  }
}
