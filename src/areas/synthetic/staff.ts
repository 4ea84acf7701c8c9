import type { Role } from '../../db/tables/foundation.js'
import type { BatchWriter } from './batch-writer.js'
import { isoFromDay, type Day } from './dates.js'
import type { IdSource } from './ids.js'
import { emailPart, forename, surname } from './names.js'
import type { CouncilPlan } from './plan.js'
import type { Rng } from './rng.js'

/**
 * The workforce of one council: about 150 social workers and personal advisers in 13 teams at size 1,
 * a manager per team, heads of service, performance officers, councillors and administrators, and
 * some former staff (inactive accounts) who held cases in the past.
 *
 * On Blackpool (council 1) one account per role is a demonstration account with a known password;
 * every other account has no password (staff would sign in through the council's identity provider).
 */
export type TeamKind =
  | 'front_door'
  | 'assessment'
  | 'safeguarding'
  | 'children_in_care'
  | 'care_leavers'
  | 'disabled_children'
  | 'fostering'
  | 'iro'

interface TeamRule {
  kind: TeamKind
  name: string
  teams: number
  workers: number
  role: Role
  postTitle: string
}

// Sized so caseloads are about 19 children per social worker, 20 per personal adviser and 60 per IRO.
const TEAM_RULES: readonly TeamRule[] = [
  {
    kind: 'front_door',
    name: 'Front Door and MASH',
    teams: 1,
    workers: 10,
    role: 'social_worker',
    postTitle: 'Social worker',
  },
  {
    kind: 'assessment',
    name: 'Assessment Team',
    teams: 2,
    workers: 18,
    role: 'social_worker',
    postTitle: 'Social worker',
  },
  {
    kind: 'safeguarding',
    name: 'Safeguarding and Support Team',
    teams: 4,
    workers: 62,
    role: 'social_worker',
    postTitle: 'Social worker',
  },
  {
    kind: 'children_in_care',
    name: 'Children in Care Team',
    teams: 2,
    workers: 30,
    role: 'social_worker',
    postTitle: 'Social worker',
  },
  {
    kind: 'care_leavers',
    name: 'Care Leavers and Adolescent Service',
    teams: 1,
    workers: 14,
    role: 'personal_adviser',
    postTitle: 'Personal adviser',
  },
  {
    kind: 'disabled_children',
    name: 'Disabled Children’s Team',
    teams: 1,
    workers: 11,
    role: 'social_worker',
    postTitle: 'Social worker',
  },
  {
    kind: 'fostering',
    name: 'Fostering and Kinship Service',
    teams: 1,
    workers: 10,
    role: 'social_worker',
    postTitle: 'Supervising social worker',
  },
  {
    kind: 'iro',
    name: 'Independent Reviewing Officer Unit',
    teams: 1,
    workers: 16,
    role: 'independent_reviewing_officer',
    postTitle: 'Independent reviewing officer',
  },
]

export const DEMO_PASSWORD = 'harbour-demo'

export interface DemoAccount {
  role: Role
  email: string
  displayName: string
  password: string
}

/** One demonstration account per role, on Blackpool (council 1). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: 'social_worker', email: 'social.worker@demo.harbour.example', displayName: 'Demo Social Worker' },
  { role: 'personal_adviser', email: 'personal.adviser@demo.harbour.example', displayName: 'Demo Personal Adviser' },
  { role: 'team_manager', email: 'team.manager@demo.harbour.example', displayName: 'Demo Team Manager' },
  {
    role: 'independent_reviewing_officer',
    email: 'reviewing.officer@demo.harbour.example',
    displayName: 'Demo Independent Reviewing Officer',
  },
  { role: 'head_of_service', email: 'head.of.service@demo.harbour.example', displayName: 'Demo Head of Service' },
  {
    role: 'performance_officer',
    email: 'performance.officer@demo.harbour.example',
    displayName: 'Demo Performance Officer',
  },
  { role: 'councillor', email: 'councillor@demo.harbour.example', displayName: 'Demo Councillor' },
  { role: 'administrator', email: 'administrator@demo.harbour.example', displayName: 'Demo Administrator' },
].map((account) => ({ ...account, role: account.role as Role, password: DEMO_PASSWORD }))

export interface Worker {
  id: number
  teamId: number
  role: Role
  active: boolean
  demo: boolean
  /** Children currently allocated (end_date null), kept as allocations are written. */
  caseload: number
}

export interface Team {
  id: number
  kind: TeamKind
  name: string
  managerId: number
  workers: Worker[]
  former: Worker[]
}

export interface Staff {
  teams: Team[]
  byKind: Map<TeamKind, Team[]>
  headsOfService: number[]
  performanceOfficers: number[]
  councillors: number[]
  administrators: number[]
  /** Demo accounts by role (Blackpool only). */
  demo: Map<Role, number>
  allUserIds: number[]
}

export interface StaffOptions {
  council: CouncilPlan
  rng: Rng
  writer: BatchWriter
  ids: IdSource
  windowStart: Day
  asAt: Day
  /** Demo account password hashes by role; only for Blackpool. */
  demoHashes: Map<Role, string> | null
}

/** Creates teams, accounts, team membership, 903 SW_IDs and the establishment (posts and post holders). */
export function createStaff(options: StaffOptions): Staff {
  const { council, rng, writer, demoHashes } = options
  const size = council.size
  let nextUserId = 1
  let swNumber = 0
  const staff: Staff = {
    teams: [],
    byKind: new Map(),
    headsOfService: [],
    performanceOfficers: [],
    councillors: [],
    administrators: [],
    demo: new Map(),
    allUserIds: [],
  }
  const usedEmails = new Set<string>()
  const demoPending = new Map<Role, DemoAccount>(demoHashes === null ? [] : DEMO_ACCOUNTS.map((a) => [a.role, a]))

  const addUser = (role: Role, active: boolean, extra: { demoRole?: Role } = {}): number => {
    const id = nextUserId++
    const demo = extra.demoRole !== undefined ? demoPending.get(extra.demoRole) : undefined
    if (demo !== undefined) demoPending.delete(demo.role)
    let email: string
    let displayName: string
    if (demo !== undefined) {
      email = demo.email
      displayName = demo.displayName
      staff.demo.set(demo.role, id)
    } else {
      const first = forename(rng, rng.chance(0.75) ? 'F' : 'M')
      const last = surname(rng)
      displayName = `${first} ${last}`
      email = `${emailPart(first)}.${emailPart(last)}@${council.slug}.harbour.example`
      if (usedEmails.has(email)) email = `${emailPart(first)}.${emailPart(last)}.${id}@${council.slug}.harbour.example`
    }
    usedEmails.add(email)
    writer.add('user_account', {
      council_id: council.id,
      id,
      email,
      display_name: displayName,
      role,
      password_hash: demo !== undefined ? (demoHashes?.get(demo.role) ?? null) : null,
      oidc_subject: null,
      is_demo: demo !== undefined,
      active,
      locked_until: null,
      last_sign_in_at: null,
    })
    staff.allUserIds.push(id)
    if (role === 'social_worker' || role === 'independent_reviewing_officer' || role === 'team_manager') {
      swNumber++
      writer.add('social_worker_registration', {
        council_id: council.id,
        user_id: id,
        sw_id: `SW${String(council.id * 100_000 + swNumber).padStart(7, '0')}`,
        registration_checked_on: isoFromDay(options.asAt - rng.int(0, 365)),
        created_by: null,
      })
    }
    return id
  }

  let nextTeamId = 1
  for (const rule of TEAM_RULES) {
    const teamCount = Math.max(1, Math.round(rule.teams * Math.min(1, size * 1.5)))
    const workerTotal = Math.max(teamCount * 2, Math.round(rule.workers * size))
    for (let index = 0; index < teamCount; index++) {
      const id = nextTeamId++
      const name = teamCount > 1 ? `${rule.name} ${index + 1}` : rule.name
      writer.add('team', { council_id: council.id, id, name, service_area: rule.kind })
      const demoManager = rule.kind === 'safeguarding' && index === 0
      const managerId = addUser('team_manager', true, demoManager ? { demoRole: 'team_manager' } : {})
      writer.add('team_member', { council_id: council.id, team_id: id, user_id: managerId, relation: 'manager' })
      const team: Team = { id, kind: rule.kind, name, managerId, workers: [], former: [] }
      const count = Math.floor(workerTotal / teamCount) + (index < workerTotal % teamCount ? 1 : 0)
      for (let w = 0; w < count; w++) {
        const demoRole =
          w === 0 && index === 0
            ? rule.kind === 'safeguarding'
              ? 'social_worker'
              : rule.kind === 'care_leavers'
                ? 'personal_adviser'
                : rule.kind === 'iro'
                  ? 'independent_reviewing_officer'
                  : undefined
            : undefined
        const userId = addUser(rule.role, true, demoRole === undefined ? {} : { demoRole })
        writer.add('team_member', { council_id: council.id, team_id: id, user_id: userId, relation: 'member' })
        team.workers.push({
          id: userId,
          teamId: id,
          role: rule.role,
          active: true,
          demo: demoRole !== undefined,
          caseload: 0,
        })
      }
      // Former staff: their accounts stay (inactive) because they hold past allocations.
      const formerCount = Math.max(1, Math.round(count * 0.25))
      for (let f = 0; f < formerCount; f++) {
        const userId = addUser(rule.role, false)
        team.former.push({ id: userId, teamId: id, role: rule.role, active: false, demo: false, caseload: 0 })
      }
      staff.teams.push(team)
      const list = staff.byKind.get(rule.kind) ?? []
      list.push(team)
      staff.byKind.set(rule.kind, list)
    }
  }
  staff.headsOfService.push(addUser('head_of_service', true, { demoRole: 'head_of_service' }))
  staff.headsOfService.push(addUser('head_of_service', true))
  const performance = Math.max(1, Math.round(3 * Math.min(1, size * 2)))
  for (let index = 0; index < performance; index++) {
    staff.performanceOfficers.push(
      addUser('performance_officer', true, index === 0 ? { demoRole: 'performance_officer' } : {}),
    )
  }
  for (let index = 0; index < 7; index++) {
    staff.councillors.push(addUser('councillor', true, index === 0 ? { demoRole: 'councillor' } : {}))
  }
  for (let index = 0; index < 2; index++) {
    staff.administrators.push(addUser('administrator', true, index === 0 ? { demoRole: 'administrator' } : {}))
  }
  return staff
}
