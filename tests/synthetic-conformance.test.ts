import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import { serviceRuleBreaches } from '../src/areas/synthetic/conformance.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

/**
 * The synthetic council obeys the same rules as the services that record a child's history: every
 * generated record, replayed through the services' rule functions, is one a social worker's form
 * would have accepted.
 */
let database: TestDatabase
let councilId: number

beforeAll(async () => {
  database = await createTestDatabase()
  await markDatabaseAsDemo(database.db)
  await generateSyntheticCouncil(database.db, { seed: 20261122, scale: 0.05 })
  councilId = (await database.db.selectFrom('council').select('id').orderBy('id').executeTakeFirstOrThrow()).id
}, 240_000)
afterAll(() => database.destroy())

describe('the synthetic council against the services’ rules', () => {
  it('has looked-after histories, reviews, missing episodes, referrals and plans to check', async () => {
    const count = async (
      table: 'looked_after_episode' | 'looked_after_review' | 'missing_episode' | 'referral' | 'cp_plan',
    ) =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select(({ fn }) => fn.countAll().as('n'))
            .where('council_id', '=', councilId)
            .executeTakeFirstOrThrow()
        ).n,
      )
    for (const table of [
      'looked_after_episode',
      'looked_after_review',
      'missing_episode',
      'referral',
      'cp_plan',
    ] as const) {
      expect(await count(table), table).toBeGreaterThan(10)
    }
  })

  it('has no record that a Harbour service would refuse', async () => {
    const breaches = await serviceRuleBreaches(database.db, councilId, todayInLondon())
    const counts = new Map<string, number>()
    for (const breach of breaches) {
      const key = `${breach.record}: ${breach.message}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    expect([...counts].map(([message, count]) => `${count} × ${message}`)).toEqual([])
  })

  it('would catch a record a service refuses', async () => {
    const episode = await database.db
      .selectFrom('looked_after_episode')
      .select(['id', 'child_id'])
      .where('council_id', '=', councilId)
      .where('placement_type', 'like', 'U%')
      .executeTakeFirstOrThrow()
    await database.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('looked_after_episode')
          .set({ placement_provider: null })
          .where('id', '=', episode.id)
          .execute()
        const breaches = await serviceRuleBreaches(trx, councilId, todayInLondon())
        expect(breaches.filter((breach) => breach.recordId === episode.id).map((breach) => breach.message)).toContain(
          'Select who provides the placement',
        )
        throw new Rollback()
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error
      })
  })
})

class Rollback extends Error {}
