import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadChildFacts, type ChildFacts } from '../src/areas/compliance/child-facts.js'
import { dueItemsForChild } from '../src/areas/compliance/due-engine.js'
import { dueItemsForCouncil } from '../src/areas/compliance/due-sql.js'
import { compareDueItems } from '../src/areas/compliance/due-item.js'
import { loadRuleBook } from '../src/areas/compliance/rule-book.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'
import { seedFixture, type Fixture } from './support/fixtures.js'
import { AS_AT, insertScenario, LOCAL_STANDARDS, WORKED_EXAMPLES } from './compliance-scenarios.js'

let database: TestDatabase
let fixture: Fixture

/** Facts with every list in a fixed order, so two loads of the same records compare equal. */
function normalised(facts: ChildFacts): ChildFacts {
  const sorted = <T>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  return Object.fromEntries(
    Object.entries(facts).map(([key, value]) => [key, Array.isArray(value) ? sorted(value as unknown[]) : value]),
  ) as unknown as ChildFacts
}

beforeAll(async () => {
  database = await createTestDatabase()
  fixture = await seedFixture(database.db)
  for (const example of WORKED_EXAMPLES) {
    const local = example.council === 'local'
    await insertScenario(
      database.db,
      {
        councilId: local ? fixture.otherCouncilId : fixture.councilId,
        teamId: 1,
        personalAdviserId: local ? fixture.users.otherCouncilWorker.id : fixture.users.personal_adviser.id,
      },
      example.child.facts,
    )
  }
  await database.db
    .insertInto('council_timescale')
    .values(
      LOCAL_STANDARDS.map((rule) => ({
        council_id: fixture.otherCouncilId,
        rule_id: rule.ruleId,
        effective_from: rule.effectiveFrom,
        time_limit: rule.timeLimit,
        unit: rule.unit,
        enabled: rule.enabled,
        created_by: null,
      })),
    )
    .execute()
})
afterAll(() => database.destroy())

describe('the SQL engine and the TypeScript engine agree (same records, same day)', () => {
  it.each([
    ['national rules', 'own'],
    ['a council with its own standards', 'local'],
  ] as const)('%s', async (_name, which) => {
    const councilId = which === 'local' ? fixture.otherCouncilId : fixture.councilId
    const examples = WORKED_EXAMPLES.filter((example) => (example.council ?? 'own') === which)
    const ids = examples.map((example) => example.child.facts.childId)

    // The loader reads back exactly the facts that were written.
    const facts = await loadChildFacts(database.db, councilId, ids)
    for (const example of examples) {
      expect(normalised(facts.get(example.child.facts.childId) as ChildFacts), example.name).toEqual(
        normalised(example.child.facts),
      )
    }

    const rules = await loadRuleBook(database.db, councilId)
    const fromTypeScript = [...facts.values()].flatMap((child) => dueItemsForChild(child, rules, AS_AT))
    const fromSql = await dueItemsForCouncil(database.db, councilId, AS_AT, { childIds: ids })
    expect(fromSql.length).toBeGreaterThan(examples.length)
    expect(fromSql).toEqual(fromTypeScript.sort(compareDueItems))

    // And every worked example holds in SQL too.
    for (const example of examples) {
      const items = fromSql.filter((item) => item.childId === example.child.facts.childId)
      for (const expected of example.due) expect(items, example.name).toContainEqual(expect.objectContaining(expected))
      for (const family of example.none ?? []) expect(items.filter((item) => item.family === family)).toEqual([])
    }
  })

  it('computes a whole council at once, and only the children asked for when given a list', async () => {
    const all = await dueItemsForCouncil(database.db, fixture.councilId, AS_AT)
    const one = await dueItemsForCouncil(database.db, fixture.councilId, AS_AT, { childIds: [1008] })
    expect(one.map((item) => item.childId)).toEqual([1008, 1008, 1008, 1008])
    expect(all.filter((item) => item.childId === 1008)).toEqual(one)
    // Nothing from the other council leaks in.
    const otherIds = WORKED_EXAMPLES.filter((example) => example.council === 'local').map((e) => e.child.facts.childId)
    expect(all.some((item) => otherIds.includes(item.childId))).toBe(false)
  })
})
