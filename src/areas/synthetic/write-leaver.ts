import { addMonths, addYears, ageOn, dayFromIso, yearOf, type Day } from './dates.js'
import type { CareLeaverStatusStory, CareLeaverStory } from './story.js'
import type { PlacementWritten } from './write-care.js'
import { iso, managerOf, workerFor, type ChildWrite, type CouncilWriteContext } from './write-context.js'

/**
 * Care leavers: pathway needs assessment, pathway plan with goals and six-monthly reviews, keeping in
 * touch contacts, accommodation and activity histories (903 ACCOM and ACTIV), Staying Put, OC3 rows at
 * the 17th to 21st birthdays, and requests for support after 21.
 */
const UNSUITABLE_REASON: Record<string, string> = {
  X: 'custody',
  S: 'homeless',
  V: 'emergency',
  W: 'emergency',
  B: 'unsafe',
  U: 'poor_condition',
  D: 'support_needs_not_met',
  T: 'support_needs_not_met',
  E: 'support_needs_not_met',
  K: 'unaffordable',
  R: 'other',
  Y: 'other',
  C: 'support_needs_not_met',
  Z: 'other',
}

const IN_TOUCH_OUTCOME = {
  YES: 'yes',
  NO: 'no',
  REFU: 'refused',
  RHOM: 'returned_home',
  NREQ: 'no_longer_requires',
  DIED: 'died',
} as const

const GOALS = [
  ['accommodation', 'Move into my own tenancy with support', 'Personal adviser and housing officer'],
  ['education_employment_training', 'Start a college course or apprenticeship', 'Personal adviser and careers adviser'],
  ['health', 'Register with a GP and dentist near my new home', 'Personal adviser'],
  ['finance', 'Open a bank account and manage a weekly budget', 'Personal adviser'],
] as const

export function writeCareLeaver(
  context: CouncilWriteContext,
  child: ChildWrite,
  placements: readonly PlacementWritten[],
): void {
  const leaver = child.story.careLeaver
  const dob = child.story.dateOfBirth
  const openPeriod = child.story.carePeriods.find((period) => period.end === null)
  // Pathway planning starts at 16 for eligible children, in care or not.
  const planned = leaver !== null || (openPeriod !== undefined && ageOn(dob, context.asAt) >= 16)
  if (planned) writePathway(context, child, leaver, openPeriod?.start ?? null)
  if (leaver === null) return
  writeStatuses(context, child, leaver)
  writeOc3(context, child, leaver.statuses)
  if (leaver.stayingPut) {
    const last = placements[placements.length - 1]
    context.writer.add('staying_arrangement', {
      council_id: context.council.id,
      id: context.ids.id('staying_arrangement'),
      child_id: child.id,
      arrangement_type: 'staying_put',
      start_date: iso(leaver.leftCare),
      end_date: leaver.stayingPutEnd === null ? null : iso(leaver.stayingPutEnd),
      weekly_payment_pence: child.rng.int(220, 320) * 100,
      foster_household_id: last?.fosterHouseholdId ?? null,
      provider_id: null,
      end_reason: leaver.stayingPutEnd === null ? null : 'Moved to their own tenancy',
      note: null,
      created_by: null,
    })
  }
  const twentyFirst = addYears(dob, 21)
  if (leaver.servicesEnd === null && twentyFirst <= context.asAt) {
    const requested = twentyFirst + child.rng.int(0, 120)
    if (requested <= context.asAt) {
      const responded = requested + child.rng.int(3, 20)
      const answered = responded <= context.asAt
      context.writer.add('support_request', {
        council_id: context.council.id,
        id: context.ids.id('support_request'),
        child_id: child.id,
        requested_date: iso(requested),
        request_type: 'personal_adviser_support',
        detail: 'Asked for a personal adviser to help with a college application and budgeting.',
        outcome: answered ? 'agreed' : null,
        response: answered ? 'Personal adviser support agreed to 25.' : null,
        responded_date: answered ? iso(responded) : null,
        responded_by: answered ? workerFor(context, child, responded, 'personal_adviser').userId : null,
        created_by: null,
      })
    }
  }
}

function writePathway(
  context: CouncilWriteContext,
  child: ChildWrite,
  leaver: CareLeaverStory | null,
  careStart: Day | null,
): void {
  const { writer, ids } = context
  const council = context.council.id
  const rng = child.rng
  const dob = child.story.dateOfBirth
  const firstCare = child.story.carePeriods[child.story.carePeriods.length - 1]?.start ?? careStart ?? dob
  const start = Math.max(addYears(dob, 16), firstCare + 14)
  if (start > context.asAt) return
  const completed = start + rng.int(20, 80)
  const done = completed <= context.asAt
  const assessor = workerFor(context, child, start)
  const assessmentId = ids.id('pathway_needs_assessment')
  writer.add('pathway_needs_assessment', {
    council_id: council,
    id: assessmentId,
    child_id: child.id,
    start_date: iso(start),
    completed_date: done ? iso(completed) : null,
    completed_by: done ? assessor.userId : null,
    summary: done ? 'Needs assessed with the young person: accommodation, education and health.' : null,
    created_by: null,
  })
  if (!done) return
  const end = leaver?.servicesEnd ?? null
  const authorised = completed + rng.int(3, 20)
  const planId = ids.id('pathway_plan')
  writer.add('pathway_plan', {
    council_id: council,
    id: planId,
    child_id: child.id,
    needs_assessment_id: assessmentId,
    status: end === null ? 'active' : 'ended',
    plan_date: iso(completed),
    authorised_date: authorised <= context.asAt ? iso(authorised) : null,
    authorised_by: authorised <= context.asAt ? managerOf(context, assessor.teamId) : null,
    end_date: end === null ? null : iso(Math.max(end, completed)),
    summary: 'Plan for moving on from care, agreed with the young person.',
    young_person_view: rng.chance(0.7) ? 'I want to live near my friends and keep going to college.' : null,
    created_by: null,
  })
  const goals = rng.int(2, 4)
  for (let index = 0; index < goals; index++) {
    const goal = GOALS[index]
    if (goal === undefined) continue
    const byWhen = addMonths(completed, rng.int(3, 12))
    const achieved = byWhen < context.asAt && rng.chance(0.55)
    writer.add('pathway_goal', {
      council_id: council,
      id: ids.id('pathway_goal'),
      child_id: child.id,
      pathway_plan_id: planId,
      life_area: goal[0],
      what: goal[1],
      by_when: iso(byWhen),
      who_helps: goal[2],
      measure: 'Reviewed at the next pathway plan review',
      status: achieved ? 'achieved' : byWhen < context.asAt ? 'partly_achieved' : 'open',
      achieved_date: achieved ? iso(byWhen - rng.int(0, 30)) : null,
      created_by: null,
    })
  }
  const last = Math.min(end ?? context.asAt, context.asAt)
  for (
    let review = addMonths(completed, 6);
    review <= last;
    review = addMonths(review, 6) + (rng.chance(0.9) ? -rng.int(0, 14) : rng.int(1, 40))
  ) {
    if (review < context.windowStart) continue
    const reviewer = workerFor(context, child, review, 'personal_adviser')
    writer.add('pathway_review', {
      council_id: council,
      id: ids.id('pathway_review'),
      child_id: child.id,
      pathway_plan_id: planId,
      review_date: iso(review),
      reviewed_by: reviewer.userId,
      young_person_attended: rng.chance(0.8),
      summary: 'Plan reviewed: accommodation, money, education and health.',
      created_by: null,
    })
  }
}

function writeStatuses(context: CouncilWriteContext, child: ChildWrite, leaver: CareLeaverStory): void {
  const { writer, ids } = context
  const council = context.council.id
  const rng = child.rng
  const statuses = leaver.statuses
  const finalDay = leaver.servicesEnd
  // Held in an object so TypeScript does not narrow them to null across the closures below.
  const runs: { accommodation: { code: string; start: Day } | null; activity: { code: string; start: Day } | null } = {
    accommodation: null,
    activity: null,
  }
  const closeAccommodation = (end: Day | null) => {
    const run = runs.accommodation
    if (run === null) return
    const type = run.code.charAt(0)
    const suitable = run.code.endsWith('1')
    writer.add('care_leaver_accommodation', {
      council_id: council,
      id: ids.id('care_leaver_accommodation'),
      child_id: child.id,
      start_date: iso(run.start),
      end_date: end === null ? null : iso(end),
      accommodation_type: type,
      suitable,
      young_person_view: rng.weighted([
        [suitable ? 'suitable' : 'not_suitable', 70],
        ['not_asked', 20],
        ['declined_to_say', 10],
      ] as const),
      young_person_comment: null,
      unsuitable_reason: suitable ? null : (UNSUITABLE_REASON[type] ?? 'other'),
      address: null,
      postcode: null,
      created_by: null,
    })
    runs.accommodation = null
  }
  const closeActivity = (end: Day | null) => {
    const run = runs.activity
    if (run === null) return
    writer.add('care_leaver_activity', {
      council_id: council,
      id: ids.id('care_leaver_activity'),
      child_id: child.id,
      start_date: iso(run.start),
      end_date: end === null ? null : iso(end),
      activity_code: run.code,
      provider_name: run.code.startsWith('G') ? null : 'Local college or employer',
      note: null,
      created_by: null,
    })
    runs.activity = null
  }
  for (const status of statuses) {
    if (status.accommodation !== '0' && runs.accommodation?.code !== status.accommodation) {
      closeAccommodation(status.day)
      runs.accommodation = { code: status.accommodation, start: status.day }
    }
    if (status.activity !== '0' && runs.activity?.code !== status.activity) {
      closeActivity(status.day)
      runs.activity = { code: status.activity, start: status.day }
    }
    if (status.day >= context.windowStart) {
      writer.add('keeping_in_touch_contact', {
        council_id: council,
        id: ids.id('keeping_in_touch_contact'),
        child_id: child.id,
        contact_date: iso(status.day),
        method:
          status.inTouch === 'YES'
            ? rng.weighted([
                ['face_to_face', 55],
                ['phone', 25],
                ['text_message', 12],
                ['video_call', 8],
              ] as const)
            : rng.weighted([
                ['phone', 50],
                ['text_message', 35],
                ['letter', 15],
              ] as const),
        outcome: IN_TOUCH_OUTCOME[status.inTouch as keyof typeof IN_TOUCH_OUTCOME] ?? 'no',
        made_by: workerFor(context, child, status.day, 'personal_adviser').userId,
        note: null,
        created_by: null,
      })
    }
  }
  closeAccommodation(finalDay)
  closeActivity(finalDay)
}

/** OC3: the status nearest each 17th to 21st birthday, in the collection year holding the birthday. */
function writeOc3(context: CouncilWriteContext, child: ChildWrite, statuses: readonly CareLeaverStatusStory[]): void {
  const dob = child.story.dateOfBirth
  for (let age = 17; age <= 21; age++) {
    const birthday = addYears(dob, age)
    if (birthday > context.asAt || birthday < context.windowStart) continue
    let nearest: CareLeaverStatusStory | undefined
    for (const status of statuses) {
      if (Math.abs(status.day - birthday) > 100) continue
      if (nearest === undefined || Math.abs(status.day - birthday) < Math.abs(nearest.day - birthday)) nearest = status
    }
    if (nearest === undefined) continue
    const year = yearOf(birthday)
    const collectionYear = birthday > dayFromIso(`${year}-03-31`) ? year + 1 : year
    context.writer.add('oc3_outcome', {
      council_id: context.council.id,
      id: context.ids.id('oc3_outcome'),
      child_id: child.id,
      collection_year: collectionYear,
      age_at_birthday: age,
      in_touch: nearest.inTouch,
      activity: nearest.activity,
      accommodation: nearest.accommodation,
      created_by: null,
    })
  }
}
