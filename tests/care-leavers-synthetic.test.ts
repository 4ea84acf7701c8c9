import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { careLeaverOutcomesSql, type CareLeaverOutcomeRow } from '../src/areas/care-leavers/outcomes-sql.js'
import { careLeaverOutcomeAt, loadLeaverHistory } from '../src/areas/care-leavers/outcomes.js'
import { generateSyntheticCouncil, markDatabaseAsDemo } from '../src/areas/synthetic/demo.js'
import { todayInLondon } from '../src/web/forms/date-input.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

/**
 * The care leavers of the synthetic council (a twentieth of Blackpool): the outcomes SQL and its
 * TypeScript twin agree young person by young person, and the shares look like Blackpool's.
 */
let database: TestDatabase
let councilId: number
let rows: CareLeaverOutcomeRow[]
const today = todayInLondon()
/** Two years of birthdays, for a cohort big enough to judge shares at a twentieth of Blackpool. */
const yearAgo = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`

beforeAll(async () => {
  database = await createTestDatabase()
  await markDatabaseAsDemo(database.db)
  await generateSyntheticCouncil(database.db, { seed: 20261122, scale: 0.05 })
  councilId = (await database.db.selectFrom('council').select('id').orderBy('id').executeTakeFirstOrThrow()).id
  const result = await sql<CareLeaverOutcomeRow>`
    with periods as (select ${yearAgo}::date as period_start, ${today}::date as period_end)
    ${careLeaverOutcomesSql({ councilId })}
  `.execute(database.db)
  rows = result.rows
}, 240_000)
afterAll(() => database.destroy())

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole)

describe('care leaver outcomes on the synthetic council', () => {
  it('finds care leavers at their birthdays in the period', () => {
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) {
      expect(row.age_at_birthday).toBeGreaterThanOrEqual(17)
      expect(row.age_at_birthday).toBeLessThanOrEqual(21)
      expect(row.birthday >= yearAgo && row.birthday <= today).toBe(true)
    }
  })

  it('the TypeScript twin agrees with the SQL for every young person', async () => {
    for (const row of rows) {
      const history = await loadLeaverHistory(database.db, councilId, row.child_id)
      const outcome = history === undefined ? undefined : careLeaverOutcomeAt(history, row.age_at_birthday)
      expect({ child: row.child_id, outcome }).toEqual({
        child: row.child_id,
        outcome: {
          childId: row.child_id,
          ageAtBirthday: row.age_at_birthday,
          ageBand: row.age_band,
          birthday: row.birthday,
          windowStart: row.window_start,
          windowEnd: row.window_end,
          inTouch: row.in_touch,
          activ: row.activ,
          accom: row.accom,
          accommodationSuitable: row.accommodation_suitable,
          unsuitableReason: row.unsuitable_reason,
          inEducationEmploymentTraining: row.in_education_employment_training,
          inDfeCohort: row.in_dfe_cohort,
        },
      })
    }
  })

  it('has realistic shares: about 90% in touch, 85-95% suitably housed, about half NEET at 19-21', () => {
    const cohort = rows.filter((row) => row.in_dfe_cohort)
    const inTouch = share(cohort.filter((row) => row.in_touch === 'YES').length, cohort.length)
    const suitable = share(cohort.filter((row) => row.accommodation_suitable).length, cohort.length)
    const older = cohort.filter((row) => row.age_band === '19-21')
    const neet = share(older.filter((row) => !row.in_education_employment_training).length, older.length)
    expect(cohort.length).toBeGreaterThan(20)
    expect(inTouch).toBeGreaterThan(0.82)
    expect(inTouch).toBeLessThan(0.99)
    expect(suitable).toBeGreaterThan(0.8)
    expect(suitable).toBeLessThan(0.97)
    expect(older.length).toBeGreaterThan(8)
    expect(neet).toBeGreaterThan(0.35)
    expect(neet).toBeLessThan(0.7)
  })

  it('has a few young people living here whom another council is responsible for, never in the figures', async () => {
    const elsewhere = await database.db
      .selectFrom('responsible_authority_elsewhere')
      .select('child_id')
      .where('council_id', '=', councilId)
      .execute()
    expect(elsewhere.length).toBeGreaterThan(0)
    const ids = new Set(elsewhere.map((row) => row.child_id))
    expect(rows.filter((row) => ids.has(row.child_id))).toEqual([])
  })

  it('gives every young person not suitably housed a reason, so the figure can be explained by its parts', () => {
    for (const row of rows) expect(row.unsuitable_reason === null).toBe(row.accommodation_suitable)
    const reasons = new Set(rows.filter((row) => !row.accommodation_suitable).map((row) => row.unsuitable_reason))
    expect(reasons.size).toBeGreaterThan(0)
  })
})
