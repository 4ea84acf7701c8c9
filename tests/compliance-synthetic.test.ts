import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSignedInUser } from '../src/areas/auth/sessions.js'
import { addCalendarMonths } from '../src/areas/compliance/calendar.js'
import { loadChildFacts } from '../src/areas/compliance/child-facts.js'
import { dueItemsForChild } from '../src/areas/compliance/due-engine.js'
import { compareDueItems, STATUTORY_VISIT_FAMILIES } from '../src/areas/compliance/due-item.js'
import { dueItemsForCouncil } from '../src/areas/compliance/due-sql.js'
import { loadRuleBook } from '../src/areas/compliance/rule-book.js'
import { percentInTime, visitTimeliness, type TimelinessCounts } from '../src/areas/compliance/timeliness.js'
import { countTray, trayItems } from '../src/areas/compliance/tray.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import type { SignedInUser } from '../src/web/context.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

/**
 * The statutory clock on the synthetic council (a twentieth of Blackpool, three years of history to
 * today): both engines agree on every child, and the trays and timeliness figures are plausible and
 * add up: every team's figures sum to the service's.
 */
let database: TestDatabase
let councilId: number
let head: SignedInUser
const today = todayInLondon()

async function userWithRole(role: string): Promise<SignedInUser[]> {
  const rows = await database.db
    .selectFrom('user_account')
    .select(['council_id', 'id'])
    .where('council_id', '=', councilId)
    .where('role', '=', role as never)
    .where('active', '=', true)
    .execute()
  const users: SignedInUser[] = []
  for (const row of rows) {
    const user = await loadSignedInUser(database.db, row.council_id, row.id)
    if (user !== undefined) users.push(user)
  }
  return users
}

beforeAll(async () => {
  database = await createTestDatabase()
  await markDatabaseAsDemo(database.db)
  await generateSyntheticCouncil(database.db, { seed: 20261122, scale: 0.05 })
  councilId = (await database.db.selectFrom('council').select('id').orderBy('id').executeTakeFirstOrThrow()).id
  const [first] = await userWithRole('head_of_service')
  if (first === undefined) throw new Error('The synthetic council has no head of service')
  head = first
}, 180_000)
afterAll(() => database.destroy())

describe('on the synthetic council', () => {
  it('the SQL engine and the TypeScript engine give the same items for every child', async () => {
    const fromSql = await dueItemsForCouncil(database.db, councilId, today)
    const facts = await loadChildFacts(database.db, councilId)
    const rules = await loadRuleBook(database.db, councilId)
    const fromTypeScript = [...facts.values()]
      .flatMap((child) => dueItemsForChild(child, rules, today))
      .sort(compareDueItems)
    expect(fromSql.length).toBeGreaterThan(100)
    expect(fromSql).toEqual(fromTypeScript)
  })

  it('the work trays are plausible and the team trays add up to the service tray', async () => {
    const items = await trayItems(database.db, head, today)
    const service = countTray(items)
    const visits = items.filter((item) => STATUTORY_VISIT_FAMILIES.includes(item.family))
    expect(visits.length).toBeGreaterThan(20)
    // Most statutory visits are in time: only a minority are overdue now.
    expect(visits.filter((item) => item.status === 'overdue').length / visits.length).toBeLessThan(0.3)
    const teams = [...new Set(items.map((item) => item.teamId))]
    const sum = { overdue: 0, thisWeek: 0, later: 0, total: 0 }
    for (const team of teams) {
      const counts = countTray(items.filter((item) => item.teamId === team))
      sum.overdue += counts.overdue
      sum.thisWeek += counts.thisWeek
      sum.later += counts.later
      sum.total += counts.total
    }
    expect(sum).toEqual({
      overdue: service.overdue,
      thisWeek: service.thisWeek,
      later: service.later,
      total: service.total,
    })
    // A team manager's own tray is the service tray cut to their teams.
    for (const manager of await userWithRole('team_manager')) {
      const own = (await trayItems(database.db, manager, today)).filter(
        (item) => item.teamId !== null && manager.managedTeamIds.includes(item.teamId),
      )
      const fromService = items.filter((item) => item.teamId !== null && manager.managedTeamIds.includes(item.teamId))
      expect(own.map((item) => `${item.childId}|${item.ruleId}|${item.dueDate}`).sort()).toEqual(
        fromService.map((item) => `${item.childId}|${item.ruleId}|${item.dueDate}`).sort(),
      )
    }
  })

  it('visit timeliness is plausible, and the teams’ figures add up to the service total', async () => {
    const period = { from: addCalendarMonths(today, -6), to: today }
    const service = await visitTimeliness(database.db, head, period, today)
    expect(service.total.due).toBeGreaterThan(50)
    const percent = percentInTime(service.total) ?? 0
    expect(percent).toBeGreaterThan(60)
    expect(percent).toBeLessThan(99)
    expect(service.total.late + service.total.notSeen).toBeGreaterThan(0)
    expect(service.total.withReason).toBeGreaterThan(0)
    expect(service.childrenNotSeen.length).toBeGreaterThan(0)

    // Each team's report, run on its own, adds up to the service's total.
    const sum: TimelinessCounts = { due: 0, inTime: 0, late: 0, notSeen: 0, withReason: 0 }
    for (const row of service.rows) {
      const counts =
        row.teamId === null
          ? row
          : (await visitTimeliness(database.db, head, { ...period, teamId: row.teamId }, today)).total
      expect(counts).toEqual({
        due: row.due,
        inTime: row.inTime,
        late: row.late,
        notSeen: row.notSeen,
        withReason: row.withReason,
      })
      for (const key of Object.keys(sum) as (keyof TimelinessCounts)[]) sum[key] += counts[key]
    }
    expect(sum).toEqual(service.total)
    expect(service.total.inTime + service.total.late + service.total.notSeen).toBe(service.total.due)
  })
})
