import type { AllocationRole } from '../../db/tables/foundation.js'
import { addMonths, ageOn, type Day } from './dates.js'
import { WORKER_CHANGE_REASON } from './distributions.js'
import type { Rng } from './rng.js'
import type { Staff, Team, TeamKind, Worker } from './staff.js'
import type { ChildStory } from './story.js'

/**
 * Who held a child's case, when: the social worker follows the child from the assessment team to a
 * safeguarding, children in care or disabled children's team; a personal adviser joins at about 17
 * and a half; an IRO chairs child protection conferences and looked-after reviews. Workers change now
 * and then (they leave, caseloads are rebalanced), with the 903 SW_REASON code for why.
 *
 * Siblings share the same workers: picks are keyed by family and stage, not by child.
 */
export interface Allocation {
  role: AllocationRole
  teamId: number
  userId: number
  start: Day
  end: Day | null
  reasonForChange: string | null
}

interface Stage {
  role: AllocationRole
  kind: TeamKind
  start: Day
  end: Day | null
  /** Why the stage ended when the case moved on to another team (null when the case closed). */
  endReason: string | null
}

export class Allocator {
  private readonly familyPicks = new Map<string, number>()

  constructor(
    private readonly staff: Staff,
    private readonly asAt: Day,
  ) {}

  /** Clears the per-family memory (call once per family). */
  startFamily(): void {
    this.familyPicks.clear()
  }

  allocate(child: ChildStory, familyKey: number, familyRng: Rng): Allocation[] {
    const allocations: Allocation[] = []
    const unborn = child.dateOfBirth > this.asAt
    for (const stage of this.stages(child)) {
      const teams = this.staff.byKind.get(stage.kind) ?? []
      const team = teams[familyKey % Math.max(1, teams.length)]
      if (team === undefined) continue
      const stageRng = familyRng.fork('stage', stage.role, stage.kind, stage.start)
      const changeEvery = stage.role === 'social_worker' ? 420 : stage.role === 'personal_adviser' ? 600 : 700
      const length = (stage.end ?? this.asAt) - stage.start
      const changes = Math.min(6, stageRng.poisson(length / changeEvery))
      const cuts = Array.from({ length: changes }, () => stage.start + stageRng.int(30, Math.max(31, length - 1)))
        .filter((day) => day < (stage.end ?? this.asAt))
        .sort((a, b) => a - b)
      let start = stage.start
      for (let index = 0; index <= cuts.length; index++) {
        const cut = cuts[index]
        const end = cut ?? stage.end
        if (end !== null && end <= start) continue
        const current = end === null
        const userId = this.pick(team, `${stage.role}:${stage.kind}:${start}`, current, stageRng, unborn)
        allocations.push({
          role: stage.role,
          teamId: team.id,
          userId,
          start,
          end,
          reasonForChange: cut !== undefined ? stageRng.weighted(WORKER_CHANGE_REASON) : stage.endReason,
        })
        if (end !== null) start = end
      }
    }
    return allocations
  }

  private pick(team: Team, key: string, current: boolean, rng: Rng, unborn: boolean): number {
    const known = this.familyPicks.get(key)
    if (known !== undefined) {
      if (current) this.worker(team, known)!.caseload++
      return known
    }
    let chosen: Worker | undefined
    if (current) {
      // Balance current caseloads: the least loaded worker in the team (demo accounts never get unborn
      // children, whose records have no date of birth yet).
      for (const worker of team.workers) {
        if (unborn && worker.demo) continue
        if (chosen === undefined || worker.caseload < chosen.caseload) chosen = worker
      }
    } else {
      const pool = rng.chance(0.3) && team.former.length > 0 ? team.former : team.workers
      chosen = rng.pick(pool)
    }
    chosen ??= rng.pick(team.workers)
    if (current) chosen.caseload++
    this.familyPicks.set(key, chosen.id)
    return chosen.id
  }

  private worker(team: Team, id: number): Worker | undefined {
    return team.workers.find((worker) => worker.id === id) ?? team.former.find((worker) => worker.id === id)
  }

  /** The stages of a child's case, in order, for each allocation role. */
  private stages(child: ChildStory): Stage[] {
    const stages: Stage[] = []
    type Event = { day: Day; what: 'referral' | 'authorised' | 'careStart' | 'careEnd' | 'closed' }
    for (const episode of child.cinEpisodes) {
      if (episode.nfa) continue
      const disabled = episode.primaryNeed === 'N2'
      const longTeam: TeamKind = disabled ? 'disabled_children' : 'safeguarding'
      const careTeam: TeamKind = disabled ? 'disabled_children' : 'children_in_care'
      const events: Event[] = [{ day: episode.referralDay, what: 'referral' }]
      const authorised = episode.assessment?.authorised ?? null
      if (authorised !== null) events.push({ day: authorised, what: 'authorised' })
      for (const period of child.carePeriods) {
        if (period.start < episode.referralDay) continue
        if (episode.closureDay !== null && period.start > episode.closureDay) continue
        events.push({ day: period.start, what: 'careStart' })
        if (period.end !== null) events.push({ day: period.end, what: 'careEnd' })
      }
      if (episode.closureDay !== null) events.push({ day: episode.closureDay, what: 'closed' })
      events.sort((a, b) => a.day - b.day)
      // The team follows the child: assessment, then the long-term team, or children in care while
      // looked after (an emergency admission can come before the assessment is finished).
      let inCare = false
      let assessing = true
      let open: Stage | null = null
      let closed = false
      for (const event of events) {
        if (closed) break
        let kind: TeamKind | 'end'
        switch (event.what) {
          case 'referral':
            kind = disabled ? 'disabled_children' : 'assessment'
            break
          case 'authorised':
            assessing = false
            kind = inCare ? careTeam : longTeam
            break
          case 'careStart':
            inCare = true
            kind = careTeam
            break
          case 'careEnd':
            inCare = false
            kind = assessing && !disabled ? 'assessment' : longTeam
            break
          case 'closed':
            kind = 'end'
            closed = true
            break
        }
        if (open !== null && open.kind === kind) continue
        if (open !== null) {
          open.end = event.day
          open.endReason = kind === 'end' ? null : 'TSPROC'
          if (open.end > open.start) stages.push(open)
          open = null
        }
        if (kind !== 'end') open = { role: 'social_worker', kind, start: event.day, end: null, endReason: null }
      }
      if (open !== null) stages.push(open)
    }
    // Personal adviser: from about 17 and a half for a care leaver, or for a 17-year-old still in care.
    const leaver = child.careLeaver
    if (leaver !== null) {
      stages.push({
        role: 'personal_adviser',
        kind: 'care_leavers',
        start: leaver.personalAdviserFrom,
        end: leaver.servicesEnd,
        endReason: null,
      })
    } else {
      const open = child.carePeriods.find((period) => period.end === null)
      const adviserFrom = addMonths(child.dateOfBirth, 17 * 12 + 6)
      if (open !== undefined && ageOn(child.dateOfBirth, this.asAt) >= 17 && adviserFrom <= this.asAt) {
        stages.push({
          role: 'personal_adviser',
          kind: 'care_leavers',
          start: Math.max(open.start, adviserFrom),
          end: null,
          endReason: null,
        })
      }
    }
    // IRO: chairs child protection conferences and looked-after reviews.
    for (const episode of child.cinEpisodes) {
      for (const plan of episode.cpPlans) {
        stages.push({ role: 'iro', kind: 'iro', start: plan.start, end: plan.end, endReason: null })
      }
    }
    for (const period of child.carePeriods) {
      stages.push({ role: 'iro', kind: 'iro', start: period.start, end: period.end, endReason: null })
    }
    return stages
  }
}

/** The worker holding a role on a day, if any. */
export function workerOn(allocations: readonly Allocation[], role: AllocationRole, day: Day): Allocation | undefined {
  let found: Allocation | undefined
  for (const allocation of allocations) {
    if (allocation.role !== role || allocation.start > day) continue
    if (allocation.end !== null && allocation.end < day) continue
    found = allocation
  }
  return found
}
