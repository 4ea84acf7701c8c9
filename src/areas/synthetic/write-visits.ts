import { addWorkingDays, ageOn, nextWorkingDay, type Day } from './dates.js'
import type { Rng } from './rng.js'
import { note } from './write-cin.js'
import type { PlacementWritten } from './write-care.js'
import { instant, iso, managerOf, workerFor, type ChildWrite, type CouncilWriteContext } from './write-context.js'

/**
 * Statutory visits in the history window: child protection every 10 working days, child in need every
 * 4 weeks (a local standard), looked-after children within a week of every placement and then at most
 * every 6 weeks (3 months in a long-term placement after its first year). About 87% happen in time;
 * the rest are late or missed, each missed one with a coded reason reviewed by the team manager, and a
 * few escalated when a child could not be seen.
 */
type VisitType = 'child_protection' | 'child_in_need' | 'looked_after'

const MISSED_REASON = [
  ['child_refused', 24],
  ['not_at_placement', 20],
  ['worker_unavailable', 26],
  ['family_obstructed', 10],
  ['missing', 8],
  ['placement_out_of_area', 7],
  ['other', 5],
] as const

type MissedReason = (typeof MISSED_REASON)[number][0]

interface Chain {
  type: VisitType
  start: Day
  end: Day
  firstDue: Day
  statutory: boolean
  placement: PlacementWritten | null
  interval: (previous: Day) => number
}

export function writeVisits(
  context: CouncilWriteContext,
  child: ChildWrite,
  placements: readonly PlacementWritten[],
): void {
  const dob = child.story.dateOfBirth
  const last = context.asAt
  const chains: Chain[] = []
  for (const episode of child.story.cinEpisodes) {
    for (const plan of episode.cpPlans) {
      const start = Math.max(plan.start, dob)
      chains.push({
        type: 'child_protection',
        start,
        end: Math.min(plan.end ?? last, last),
        firstDue: addWorkingDays(start, 10),
        statutory: true,
        placement: null,
        interval: () => 14,
      })
    }
    for (const plan of episode.cinPlans) {
      const start = Math.max(plan.start, dob)
      chains.push({
        type: 'child_in_need',
        start,
        end: Math.min(plan.end ?? last, last),
        firstDue: start + 28,
        statutory: false,
        placement: null,
        interval: () => 28,
      })
    }
  }
  for (const placement of placements) {
    const start = placement.start
    chains.push({
      type: 'looked_after',
      start,
      end: Math.min(placement.end ?? last, last),
      firstDue: start + 7,
      statutory: true,
      placement,
      interval: (previous) => (placement.longTerm && previous - start >= 365 ? 91 : 42),
    })
  }
  for (const chain of chains) {
    if (chain.end < context.windowStart || chain.end <= chain.start) continue
    writeChain(context, child, chain)
  }
}

function writeChain(context: CouncilWriteContext, child: ChildWrite, chain: Chain): void {
  // Siblings are visited together: the schedule comes from the family's stream.
  const schedule = child.familyRng.fork('visits', chain.type, chain.start)
  const rng = child.rng
  let due = chain.firstDue
  let previous = chain.start
  for (let guard = 0; guard < 400 && due <= chain.end; guard++) {
    const roll = schedule.next()
    let actual: Day
    let missedReason: MissedReason | null = null
    let explainLate = false
    if (roll < 0.05) {
      missedReason = pickReason(schedule, chain)
      actual = nextWorkingDay(due + schedule.int(2, 12))
    } else if (roll < 0.13) {
      actual = nextWorkingDay(due + schedule.int(1, 12))
      explainLate = schedule.chance(0.35)
      if (explainLate) missedReason = pickReason(schedule, chain)
    } else {
      const slack = Math.max(1, Math.floor(chain.interval(previous) * 0.3))
      actual = Math.max(previous + 1, due - schedule.int(0, slack))
      if (actual > due) actual = due
    }
    const happened = actual <= chain.end
    if (missedReason !== null && due >= context.windowStart && due <= context.asAt) {
      const visitId = happened && actual >= context.windowStart ? context.ids.id('visit') : null
      if (visitId !== null) writeVisit(context, child, chain, actual, visitId, rng)
      writeMissed(context, child, chain, due, missedReason, happened ? actual : null, visitId, schedule)
    } else if (happened && actual >= context.windowStart) {
      writeVisit(context, child, chain, actual, context.ids.id('visit'), rng)
    }
    if (!happened) break
    previous = actual
    due = actual + chain.interval(actual)
  }
}

function pickReason(rng: Rng, chain: Chain): MissedReason {
  for (let attempt = 0; attempt < 5; attempt++) {
    const reason = rng.weighted(MISSED_REASON)
    if (reason === 'placement_out_of_area' && (chain.placement === null || chain.placement.inBorough)) continue
    if (reason === 'family_obstructed' && chain.type === 'looked_after') continue
    return reason
  }
  return 'worker_unavailable'
}

function writeVisit(
  context: CouncilWriteContext,
  child: ChildWrite,
  chain: Chain,
  day: Day,
  id: number,
  rng: Rng,
): void {
  const age = ageOn(child.story.dateOfBirth, day)
  const seen = rng.chance(0.97)
  const alone = age < 4 ? null : seen && rng.chance(0.8)
  const visitor = workerFor(context, child, day)
  context.writer.add('visit', {
    council_id: context.council.id,
    id,
    child_id: child.id,
    visit_date: iso(day),
    visit_type: chain.type,
    statutory: chain.statutory,
    unannounced: chain.type === 'child_protection' && rng.chance(0.12),
    child_seen: seen,
    seen_alone: alone,
    bedroom_seen: rng.chance(chain.type === 'child_in_need' ? 0.5 : 0.8),
    visitor_id: visitor.userId,
    visitor_name: null,
    placement_id: chain.placement?.id ?? null,
    note: seen
      ? 'Child seen. Plan progress discussed with the child and carers.'
      : 'Child not seen: asleep or out. Carers spoken to.',
    created_by: null,
  })
  if (context.asAt - day <= 60) {
    note(
      context,
      child,
      day,
      'visit',
      'Statutory visit',
      seen
        ? 'Visited at home. The child was seen and spoke about school, friends and family time.'
        : 'Visited but the child was not seen; a further visit has been booked.',
      'visit',
      id,
      {
        childSeen: !seen ? 'not_seen' : alone === true ? 'seen_alone' : 'seen_with_others',
        peoplePresent: chain.type === 'looked_after' ? 'Child and carers' : 'Child and parent',
      },
    )
  }
}

function writeMissed(
  context: CouncilWriteContext,
  child: ChildWrite,
  chain: Chain,
  planned: Day,
  reason: MissedReason,
  rearranged: Day | null,
  visitId: number | null,
  rng: Rng,
): void {
  const worker = workerFor(context, child, planned)
  const manager = managerOf(context, worker.teamId)
  const reviewedOn = planned + rng.int(3, 25)
  const reviewed = reviewedOn <= context.asAt && rng.chance(0.85)
  const missedId = context.ids.id('missed_visit')
  context.writer.add('missed_visit', {
    council_id: context.council.id,
    id: missedId,
    child_id: child.id,
    planned_date: iso(planned),
    visit_type: chain.type,
    reason,
    reason_text: reason === 'other' ? 'Visit cancelled because of a court hearing on the same day.' : null,
    rearranged_for: rearranged === null ? null : iso(rearranged),
    visit_id: visitId,
    reviewed_by: reviewed ? manager : null,
    reviewed_at: reviewed ? instant(reviewedOn, rng) : null,
    created_by: null,
  })
  const step = context.escalationSteps[0]
  if (step === undefined || !['child_refused', 'family_obstructed', 'missing'].includes(reason) || !rng.chance(0.2))
    return
  const raised = planned + rng.int(1, 4)
  if (raised > context.asAt) return
  const closed = context.asAt - raised > 30
  const raisedAt = instant(raised, rng)
  const responded = closed ? instant(Math.min(context.asAt, raised + rng.int(1, 5)), rng, 17, 18) : null
  context.writer.add('escalation', {
    council_id: context.council.id,
    id: context.ids.id('escalation'),
    child_id: child.id,
    step_id: step,
    reason: 'child_not_seen',
    missed_visit_id: missedId,
    previous_escalation_id: null,
    summary: `Child not seen on the planned visit (${reason.replace(/_/g, ' ')}).`,
    raised_at: raisedAt,
    raised_by: null,
    raised_to_user_id: manager,
    respond_by: iso(addWorkingDays(raised, 2)),
    status: closed ? 'closed' : 'open',
    acknowledged_at: responded,
    acknowledged_by: responded === null ? null : manager,
    response: responded === null ? null : 'Visit rearranged and the child seen; plan reviewed in supervision.',
    responded_at: responded,
    responded_by: responded === null ? null : manager,
    closed_at: responded,
    created_by: null,
  })
}
