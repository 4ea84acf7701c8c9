import type { BatchWriter } from './batch-writer.js'
import { addMonths, dayFromIso, nextWorkingDay, yearOf, type Day } from './dates.js'
import type { IdSource } from './ids.js'
import { BLACKPOOL_TARGETS, POPULATION_BANDS, POPULATION_SOURCE, type CouncilPlan } from './plan.js'
import type { Rng } from './rng.js'
import type { Staff } from './staff.js'
import { instant, iso } from './write-context.js'

/**
 * Council-level rows: the council, its child population by age band, the escalation ladder for a
 * child who cannot be seen, indicator targets and explanations, the improvement plan and the scrutiny
 * committee's meetings and resolutions.
 */
export function writeCouncil(writer: BatchWriter, council: CouncilPlan, rng: Rng, windowStart: Day, asAt: Day): void {
  writer.add('council', {
    id: council.id,
    name: council.name,
    la_code: council.laCode,
    gss_code: council.gssCode,
    region: council.region,
    worker_scope: 'team',
  })
  const total = BLACKPOOL_TARGETS.childPopulation * council.size
  for (let year = yearOf(windowStart); year <= yearOf(asAt); year++) {
    // A slowly falling birth rate: the youngest bands shrink a little each year.
    const drift = (year - yearOf(asAt)) * 0.008
    for (const band of POPULATION_BANDS) {
      const youngShare = band.ageTo <= 4 ? 1 - drift : 1 + drift / 3
      writer.add('council_population', {
        council_id: council.id,
        year,
        age_from: band.ageFrom,
        age_to: band.ageTo,
        population: Math.max(0, Math.round(total * band.share * youngShare * (1 + rng.normal(0, 0.005)))),
        source: POPULATION_SOURCE,
      })
    }
  }
}

/** The ladder for a child who cannot be seen: team manager, then head of service. */
export function writeEscalationSteps(writer: BatchWriter, ids: IdSource, councilId: number): number[] {
  const steps = [
    {
      name: 'Team manager review',
      role: 'team_manager',
      days: 2,
      after: 0,
      description: 'Agree a plan to see the child within two working days.',
    },
    {
      name: 'Head of service',
      role: 'head_of_service',
      days: 3,
      after: 10,
      description: 'Consider a strategy discussion or police welfare check.',
    },
  ] as const
  return steps.map((step, index) => {
    const id = ids.id('escalation_step')
    writer.add('escalation_step', {
      council_id: councilId,
      id,
      ladder: 'child_not_seen',
      step_number: index + 1,
      name: step.name,
      escalate_to_role: step.role,
      respond_within_working_days: step.days,
      description: step.description,
      raise_after_days_overdue: step.after,
      created_by: null,
    })
    return id
  })
}

const TARGETS: readonly (readonly [string, number, number])[] = [
  ['rereferral_pct', 20, 3],
  ['assessments_45wd_pct', 90, 5],
  ['cpp_2yrs_ending_pct', 3, 1],
  ['cpp_second_subsequent_pct', 20, 3],
  ['placements_3plus_year_pct', 10, 2],
  ['placed_outside_la_pct', 40, 5],
  ['cl_17_18_suitable_pct', 95, 3],
  ['cl_19_21_suitable_pct', 95, 3],
  ['cl_19_21_eet_pct', 50, 5],
  ['cl_in_touch_pct', 95, 3],
  ['health_assessment_pct', 95, 3],
  ['dental_check_pct', 90, 5],
  ['vacancy_rate', 10, 3],
  ['agency_rate', 10, 3],
  ['caseload', 18, 2],
]

const IMPROVEMENT_ACTIONS = [
  [
    '1.1',
    'Front door',
    'Review the quality of police contacts with the MASH partners',
    ['referral_rate', 'rereferral_pct'],
  ],
  ['1.2', 'Front door', 'Reduce re-referrals within 12 months', ['rereferral_pct']],
  [
    '2.1',
    'Child protection',
    'Stop child protection plans drifting: senior review at 12 months',
    ['cpp_2yrs_ending_pct'],
  ],
  ['2.2', 'Child protection', 'Case notes detailed enough for a new worker to pick a case up', []],
  ['3.1', 'Children in care', 'Age breakdown of each category of care provision to every committee', ['cla_rate']],
  [
    '3.2',
    'Children in care',
    'More in-house foster carers: recruitment campaign and Mockingbird pilot',
    ['placed_outside_la_pct'],
  ],
  ['3.3', 'Children in care', 'Health assessments up to date for every child in care', ['health_assessment_pct']],
  ['4.1', 'Care leavers', 'Pathway plans specific and outcome-focused', ['cl_19_21_eet_pct']],
  ['4.2', 'Care leavers', 'Explain unsuitable accommodation alongside the figure', ['cl_19_21_suitable_pct']],
  ['5.1', 'Workforce', 'Reduce reliance on agency social workers', ['agency_rate', 'vacancy_rate']],
  ['5.2', 'Workforce', 'Regular reflective supervision for every social worker', ['caseload']],
  ['6.1', 'Visits', 'Every missed statutory visit explained at the monthly team meeting', []],
] as const

export function writeServiceManagement(
  writer: BatchWriter,
  ids: IdSource,
  councilId: number,
  staff: Staff,
  rng: Rng,
  windowStart: Day,
  asAt: Day,
): void {
  const head = staff.headsOfService[0] ?? 1
  const performance = staff.performanceOfficers[0] ?? head
  const reportingYear = (day: Day) => (day > dayFromIso(`${yearOf(day)}-03-31`) ? yearOf(day) + 1 : yearOf(day))
  for (const year of [reportingYear(asAt) - 1, reportingYear(asAt)]) {
    for (const [indicator, target, tolerance] of TARGETS) {
      writer.add('indicator_target', {
        council_id: councilId,
        id: ids.id('indicator_target'),
        indicator_id: indicator,
        year,
        target,
        amber_tolerance: tolerance,
        note: null,
        set_by: head,
        created_by: null,
      })
    }
  }
  const lastMarch = dayFromIso(`${reportingYear(asAt) - 1}-03-31`)
  const explanations = [
    [
      'cl_19_21_suitable_pct',
      'Most of the care leavers counted as in unsuitable accommodation were in custody on their birthday.',
    ],
    [
      'placed_outside_la_pct',
      'Most children placed outside the borough are in children’s homes: there are few local homes with places for our children.',
    ],
    ['cla_rate', 'Two large sibling groups came into care in the autumn, which explains most of the rise.'],
  ] as const
  for (const [indicator, explanation] of explanations) {
    writer.add('indicator_explanation', {
      council_id: councilId,
      id: ids.id('indicator_explanation'),
      indicator_id: indicator,
      period_end: iso(lastMarch),
      explanation,
      author_id: performance,
      written_at: instant(Math.min(asAt, lastMarch + 40), rng),
    })
  }

  IMPROVEMENT_ACTIONS.forEach(([reference, theme, title, indicators], index) => {
    const due = addMonths(windowStart, 6 + index * 2 + rng.int(0, 6))
    const complete = due < asAt && rng.chance(0.45)
    const status = complete
      ? 'complete'
      : due < asAt
        ? rng.chance(0.5)
          ? 'off_track'
          : 'at_risk'
        : rng.chance(0.7)
          ? 'on_track'
          : 'not_started'
    const actionId = ids.id('improvement_action')
    // As the committee found, some actions have no target and have not been updated.
    const neglected = rng.chance(0.25)
    writer.add('improvement_action', {
      council_id: councilId,
      id: actionId,
      reference,
      theme,
      title,
      description: null,
      owner_id: head,
      owner_name: null,
      target: neglected ? null : 'See the indicator targets for this year',
      due_date: iso(due),
      status,
      completed_date: complete ? iso(Math.min(asAt, due - rng.int(0, 60))) : null,
      indicator_ids: [...indicators],
      last_update_at: neglected ? null : instant(asAt - rng.int(5, 90), rng),
      created_by: null,
    })
    if (!neglected) {
      for (let update = 0; update < rng.int(1, 3); update++) {
        writer.add('improvement_action_update', {
          council_id: councilId,
          id: ids.id('improvement_action_update'),
          action_id: actionId,
          status,
          update_text: 'Progress reported to the Getting to Good board.',
          author_id: head,
          written_at: instant(asAt - rng.int(5, 300), rng),
        })
      }
    }
  })

  // The scrutiny committee meets every two months; each meeting asks for reports back.
  const meetings: { id: number; day: Day }[] = []
  for (
    let day = nextWorkingDay(addMonths(windowStart, 1));
    day <= asAt + 120;
    day = nextWorkingDay(addMonths(day, 2))
  ) {
    const id = ids.id('committee_meeting')
    meetings.push({ id, day })
    writer.add('committee_meeting', {
      council_id: councilId,
      id,
      committee_name: 'Children and Young People’s Scrutiny Committee',
      meeting_date: iso(day),
      title: day > asAt ? 'Forthcoming meeting' : 'Ordinary meeting',
      minutes_url: null,
      note: null,
      created_by: null,
    })
  }
  const subjects = [
    'to receive an age breakdown of each category of care provision at the next meeting',
    'to receive the explanation of unsuitable accommodation alongside the care leaver figures',
    'to receive a report on placements outside the borough and their cost',
    'to receive the workforce dashboard, including agency workers and vacancies',
    'to receive an update on missed statutory visits and the reasons recorded',
  ]
  meetings.forEach((meeting, index) => {
    if (meeting.day > asAt) return
    const next = meetings[index + 1]
    const count = rng.int(1, 3)
    for (let number = 1; number <= count; number++) {
      const done = next !== undefined && next.day <= asAt && rng.chance(0.7)
      writer.add('committee_resolution', {
        council_id: councilId,
        id: ids.id('committee_resolution'),
        meeting_id: meeting.id,
        resolution_number: number,
        resolution_text: `The Committee agreed: ${number}. ${rng.pick(subjects)}.`,
        owner_id: head,
        due_date: next === undefined ? null : iso(next.day),
        due_meeting_id: next?.id ?? null,
        status: done ? 'done' : next !== undefined && next.day <= asAt ? 'in_progress' : 'open',
        done_date: done && next !== undefined ? iso(next.day) : null,
        done_note: done ? 'Report received by the Committee.' : null,
        created_by: null,
      })
    }
  })
}
