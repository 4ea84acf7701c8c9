import { addMonths, addWorkingDays, nextWorkingDay, type Day } from './dates.js'
import type { CinEpisodeStory, CpPlanStory } from './story.js'
import { instant, iso, managerOf, workerFor, type ChildWrite, type CouncilWriteContext } from './write-context.js'

/**
 * The child in need record: front-door contacts, referrals (CIN episodes), assessments, strategy
 * discussions, section 47 enquiries, child protection conferences and plans, child in need plans.
 */
const REFERRER_ORGANISATION: Record<string, string> = {
  '6': 'Lancashire Constabulary',
  '2A': 'Primary or secondary school',
  '2B': 'Education welfare service',
  '3A': 'GP practice',
  '3B': 'Health visiting team',
  '3C': 'School nursing team',
  '3D': 'Community midwifery',
  '3E': 'Blackpool Victoria Hospital A&E',
  '3F': 'Community health services',
  '4': 'Housing options',
  '5A': 'Adult social care',
  '5B': 'Youth justice service',
  '5C': 'Another council’s children’s services',
  '5D': 'Early help hub',
  '7': 'Probation service',
  '8': 'Family hub',
}

const FACTOR_CONCERN: Record<string, string> = {
  '3A': 'domestic abuse in the household witnessed by the child',
  '3B': 'domestic abuse towards a parent',
  '4B': 'a parent’s mental health',
  '16A': 'neglect: home conditions and missed health appointments',
  '2B': 'parental drug use',
  '1B': 'parental alcohol use',
  '17A': 'emotional harm',
  '4A': 'the young person’s mental health and self-harm',
  '15A': 'self-harm',
  '10A': 'repeated missing episodes',
  '11A': 'risk of sexual exploitation',
  '24A': 'risk of criminal exploitation',
  '18C': 'an injury to the child',
  '19C': 'a disclosure of sexual abuse',
  '5A': 'the child’s disability and the family’s need for support',
  '9A': 'an unaccompanied young person seeking asylum',
}

const MASH_OTHER_DECISIONS = [
  ['information_and_advice', 40],
  ['early_help', 35],
  ['no_further_action', 20],
  ['other_service', 5],
] as const

function concernFor(episode: CinEpisodeStory): string {
  const factors = episode.assessment?.factors ?? []
  const described = factors.map((factor) => FACTOR_CONCERN[factor]).filter((text) => text !== undefined)
  return described.length > 0
    ? `Concerns about ${described.slice(0, 2).join(' and ')}.`
    : 'Concerns about the child’s welfare.'
}

export function writeCinRecord(context: CouncilWriteContext, child: ChildWrite): void {
  const { writer, ids } = context
  const council = context.council.id
  const frontDoor = context.staff.byKind.get('front_door')?.[0]
  // Some children were known to the front door before their first referral.
  const first = child.story.cinEpisodes[0]
  if (first !== undefined && frontDoor !== undefined && child.rng.chance(0.35)) {
    const day = first.referralDay - child.rng.int(40, 500)
    if (day > child.story.dateOfBirth) {
      const received = instant(day, child.rng, 8, 15)
      writer.add('contact', {
        council_id: council,
        id: ids.id('contact'),
        child_id: child.id,
        received_at: received,
        source: first.referralSource,
        referrer_name: null,
        referrer_organisation: REFERRER_ORGANISATION[first.referralSource] ?? null,
        concern: 'Concerns shared with the front door; threshold for a referral not met.',
        mash_decision: child.rng.weighted(MASH_OTHER_DECISIONS),
        mash_decision_at: instant(addWorkingDays(day, child.rng.int(0, 1)), child.rng, 16, 17),
        mash_decided_by: frontDoor.workers[0]?.id ?? frontDoor.managerId,
        team_id: frontDoor.id,
        created_by: null,
      })
    }
  }
  for (const episode of child.story.cinEpisodes) writeEpisode(context, child, episode, frontDoor?.id ?? null)
}

function writeEpisode(
  context: CouncilWriteContext,
  child: ChildWrite,
  episode: CinEpisodeStory,
  frontDoorTeam: number | null,
): void {
  const { writer, ids } = context
  const council = context.council.id
  const rng = child.rng
  const day = episode.referralDay
  const worker = workerFor(context, child, day)
  const contactId = ids.id('contact')
  const received = instant(day, rng, 8, 15)
  const concern = concernFor(episode)
  writer.add('contact', {
    council_id: council,
    id: contactId,
    child_id: child.id,
    received_at: received,
    source: episode.referralSource,
    referrer_name: null,
    referrer_organisation: REFERRER_ORGANISATION[episode.referralSource] ?? null,
    concern,
    mash_decision: 'referral',
    mash_decision_at: instant(day, rng, 16, 17),
    mash_decided_by: managerOf(context, frontDoorTeam ?? worker.teamId),
    team_id: frontDoorTeam,
    created_by: null,
  })
  const referralId = ids.id('referral')
  writer.add('referral', {
    council_id: council,
    id: referralId,
    child_id: child.id,
    contact_id: contactId,
    referral_date: iso(day),
    received_at: received,
    source: episode.referralSource,
    primary_need: episode.primaryNeed,
    no_further_action: episode.nfa,
    closure_date: episode.closureDay === null ? null : iso(episode.closureDay),
    closure_reason: episode.closureReason,
    team_id: episode.nfa ? frontDoorTeam : worker.teamId,
    worker_id: episode.nfa ? null : worker.userId,
    created_by: null,
  })
  note(
    context,
    child,
    day,
    'other',
    'Referral received',
    `${concern} Referred by ${REFERRER_ORGANISATION[episode.referralSource] ?? 'a member of the public'}.`,
    'referral',
    referralId,
  )

  const assessment = episode.assessment
  if (assessment !== null) {
    const assessor = workerFor(context, child, assessment.start)
    const id = ids.id('assessment')
    writer.add('assessment', {
      council_id: council,
      id,
      child_id: child.id,
      referral_id: referralId,
      start_date: iso(assessment.start),
      internal_review_date: null,
      authorisation_date: assessment.authorised === null ? null : iso(assessment.authorised),
      authorised_by: assessment.authorised === null ? null : managerOf(context, assessor.teamId),
      factors: assessment.factors,
      child_seen: rng.chance(0.96),
      outcome: assessment.outcome,
      submitted_at:
        assessment.authorised === null
          ? null
          : instant(Math.max(assessment.start, assessment.authorised - rng.int(1, 4)), rng),
      submitted_by: assessment.authorised === null ? null : assessor.userId,
      team_id: assessor.teamId,
      worker_id: assessor.userId,
      created_by: null,
    })
    if (assessment.authorised !== null) {
      note(
        context,
        child,
        assessment.authorised,
        'management_oversight',
        'Assessment authorised',
        `Child and family assessment completed and authorised. Outcome: ${(assessment.outcome ?? 'other').replace(/_/g, ' ')}.`,
        'assessment',
        id,
      )
    }
  }

  for (const enquiry of episode.section47s) {
    const enquirer = workerFor(context, child, enquiry.start)
    const discussionId = ids.id('strategy_discussion')
    writer.add('strategy_discussion', {
      council_id: council,
      id: discussionId,
      child_id: child.id,
      referral_id: referralId,
      held_on: iso(enquiry.strategyDay),
      concern,
      agencies: rng.chance(0.8) ? ['police', 'health', 'education'] : ['police', 'health'],
      decision: 'section47',
      chaired_by: managerOf(context, enquirer.teamId),
      created_by: null,
    })
    note(
      context,
      child,
      enquiry.strategyDay,
      'meeting',
      'Strategy discussion',
      'Strategy discussion held with police, health and education. Section 47 enquiries to start.',
      'strategy_discussion',
      discussionId,
    )
    const enquiryId = ids.id('section47_enquiry')
    writer.add('section47_enquiry', {
      council_id: council,
      id: enquiryId,
      child_id: child.id,
      referral_id: referralId,
      strategy_discussion_id: discussionId,
      start_date: iso(enquiry.start),
      end_date: enquiry.end === null ? null : iso(enquiry.end),
      outcome: enquiry.outcome,
      icpc_target_date: iso(addWorkingDays(enquiry.strategyDay, 15)),
      icpc_not_required: !enquiry.icpcRequired,
      team_id: enquirer.teamId,
      worker_id: enquirer.userId,
      created_by: null,
    })
    if (enquiry.icpcDay !== null) {
      const plan = enquiry.planMade
        ? episode.cpPlans.find((candidate) => candidate.start === enquiry.icpcDay)
        : undefined
      const planId = plan === undefined ? null : ids.id('cp_plan')
      if (plan !== undefined && planId !== null) writePlan(context, child, referralId, plan, planId)
      writer.add('cp_conference', {
        council_id: council,
        id: ids.id('cp_conference'),
        child_id: child.id,
        referral_id: referralId,
        section47_enquiry_id: enquiryId,
        cp_plan_id: planId,
        conference_type: 'initial',
        conference_date: iso(enquiry.icpcDay),
        decision: planId === null ? 'no_plan' : 'plan_made',
        category: plan?.initialCategory ?? null,
        chair_id: workerFor(context, child, enquiry.icpcDay, 'iro').userId,
        quorate: rng.chance(0.95),
        child_participation: null,
        created_by: null,
      })
      if (plan !== undefined && planId !== null) writePlanReviews(context, child, referralId, plan, planId)
    }
  }

  for (const plan of episode.cinPlans) {
    const holder = workerFor(context, child, plan.start)
    const planId = ids.id('cin_plan')
    writer.add('cin_plan', {
      council_id: council,
      id: planId,
      child_id: child.id,
      referral_id: referralId,
      start_date: iso(plan.start),
      end_date: plan.end === null ? null : iso(plan.end),
      end_reason: plan.end !== null && plan.end === episode.closureDay ? episode.closureReason : null,
      team_id: holder.teamId,
      worker_id: holder.userId,
      created_by: null,
    })
    // Child in need plans are reviewed every three months (a local standard).
    const last = Math.min(plan.end ?? context.asAt, context.asAt)
    for (let review = addMonths(plan.start, 3); review <= last; review = addMonths(review, 3)) {
      const held = rng.chance(0.9) ? nextWorkingDay(review - rng.int(0, 10)) : addWorkingDays(review, rng.int(1, 15))
      if (held > last || held < context.windowStart) continue
      writer.add('cin_plan_review', {
        council_id: council,
        id: ids.id('cin_plan_review'),
        child_id: child.id,
        cin_plan_id: planId,
        review_date: iso(held),
        note: 'Plan reviewed with the family and the professionals involved.',
        created_by: null,
      })
    }
  }
}

function writePlan(
  context: CouncilWriteContext,
  child: ChildWrite,
  referralId: number,
  plan: CpPlanStory,
  planId: number,
): void {
  const holder = workerFor(context, child, plan.start)
  context.writer.add('cp_plan', {
    council_id: context.council.id,
    id: planId,
    child_id: child.id,
    referral_id: referralId,
    start_date: iso(plan.start),
    end_date: plan.end === null ? null : iso(plan.end),
    initial_category: plan.initialCategory,
    latest_category: plan.latestCategory,
    previous_plans_elsewhere: 0,
    end_reason: plan.end === null ? null : 'Plan ended at a review conference',
    team_id: holder.teamId,
    worker_id: holder.userId,
    created_by: null,
  })
  note(
    context,
    child,
    plan.start,
    'meeting',
    'Initial child protection conference',
    `Child protection plan made under the category ${plan.initialCategory}.`,
    'cp_plan',
    planId,
  )
}

function writePlanReviews(
  context: CouncilWriteContext,
  child: ChildWrite,
  referralId: number,
  plan: CpPlanStory,
  planId: number,
): void {
  for (const day of plan.reviewDays) {
    const ends = plan.end !== null && day === plan.end
    context.writer.add('cp_conference', {
      council_id: context.council.id,
      id: context.ids.id('cp_conference'),
      child_id: child.id,
      referral_id: referralId,
      section47_enquiry_id: null,
      cp_plan_id: planId,
      conference_type: 'review',
      conference_date: iso(day),
      decision: ends ? 'plan_ends' : 'plan_continues',
      category: plan.latestCategory,
      chair_id: workerFor(context, child, day, 'iro').userId,
      quorate: child.rng.chance(0.95),
      child_participation: null,
      created_by: null,
    })
  }
}

/** A case note for a significant event, written by the worker holding the case. */
export function note(
  context: CouncilWriteContext,
  child: ChildWrite,
  day: Day,
  type: 'visit' | 'meeting' | 'management_oversight' | 'significant_event' | 'other' | 'phone_call' | 'direct_work',
  title: string,
  body: string,
  relatedEntity: string | null,
  relatedId: number | null,
  seen?: { childSeen: 'seen_alone' | 'seen_with_others' | 'not_seen'; peoplePresent: string },
): void {
  // Notes are written for the history window only: older case files were summarised on migration.
  if (day > context.asAt || day < context.windowStart) return
  const author = workerFor(context, child, day)
  context.writer.add('case_note', {
    council_id: context.council.id,
    id: context.ids.id('case_note'),
    child_id: child.id,
    note_type: type,
    occurred_at: instant(day, child.rng),
    author_id: type === 'management_oversight' ? managerOf(context, author.teamId) : author.userId,
    author_name: null,
    title,
    body,
    related_entity: relatedEntity,
    related_id: relatedId,
    people_present: seen?.peoplePresent ?? null,
    child_seen: seen?.childSeen ?? null,
    created_by: null,
  })
}
