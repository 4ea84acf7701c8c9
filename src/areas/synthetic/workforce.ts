import type { BatchWriter } from './batch-writer.js'
import { addMonths, isoFromDay, nextWorkingDay, type Day } from './dates.js'
import type { IdSource } from './ids.js'
import type { Rng } from './rng.js'
import type { Staff, Team } from './staff.js'

/**
 * The establishment behind the committee's workforce questions: a post per worker plus vacant posts,
 * who held each post and when (agency workers, newly qualified social workers in their ASYE, leavers
 * who became agency workers), vacancies and monthly supervision.
 */
export interface WorkforceOptions {
  councilId: number
  staff: Staff
  rng: Rng
  writer: BatchWriter
  ids: IdSource
  windowStart: Day
  asAt: Day
}

const LEAVING_REASONS = [
  ['resigned', 45],
  ['became_agency_worker', 25],
  ['retired', 10],
  ['internal_move', 10],
  ['end_of_contract', 10],
] as const

export function createWorkforce(options: WorkforceOptions): void {
  for (const team of options.staff.teams) createTeamEstablishment(options, team)
}

function createTeamEstablishment(options: WorkforceOptions, team: Team): void {
  const { councilId, rng, writer, ids, asAt, windowStart } = options
  const title =
    team.kind === 'care_leavers'
      ? 'Personal adviser'
      : team.kind === 'iro'
        ? 'Independent reviewing officer'
        : 'Social worker'
  const postType =
    team.kind === 'care_leavers'
      ? 'personal_adviser'
      : team.kind === 'iro'
        ? 'independent_reviewing_officer'
        : 'social_worker'
  const established = windowStart - rng.int(365, 3650)

  const addPost = (postTitle: string, type: string, qualified: boolean): number => {
    const id = ids.id('post')
    writer.add('post', {
      council_id: councilId,
      id,
      team_id: team.id,
      post_reference: `CSC-${team.id}-${id}`,
      title: postTitle,
      post_type: type,
      social_work_qualified: qualified,
      fte: rng.chance(0.12) ? 0.6 : 1,
      established_date: isoFromDay(established),
      disestablished_date: null,
      created_by: null,
    })
    return id
  }
  const addHolder = (
    postId: number,
    userId: number,
    start: Day,
    end: Day | null,
    extra: { agency?: boolean; asye?: boolean; leavingReason?: string | null } = {},
  ): number => {
    const id = ids.id('post_holder')
    writer.add('post_holder', {
      council_id: councilId,
      id,
      post_id: postId,
      user_id: userId,
      holder_name: null,
      start_date: isoFromDay(start),
      end_date: end === null ? null : isoFromDay(end),
      fte: null,
      agency: extra.agency ?? false,
      asye: extra.asye ?? false,
      qualified_date: isoFromDay(extra.asye ? start - rng.int(20, 120) : start - rng.int(400, 7000)),
      leaving_reason: (extra.leavingReason ?? null) as never,
      created_by: null,
    })
    return id
  }

  const managerPost = addPost('Team manager', 'team_manager', true)
  addHolder(managerPost, team.managerId, asAt - rng.int(200, 3000), null)

  const posts: { postId: number; workerId: number | null }[] = team.workers.map((worker) => ({
    postId: addPost(title, postType, team.kind !== 'care_leavers'),
    workerId: worker.id,
  }))
  const vacant = Math.max(team.workers.length >= 4 ? 1 : 0, Math.round(team.workers.length * 0.14))
  for (let index = 0; index < vacant; index++)
    posts.push({ postId: addPost(title, postType, team.kind !== 'care_leavers'), workerId: null })

  // Former staff held some of the posts before: the vacant ones first, then posts filled since.
  const history = new Map<number, Day>()
  team.former.forEach((former, index) => {
    const post = posts[(posts.length - 1 - index + posts.length) % posts.length]
    if (post === undefined) return
    const end = asAt - rng.int(30, 900)
    const start = end - rng.int(300, 2500)
    const reason = rng.weighted(LEAVING_REASONS)
    const holderId = addHolder(post.postId, former.id, start, end, { leavingReason: reason })
    void holderId
    history.set(post.postId, end)
    const filledOn = post.workerId === null ? null : Math.min(asAt - 1, end + rng.int(20, 150))
    const vacancyId = ids.id('vacancy')
    const currentHolder = post.workerId === null ? null : ids.id('post_holder')
    if (post.workerId !== null && currentHolder !== null && filledOn !== null) {
      writer.add('post_holder', {
        council_id: councilId,
        id: currentHolder,
        post_id: post.postId,
        user_id: post.workerId,
        holder_name: null,
        start_date: isoFromDay(filledOn),
        end_date: null,
        fte: null,
        agency: rng.chance(0.15),
        asye: rng.chance(0.25),
        qualified_date: isoFromDay(filledOn - rng.int(30, 2000)),
        leaving_reason: null,
        created_by: null,
      })
    }
    writer.add('vacancy', {
      council_id: councilId,
      id: vacancyId,
      post_id: post.postId,
      opened_date: isoFromDay(end),
      closed_date: filledOn === null ? null : isoFromDay(filledOn),
      reason: reason === 'internal_move' ? 'internal_move' : 'leaver',
      advertised_date: isoFromDay(end + rng.int(3, 30)),
      covered_by_agency: rng.chance(0.4),
      filled_by_post_holder_id: currentHolder,
      note: null,
      created_by: null,
    })
  })
  for (const post of posts) {
    if (history.has(post.postId)) continue
    if (post.workerId === null) {
      writer.add('vacancy', {
        council_id: councilId,
        id: ids.id('vacancy'),
        post_id: post.postId,
        opened_date: isoFromDay(asAt - rng.int(20, 240)),
        closed_date: null,
        reason: rng.chance(0.3) ? 'new_post' : 'long_term_absence',
        advertised_date: null,
        covered_by_agency: rng.chance(0.5),
        filled_by_post_holder_id: null,
        note: null,
        created_by: null,
      })
      continue
    }
    const start = asAt - rng.int(60, 4000)
    addHolder(post.postId, post.workerId, start, null, {
      agency: rng.chance(0.12),
      asye: asAt - start < 365 && team.kind !== 'iro' && rng.chance(0.6),
    })
  }

  // Supervision: monthly with the team manager, most months; some reflective or group sessions.
  for (const worker of team.workers) {
    for (let month = addMonths(windowStart, 1); month <= asAt; month = addMonths(month, 1)) {
      if (!rng.chance(0.86)) continue
      writer.add('supervision', {
        council_id: councilId,
        id: ids.id('supervision'),
        supervisee_id: worker.id,
        supervisor_id: team.managerId,
        supervision_date: isoFromDay(nextWorkingDay(month + rng.int(0, 20))),
        supervision_type: rng.weighted([
          ['formal', 70],
          ['reflective', 20],
          ['group', 10],
        ] as const),
        duration_minutes: rng.int(45, 95),
        cases_discussed: rng.int(3, 16),
        note: null,
        created_by: null,
      })
    }
  }
}
