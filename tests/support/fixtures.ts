import type { Db } from '../../src/db/database.js'
import type { Role } from '../../src/db/tables/foundation.js'
import { hashPassword } from '../../src/areas/auth/passwords.js'

export const PASSWORD = 'correct horse battery staple'

export interface Fixture {
  councilId: number
  otherCouncilId: number
  teams: { childProtection: number; childrenInCare: number }
  users: Record<
    Role | 'otherSocialWorker' | 'otherTeamWorker' | 'otherCouncilWorker',
    { id: number; email: string; councilId: number }
  >
  children: { allocatedToWorker: number; sameTeam: number; otherTeam: number; restricted: number; otherCouncil: number }
}

let hashed: string | undefined

/**
 * A small hand-built council (ids fixed so tests read plainly): two teams, one user per role, and
 * children placed so that every scope rule has a child on each side of it.
 */
export async function seedFixture(db: Db): Promise<Fixture> {
  hashed ??= await hashPassword(PASSWORD)
  const councilId = 1
  const otherCouncilId = 2
  await db
    .insertInto('council')
    .values([
      { id: councilId, name: 'Testbay Council', la_code: '990', gss_code: 'E06999999', region: 'North West' },
      { id: otherCouncilId, name: 'Elsewhere Council', la_code: '991', gss_code: 'E06999998', region: 'North West' },
    ])
    .execute()
  await db
    .insertInto('team')
    .values([
      { council_id: councilId, id: 1, name: 'Child protection team', service_area: 'child_protection' },
      { council_id: councilId, id: 2, name: 'Children in care team', service_area: 'children_in_care' },
      { council_id: otherCouncilId, id: 1, name: 'Elsewhere team', service_area: 'child_protection' },
    ])
    .execute()
  const people: [keyof Fixture['users'], Role, number, number | null, 'member' | 'manager' | null][] = [
    ['social_worker', 'social_worker', councilId, 1, 'member'],
    ['otherTeamWorker', 'social_worker', councilId, 1, 'member'],
    ['otherSocialWorker', 'social_worker', councilId, 2, 'member'],
    ['personal_adviser', 'personal_adviser', councilId, 2, 'member'],
    ['team_manager', 'team_manager', councilId, 1, 'manager'],
    ['independent_reviewing_officer', 'independent_reviewing_officer', councilId, null, null],
    ['head_of_service', 'head_of_service', councilId, null, null],
    ['performance_officer', 'performance_officer', councilId, null, null],
    ['councillor', 'councillor', councilId, null, null],
    ['administrator', 'administrator', councilId, null, null],
    ['otherCouncilWorker', 'social_worker', otherCouncilId, 1, 'member'],
  ]
  const users = {} as Fixture['users']
  let id = 1
  for (const [key, role, council, team, relation] of people) {
    const email = `${key.replaceAll('_', '.')}@testbay.example`
    await db
      .insertInto('user_account')
      .values({
        council_id: council,
        id,
        email,
        display_name: `Test ${key.replaceAll('_', ' ')}`,
        role,
        password_hash: hashed,
        oidc_subject: null,
        locked_until: null,
        last_sign_in_at: null,
      })
      .execute()
    if (team !== null && relation !== null) {
      await db.insertInto('team_member').values({ council_id: council, team_id: team, user_id: id, relation }).execute()
    }
    users[key] = { id, email, councilId: council }
    id++
  }
  const child = async (council: number, childId: number, lastName: string, restriction: 'restricted' | null = null) => {
    await db
      .insertInto('child')
      .values({
        council_id: council,
        id: childId,
        la_child_id: `T${childId}`,
        first_name: 'Testchild',
        last_name: lastName,
        preferred_name: null,
        date_of_birth: '2015-06-01',
        expected_date_of_birth: null,
        date_of_death: null,
        sex: 'F',
        ethnicity: 'WBRI',
        upn: null,
        former_upn: null,
        upn_unknown_reason: 'UN1',
        uasc_ceased_date: null,
        home_postcode: 'FY1 1AA',
        restriction,
        restriction_reason: restriction === null ? null : 'Relative of a member of staff',
        merged_into_child_id: null,
      })
      .execute()
    return childId
  }
  const allocate = async (council: number, childId: number, team: number, user: number) => {
    await db
      .insertInto('worker_allocation')
      .values({
        council_id: council,
        child_id: childId,
        allocation_role: 'social_worker',
        team_id: team,
        user_id: user,
        start_date: '2026-01-05',
        end_date: null,
        reason_for_change: null,
        created_by: null,
      })
      .execute()
  }
  const children = {
    allocatedToWorker: await child(councilId, 101, 'Allocated'),
    sameTeam: await child(councilId, 102, 'Sameteam'),
    otherTeam: await child(councilId, 103, 'Otherteam'),
    restricted: await child(councilId, 104, 'Restricted', 'restricted'),
    otherCouncil: await child(otherCouncilId, 105, 'Elsewhere'),
  }
  await allocate(councilId, children.allocatedToWorker, 1, users.social_worker.id)
  await allocate(councilId, children.sameTeam, 1, users.otherTeamWorker.id)
  await allocate(councilId, children.otherTeam, 2, users.otherSocialWorker.id)
  await allocate(councilId, children.restricted, 1, users.social_worker.id)
  await allocate(otherCouncilId, children.otherCouncil, 1, users.otherCouncilWorker.id)
  await db
    .insertInto('child_access_grant')
    .values({
      council_id: councilId,
      child_id: children.restricted,
      user_id: users.team_manager.id,
      granted_by: users.head_of_service.id,
      reason: 'Manages the case',
    })
    .execute()
  return { councilId, otherCouncilId, teams: { childProtection: 1, childrenInCare: 2 }, users, children }
}
