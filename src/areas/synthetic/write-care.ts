import { addMonths, addWorkingDays, ageOn, dayFromIso, nextWorkingDay, yearOf, type Day } from './dates.js'
import { distanceMiles } from './postcodes.js'
import { FOSTER_PLACEMENTS, NO_URN, NO_URN_PLACEMENTS } from '../looked-after/placement-rules.js'
import { ownFosteringServiceUrn } from './providers.js'
import type { CarePeriodStory, EpisodeStory } from './story.js'
import { note } from './write-cin.js'
import {
  writeAdoption,
  writeHealthAndEducation,
  writeMissing,
  writeOc2,
  writeUascDetail,
} from './write-care-records.js'
import { inWindow, iso, workerFor, type ChildWrite, type CouncilWriteContext } from './write-context.js'

/**
 * Looked-after children's records: periods of care, placements (with provider, household and weekly
 * cost), the 903 episodes, reviews, health and dental checks, personal education plans, SDQs, missing
 * episodes, UASC details, OC2 outcomes and adoption decisions. Operational records (reviews, checks,
 * missing episodes) are written for the history window only; episodes and placements in full.
 */
export interface PlacementWritten {
  id: number
  start: Day
  end: Day | null
  placement: string
  longTerm: boolean
  inBorough: boolean
  fosterHouseholdId: number | null
}

const WEEKLY_COST_POUNDS: Record<string, readonly [number, number]> = {
  inHouseFoster: [380, 520],
  kinship: [260, 420],
  agencyFoster: [850, 1250],
  childrensHome: [4800, 8800],
  secureHome: [7500, 9800],
  supportedAccommodation: [1400, 3600],
  residentialSchool: [3800, 6500],
  motherAndBaby: [2800, 5200],
}

const PARTICIPATION = [
  ['PN1', 48],
  ['PN2', 10],
  ['PN3', 4],
  ['PN4', 6],
  ['PN5', 10],
  ['PN6', 14],
  ['PN7', 8],
] as const

export function writeCareRecord(context: CouncilWriteContext, child: ChildWrite): PlacementWritten[] {
  const placements: PlacementWritten[] = []
  for (const period of child.story.carePeriods) placements.push(...writePeriod(context, child, period))
  if (child.story.uasc) writeUascDetail(context, child)
  return placements
}

function writePeriod(context: CouncilWriteContext, child: ChildWrite, period: CarePeriodStory): PlacementWritten[] {
  const { writer, ids } = context
  const council = context.council.id
  const periodId = ids.id('period_of_care')
  writer.add('period_of_care', {
    council_id: council,
    id: periodId,
    child_id: child.id,
    start_date: iso(period.start),
    end_date: period.end === null ? null : iso(period.end),
    created_by: null,
  })
  // 903 PrevPerm (DfE rules 630, 634): each period of care from April 2016 says whether the child had a
  // permanence order before.
  if (iso(period.start) >= '2016-04-01')
    writer.add('previous_permanence', {
      council_id: council,
      id: ids.id('previous_permanence'),
      child_id: child.id,
      period_of_care_id: periodId,
      permanence_option: 'Z1',
      arranging_la: null,
      order_year: null,
      order_month: null,
      order_day: null,
      created_by: null,
    })
  note(
    context,
    child,
    period.start,
    'significant_event',
    'Became looked after',
    'Started to be looked after. Placement plan agreed and the child’s family told where the child is living.',
    'period_of_care',
    periodId,
  )

  // Group episodes into placements: a change of legal status alone keeps the placement.
  const groups: EpisodeStory[][] = []
  for (const episode of period.episodes) {
    const last = groups[groups.length - 1]
    if (last === undefined || episode.rne !== 'L') groups.push([episode])
    else last.push(episode)
  }
  const placements: PlacementWritten[] = []
  groups.forEach((group, index) => {
    const first = group[0]
    const last = group[group.length - 1]
    if (first === undefined || last === undefined) return
    const setting = first.setting
    const links = context.providers.linksFor(setting)
    const placementId = ids.id('placement')
    const ended = index < groups.length - 1
    writer.add('placement', {
      council_id: council,
      id: placementId,
      child_id: child.id,
      placement_type: setting.placement,
      provider_id: links.providerId,
      foster_household_id: links.fosterHouseholdId,
      start_date: iso(first.start),
      end_date: last.end === null ? null : iso(last.end),
      address: null,
      postcode: setting.postcode.postcode,
      end_reason: ended ? last.reasonPlaceChange : null,
      created_by: null,
    })
    writeCosts(context, child, placementId, setting.kind, first.start, last.end)
    placements.push({
      id: placementId,
      start: first.start,
      end: last.end,
      placement: setting.placement,
      longTerm: setting.placement === 'U1' || setting.placement === 'U4',
      inBorough: setting.inBorough,
      fosterHouseholdId: links.fosterHouseholdId,
    })
    if (index > 0) {
      note(
        context,
        child,
        first.start,
        'significant_event',
        'Placement changed',
        'Moved to a new placement. Social worker visit booked within the week.',
        'placement',
        placementId,
      )
    }
    for (const episode of group) {
      writer.add('looked_after_episode', {
        council_id: council,
        id: ids.id('looked_after_episode'),
        child_id: child.id,
        period_of_care_id: periodId,
        placement_id: placementId,
        start_date: iso(episode.start),
        reason_new_episode: episode.rne,
        legal_status: episode.legalStatus,
        category_of_need: episode.categoryOfNeed,
        placement_type: episode.setting.placement,
        placement_provider: episode.setting.provider,
        end_date: episode.end === null ? null : iso(episode.end),
        reason_episode_ceased: episode.reasonEnded,
        reason_place_change: episode.reasonPlaceChange,
        home_postcode: child.home.postcode,
        placement_postcode: episode.setting.postcode.postcode,
        ofsted_urn: episodeUrn(episode.setting.placement, episode.setting.urn, council),
        placement_inside_boundary: episode.setting.inBorough,
        placement_la_gss_code: episode.setting.postcode.utlaCode,
        distance_miles: distanceMiles(child.home, episode.setting.postcode),
        created_by: null,
      })
    }
  })
  writeReviews(context, child, period, periodId)
  writeHealthAndEducation(context, child, period)
  writeMissing(context, child, period)
  writeOc2(context, child, period)
  writeAdoption(context, child, period)
  return placements
}

function writeCosts(
  context: CouncilWriteContext,
  child: ChildWrite,
  placementId: number,
  kind: string,
  start: Day,
  end: Day | null,
): void {
  const range = WEEKLY_COST_POUNDS[kind]
  if (range === undefined) return
  let weekly = child.rng.int(range[0], range[1]) * 100
  const last = Math.min(end ?? context.asAt, context.asAt)
  // A price uplift each April inside the history window: the committee saw placement costs rise.
  const aprils: Day[] = []
  for (let year = yearOf(Math.max(start, context.windowStart)); year <= yearOf(last); year++) {
    const april = dayFromIso(`${year}-04-01`)
    if (april > start && april >= context.windowStart && april <= last) aprils.push(april)
  }
  let from = start
  for (const april of [...aprils, null]) {
    context.writer.add('placement_cost', {
      council_id: context.council.id,
      id: context.ids.id('placement_cost'),
      placement_id: placementId,
      cost_element: 'placement',
      weekly_cost_pence: weekly,
      partner_contribution_pence: kind === 'residentialSchool' ? Math.round(weekly * 0.4) : 0,
      effective_from: iso(from),
      effective_to: april === null ? (end === null ? null : iso(end)) : iso(april - 1),
      note: null,
      created_by: null,
    })
    if (april === null) break
    weekly = Math.round(weekly * (1 + child.rng.int(3, 8) / 100))
    from = april
  }
}

function writeReviews(
  context: CouncilWriteContext,
  child: ChildWrite,
  period: CarePeriodStory,
  periodId: number,
): void {
  const end = Math.min(period.end ?? context.asAt, context.asAt)
  const rng = child.rng
  let due = addWorkingDays(period.start, 20)
  let count = 0
  while (due <= end && count < 80) {
    const held = rng.chance(0.93)
      ? nextWorkingDay(Math.max(period.start + 1, due - rng.int(0, 8)))
      : addWorkingDays(due, rng.int(1, 20))
    if (held > end) break
    if (inWindow(context, held)) {
      const age = ageOn(child.story.dateOfBirth, held)
      context.writer.add('looked_after_review', {
        council_id: context.council.id,
        id: context.ids.id('looked_after_review'),
        child_id: child.id,
        period_of_care_id: periodId,
        review_date: iso(held),
        participation_code: age < 4 ? 'PN0' : rng.weighted(PARTICIPATION),
        chair_id: workerFor(context, child, held, 'iro').userId,
        created_by: null,
      })
    }
    due = addMonths(held, count === 0 ? 3 : 6)
    count++
  }
}

/**
 * The URN an episode carries, as the looked-after services require it: none for placements that have
 * none (with parents, independent living, custody, temporary), the setting's own when registered, the
 * council's fostering service for its foster placements, and XXXXXXX otherwise.
 */
function episodeUrn(placement: string, settingUrn: string | null, councilId: number): string | null {
  if (NO_URN_PLACEMENTS.includes(placement)) return null
  if (settingUrn !== null) return settingUrn
  if (FOSTER_PLACEMENTS.includes(placement)) return ownFosteringServiceUrn(councilId)
  return NO_URN
}
