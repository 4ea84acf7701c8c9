import type { Row } from './batch-writer.js'
import { addMonths, addWorkingDays, ageOn, dayFromIso, nextWorkingDay, yearOf } from './dates.js'
import type { CarePeriodStory } from './story.js'
import { inWindow, iso, type ChildWrite, type CouncilWriteContext } from './write-context.js'

/**
 * What is recorded while a child is looked after, beyond episodes and reviews: health and dental
 * checks, personal education plans, SDQs, missing episodes, OC2 outcomes, adoption decisions and UASC
 * details. Written for the history window only.
 */
const COUNTRY_BY_LANGUAGE: Record<string, string> = {
  Tigrinya: 'Eritrea',
  Arabic: 'Sudan',
  Kurdish: 'Iraq',
  Dari: 'Afghanistan',
  Pashto: 'Afghanistan',
  Amharic: 'Ethiopia',
  Vietnamese: 'Vietnam',
}

export function writeHealthAndEducation(
  context: CouncilWriteContext,
  child: ChildWrite,
  period: CarePeriodStory,
): void {
  const { writer, ids } = context
  const council = context.council.id
  const rng = child.rng
  const dob = child.story.dateOfBirth
  const end = Math.min(period.end ?? context.asAt, context.asAt)
  if (end - period.start < 28) return
  // Health assessments: initial within 20 working days, then every 6 months under 5, yearly after.
  let day = period.start + rng.int(12, 40)
  let type: 'initial' | 'review' = 'initial'
  while (day <= end) {
    if (inWindow(context, day)) {
      writer.add('health_assessment', {
        council_id: council,
        id: ids.id('health_assessment'),
        child_id: child.id,
        assessment_type: type,
        assessment_date: iso(day),
        completed_by: type === 'initial' ? 'Community paediatrician' : 'Looked after children’s nurse',
        outcome: 'Health plan agreed',
        created_by: null,
      })
    }
    const months = ageOn(dob, day) < 5 ? 6 : 12
    day = addMonths(day, months) + (rng.chance(0.88) ? -rng.int(0, 25) : rng.int(1, 60))
    type = 'review'
  }
  if (ageOn(dob, end) >= 1) {
    for (let check = period.start + rng.int(30, 150); check <= end; check = addMonths(check, 12) + rng.int(-20, 30)) {
      if (ageOn(dob, check) < 1 || !inWindow(context, check) || rng.chance(0.12)) continue
      writer.add('dental_check', {
        council_id: council,
        id: ids.id('dental_check'),
        child_id: child.id,
        check_date: iso(check),
        dentist: 'Community dental service',
        note: null,
        created_by: null,
      })
    }
  }
  // Personal education plans for children of school age, termly.
  const school = `${child.story.lastName.slice(0, 4)}${rng.pick(['ton', 'field', 'brook'])} ${rng.pick(['Primary School', 'Academy', 'High School'])}`
  let pepType: 'initial' | 'review' = 'initial'
  for (
    let meeting = addWorkingDays(period.start, rng.int(5, 14));
    meeting <= end;
    meeting = nextWorkingDay(meeting + rng.int(100, 130))
  ) {
    const age = ageOn(dob, meeting)
    if (age < 3 || age >= 18) continue
    if (inWindow(context, meeting)) {
      writer.add('personal_education_plan', {
        council_id: council,
        id: ids.id('personal_education_plan'),
        child_id: child.id,
        pep_type: pepType,
        meeting_date: iso(meeting),
        school_name: school,
        school_urn: null,
        designated_teacher: null,
        quality_rating: rng.weighted([
          ['good', 60],
          ['requires_improvement', 25],
          ['outstanding', 10],
          ['inadequate', 5],
        ] as const),
        note: null,
        created_by: null,
      })
    }
    pepType = 'review'
  }
  // SDQ: yearly for 4 to 16 year olds.
  for (
    let completed = period.start + rng.int(60, 180);
    completed <= end;
    completed = addMonths(completed, 12) + rng.int(-20, 20)
  ) {
    const age = ageOn(dob, completed)
    if (age < 4 || age > 16 || !inWindow(context, completed)) continue
    const refused = rng.chance(0.08)
    writer.add('sdq_assessment', {
      council_id: council,
      id: ids.id('sdq_assessment'),
      child_id: child.id,
      completed_date: iso(completed),
      score: refused ? null : Math.max(0, Math.min(40, Math.round(rng.normal(14.5, 6)))),
      reason_not_completed: refused
        ? child.story.disabilities.length > 0
          ? 'SDQ3'
          : rng.weighted([
              ['SDQ2', 40],
              ['SDQ5', 40],
              ['SDQ4', 20],
            ] as const)
        : null,
      completed_by: refused ? null : 'Carer',
      created_by: null,
    })
  }
}

export function writeMissing(context: CouncilWriteContext, child: ChildWrite, period: CarePeriodStory): void {
  const rng = child.rng
  const dob = child.story.dateOfBirth
  const from = Math.max(period.start, context.windowStart, addMonths(dob, 11 * 12))
  const to = Math.min(period.end ?? context.asAt, context.asAt)
  if (to <= from || !rng.chance(0.32)) return
  const rate = rng.logNormal(2.2, 0.9)
  const count = Math.min(40, rng.poisson((rate * (to - from)) / 365.25))
  const episodes: { start: number; endDay: number; row: Omit<Row<'missing_episode'>, 'id'> }[] = []
  for (let index = 0; index < count; index++) {
    const start = from + rng.int(0, to - from)
    const startedAt = start * 86_400_000 + rng.int(14 * 60, 22 * 60) * 60_000
    const endedAt = startedAt + rng.int(2 * 60, 72 * 60) * 60_000
    const endDay = Math.floor(endedAt / 86_400_000)
    const open = endDay > context.asAt
    const missing = rng.chance(0.65)
    episodes.push({
      start,
      endDay,
      row: {
        council_id: context.council.id,
        child_id: child.id,
        missing_type: missing ? 'M' : 'A',
        start_date: iso(start),
        end_date: open ? null : iso(endDay),
        started_at: new Date(startedAt).toISOString(),
        ended_at: open ? null : new Date(endedAt).toISOString(),
        reported_to_police: missing,
        return_interview_offered_date: missing && !open ? iso(Math.min(context.asAt, endDay + rng.int(0, 3))) : null,
        return_interview_accepted: missing && !open ? rng.chance(0.55) : null,
        note: null,
        created_by: null,
      },
    })
  }
  // A child is missing or away once at a time: the services refuse an episode that starts while another
  // is running or on the same day (903 rule 574), so later draws that would overlap are dropped.
  episodes.sort((a, b) => a.start - b.start)
  let lastEnd = Number.NEGATIVE_INFINITY
  for (const { start, endDay, row } of episodes) {
    if (start <= lastEnd) continue
    lastEnd = endDay
    context.writer.add('missing_episode', { id: context.ids.id('missing_episode'), ...row })
  }
}

/** OC2: looked after continuously for 12 months at 31 March, for each year in the history window. */
export function writeOc2(context: CouncilWriteContext, child: ChildWrite, period: CarePeriodStory): void {
  const rng = child.rng
  for (let year = yearOf(context.windowStart); year <= yearOf(context.asAt); year++) {
    const march31 = dayFromIso(`${year}-03-31`)
    if (march31 < context.windowStart || march31 > context.asAt) continue
    if (period.start > march31 - 365 || (period.end !== null && period.end <= march31)) continue
    const age = ageOn(child.story.dateOfBirth, march31)
    const substance = age >= 10 && rng.chance(0.05)
    const received = substance && rng.chance(0.6)
    const sdqAge = age >= 4 && age <= 16
    const sdqMissing = sdqAge && rng.chance(0.1)
    context.writer.add('oc2_outcome', {
      council_id: context.council.id,
      id: context.ids.id('oc2_outcome'),
      child_id: child.id,
      collection_year: year,
      sdq_score: sdqAge && !sdqMissing ? Math.max(0, Math.min(40, Math.round(rng.normal(14.5, 6)))) : null,
      sdq_reason: sdqAge ? (sdqMissing ? 'SDQ4' : null) : 'SDQ1',
      convicted: age >= 10 ? rng.chance(0.03) : null,
      health_check: age < 5 ? rng.chance(0.9) : null,
      immunisations: rng.chance(0.86),
      teeth_check: rng.chance(0.8),
      health_assessment: rng.chance(0.91),
      substance_misuse: substance,
      // DfE rules 158 and 159: 'offered' is returned only when no intervention was received.
      intervention_received: substance ? received : null,
      intervention_offered: substance && !received ? rng.chance(0.9) : null,
      created_by: null,
    })
  }
}

export function writeAdoption(context: CouncilWriteContext, child: ChildWrite, period: CarePeriodStory): void {
  const order = period.episodes.find((episode) => episode.legalStatus === 'E1')
  if (order === undefined) return
  const rng = child.rng
  const decision = Math.max(period.start, order.start - rng.int(60, 180))
  const adopted = period.reasonEnded === 'E11' || period.reasonEnded === 'E12'
  const ceased = period.end !== null && !adopted
  const decisionId = context.ids.id('adoption_decision')
  context.writer.add('adoption_decision', {
    council_id: context.council.id,
    id: decisionId,
    child_id: child.id,
    decision_date: iso(decision),
    ceased_date: ceased && period.end !== null ? iso(period.end) : null,
    ceased_reason: ceased
      ? rng.weighted([
          ['RD1', 40],
          ['RD3', 30],
          ['RD4', 30],
        ] as const)
      : null,
    created_by: null,
  })
  if (!adopted) return
  const placed = period.episodes.find(
    (episode) => episode.setting.placement === 'A5' || episode.setting.placement === 'A6',
  )
  const two = rng.chance(0.85)
  const sex = two
    ? rng.weighted([
        ['MF', 80],
        ['FF', 12],
        ['MM', 8],
      ] as const)
    : rng.chance(0.8)
      ? 'F1'
      : 'M1'
  const legal = !two
    ? 'L0'
    : sex === 'MF'
      ? rng.chance(0.65)
        ? 'L11'
        : 'L3'
      : rng.weighted([
          ['L12', 50],
          ['L2', 30],
          ['L4', 20],
        ] as const)
  context.writer.add('adoption', {
    council_id: context.council.id,
    id: context.ids.id('adoption'),
    child_id: child.id,
    adoption_decision_id: decisionId,
    best_interests_decision_date: iso(decision),
    matched_date: placed === undefined ? null : iso(Math.max(decision, placed.start - rng.int(10, 40))),
    adopted_by_foster_carer: placed?.setting.placement === 'A5',
    number_of_adopters: two ? 2 : 1,
    adopter_sex: sex,
    adopter_legal_status: legal,
    created_by: null,
  })
}

export function writeUascDetail(context: CouncilWriteContext, child: ChildWrite): void {
  const first = child.story.cinEpisodes[0]
  if (first === undefined) return
  const rng = child.rng
  const language = child.story.languages[0] ?? 'Arabic'
  context.writer.add('uasc_detail', {
    council_id: context.council.id,
    child_id: child.id,
    country_of_origin: COUNTRY_BY_LANGUAGE[language] ?? null,
    arrival_date: iso(first.referralDay - rng.int(0, 10)),
    immigration_status: rng.weighted([
      ['Asylum claim pending', 55],
      ['Refugee status granted', 35],
      ['Discretionary leave to remain', 10],
    ] as const),
    immigration_status_date: iso(Math.min(context.asAt, first.referralDay + rng.int(30, 400))),
    age_assessment_date: null,
    age_assessment_outcome: null,
    national_transfer_scheme: rng.chance(0.7),
    transferred_from_la: null,
    note: null,
    created_by: null,
  })
}
