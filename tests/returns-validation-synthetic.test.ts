import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCinReturn } from '../src/areas/returns/cin/builder.js'
import { build903Return } from '../src/areas/returns/ssda903/builder.js'
import { validate903, validateCin, type Failure } from '../src/areas/returns/validation/engine.js'
import { yearLabel } from '../src/areas/returns/validation/years.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

let database: TestDatabase
let councilId: number

beforeAll(async () => {
  database = await createTestDatabase()
  await markDatabaseAsDemo(database.db)
  await generateSyntheticCouncil(database.db, { seed: 20261122, scale: 0.05 })
  councilId = (await database.db.selectFrom('council').select('id').orderBy('id').executeTakeFirstOrThrow()).id
}, 240_000)

afterAll(async () => {
  await database?.destroy()
})

function summary(failures: Failure[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const failure of failures) {
    counts[failure.code] = (counts[failure.code] ?? 0) + 1
  }
  return counts
}

/**
 * The synthetic council (a twentieth of Blackpool) must pass its own validation for the current and the
 * previous collection year.
 */
describe('the synthetic council passes validation', () => {
  it.each([2026, 2027])(
    'SSDA903 and CIN for the year ending March %i',
    async (year) => {
      const ret = await build903Return(database.db, councilId, year)
      const last = await build903Return(database.db, councilId, year - 1)
      const failures = validate903(ret, yearLabel(year), { lastYear: last })
      const cin = validateCin(await buildCinReturn(database.db, councilId, year), yearLabel(year))
      expect(summary(failures)).toEqual({})
      expect(summary(cin)).toEqual({})
    },
    120_000,
  )
})
