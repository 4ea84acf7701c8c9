import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeBreakdown, computeFigures, cohortMembers, type Figure } from '../src/areas/figures/engine.js'
import { yearToMarch } from '../src/areas/figures/periods.js'
import { CARE_INDICATORS } from '../src/areas/figures/indicators/care.js'
import { cl1718Eet } from '../src/areas/figures/indicators/cl-17-18-eet.js'
import { cl1718Suitable } from '../src/areas/figures/indicators/cl-17-18-suitable.js'
import { cl1921Eet } from '../src/areas/figures/indicators/cl-19-21-eet.js'
import { cl1921Suitable } from '../src/areas/figures/indicators/cl-19-21-suitable.js'
import { clInTouch1718 } from '../src/areas/figures/indicators/cl-in-touch-17-18.js'
import { clInTouch1921 } from '../src/areas/figures/indicators/cl-in-touch-19-21.js'
import { claRate } from '../src/areas/figures/indicators/cla-rate.js'
import { dentalCheck } from '../src/areas/figures/indicators/dental-check.js'
import { healthAssessment } from '../src/areas/figures/indicators/health-assessment.js'
import { longTermStability } from '../src/areas/figures/indicators/long-term-stability.js'
import { missingIncidentsPerChild } from '../src/areas/figures/indicators/missing-incidents-per-child.js'
import { missingPct } from '../src/areas/figures/indicators/missing-pct.js'
import { placed20Miles } from '../src/areas/figures/indicators/placed-20-miles.js'
import { placedOutsideLa } from '../src/areas/figures/indicators/placed-outside-la.js'
import { placements3PlusYear } from '../src/areas/figures/indicators/placements-3plus-year.js'
import { returnedHome } from '../src/areas/figures/indicators/returned-home.js'
import { sdqAverage } from '../src/areas/figures/indicators/sdq-average.js'
import { sdqCompleted } from '../src/areas/figures/indicators/sdq-completed.js'
import type { IndicatorDefinition, Period } from '../src/areas/figures/indicators/types.js'
import type { SignedInUser } from '../src/web/context.js'
import { createTestDatabase, type TestDatabase } from './support/test-database.js'

// The looked-after, health, missing and care-leaver indicators on small hand-built cohorts whose
// answers are worked out by hand in the comments. Each describe block gets a council of its own (and
// a neighbouring council holding a child who would count if it were ours), so cohorts never mix.
// Every figure is checked against its drill-down: the children in the numerator are exactly the
// numerator (for the incidents ratio, their values add up to it).

let database: TestDatabase
const YEAR: Period = yearToMarch(2026)
const MARCH_31: Period = { start: '2026-03-31', end: '2026-03-31' }

beforeAll(async () => {
  database = await createTestDatabase()
})

afterAll(async () => {
  await database.destroy()
})

let councilCount = 0

/** A council of our own and a neighbour; our population of 0–17s is 2,000. */
async function councils(): Promise<{ ours: number; neighbour: number }> {
  councilCount++
  const ours = 10 + councilCount * 2
  const neighbour = ours + 1
  await database.db
    .insertInto('council')
    .values(
      [ours, neighbour].map((id) => ({
        id,
        name: `Council ${id}`,
        la_code: String(800 + id),
        gss_code: `E0600${id}`,
        region: 'North West',
      })),
    )
    .execute()
  await database.db
    .insertInto('council_population')
    .values({ council_id: ours, year: 2026, age_from: 0, age_to: 17, population: 2000, source: 'test' })
    .execute()
  return { ours, neighbour }
}

interface ChildOptions {
  dob?: string
  uasc?: boolean
  uascCeased?: string
  mergedInto?: number
  died?: string
}

async function addChild(council: number, id: number, options: ChildOptions = {}): Promise<number> {
  await database.db
    .insertInto('child')
    .values({
      council_id: council,
      id,
      la_child_id: `C${id}`,
      first_name: 'Test',
      last_name: `Child${id}`,
      preferred_name: null,
      date_of_birth: options.dob ?? '2015-06-01',
      expected_date_of_birth: null,
      date_of_death: options.died ?? null,
      sex: 'F',
      ethnicity: 'WBRI',
      upn: null,
      former_upn: null,
      upn_unknown_reason: 'UN1',
      uasc: options.uasc ?? false,
      uasc_ceased_date: options.uascCeased ?? null,
      home_postcode: null,
      restriction: null,
      restriction_reason: null,
      merged_into_child_id: options.mergedInto ?? null,
    })
    .execute()
  return id
}

interface Stay {
  from: string
  to?: string
  rne?: string
  ls?: string
  place?: string
  rec?: string
  miles?: number
  inside?: boolean
  placementId?: number
}

/**
 * One period of care made of these episodes, in order. An episode followed by another ends with REC
 * X1 unless told otherwise; the last ends with REC E8 when it has an end date.
 */
async function lookAfter(council: number, childId: number, stays: Stay[]): Promise<void> {
  const first = stays[0]
  const last = stays.at(-1)
  if (first === undefined || last === undefined) throw new Error('A period of care needs an episode')
  const period = await database.db
    .insertInto('period_of_care')
    .values({ council_id: council, child_id: childId, start_date: first.from, end_date: last.to ?? null })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [index, stay] of stays.entries()) {
    const hasNext = index < stays.length - 1
    await database.db
      .insertInto('looked_after_episode')
      .values({
        council_id: council,
        child_id: childId,
        period_of_care_id: period.id,
        placement_id: stay.placementId ?? null,
        start_date: stay.from,
        reason_new_episode: stay.rne ?? (index === 0 ? 'S' : 'P'),
        legal_status: stay.ls ?? 'C2',
        category_of_need: 'N1',
        placement_type: stay.place ?? 'U6',
        end_date: stay.to ?? null,
        reason_episode_ceased: stay.to === undefined ? null : (stay.rec ?? (hasNext ? 'X1' : 'E8')),
        distance_miles: stay.miles ?? null,
        placement_inside_boundary: stay.inside ?? null,
      })
      .execute()
  }
}

async function addPlacement(council: number, childId: number, start: string): Promise<number> {
  const row = await database.db
    .insertInto('placement')
    .values({ council_id: council, child_id: childId, placement_type: 'U4', start_date: start })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

function headOfService(councilId: number): SignedInUser {
  return {
    councilId,
    councilName: `Council ${councilId}`,
    id: 9999,
    email: 'head@example.test',
    displayName: 'Head of service',
    role: 'head_of_service',
    teamIds: [],
    managedTeamIds: [],
    workerScope: 'team',
  }
}

/**
 * The figure for one period, and the council's children in its numerator (by la_child_id), after
 * checking the drill-down agrees with the figure: as many children in the numerator as the numerator
 * (the sum of their values for a ratio), as many in the denominator as the denominator.
 */
async function figureAndNumerator(
  def: IndicatorDefinition,
  councilId: number,
  period: Period,
): Promise<{ figure: Figure; inNumerator: string[]; inDenominator: string[] }> {
  const [figure] = await computeFigures(database.db, def, councilId, [period])
  if (figure === undefined) throw new Error('no figure')
  const members = await cohortMembers(database.db, def, councilId, period, headOfService(councilId))
  const numeratorMembers = members.filter((member) => member.inNumerator)
  if (def.aggregation === 'ratio') {
    expect(numeratorMembers.reduce((sum, member) => sum + (member.value ?? 0), 0)).toBe(figure.numerator)
  } else {
    expect(numeratorMembers).toHaveLength(figure.numerator)
  }
  if (def.aggregation !== 'rate_per_10000') {
    expect(members.filter((member) => member.inDenominator)).toHaveLength(figure.denominator)
  }
  return {
    figure,
    inNumerator: numeratorMembers.map((member) => member.laChildId).sort(),
    inDenominator: members
      .filter((member) => member.inDenominator)
      .map((member) => member.laChildId)
      .sort(),
  }
}

describe('the care indicator list', () => {
  it('lists each care indicator once, with a cohort query and DfE provenance', () => {
    const ids = CARE_INDICATORS.map((def) => def.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(
      expect.arrayContaining([
        'cla_rate',
        'placements_3plus_year_pct',
        'long_term_stability_pct',
        'placed_20miles_pct',
        'placed_outside_la_pct',
        'health_assessment_pct',
        'dental_check_pct',
        'sdq_completed_pct',
        'sdq_avg',
        'missing_pct',
        'missing_incidents_per_child',
        'returned_home_pct',
        'cl_17_18_suitable_pct',
        'cl_19_21_suitable_pct',
        'cl_17_18_eet_pct',
        'cl_19_21_eet_pct',
        'cl_in_touch_17_18_pct',
        'cl_in_touch_19_21_pct',
      ]),
    )
    for (const def of CARE_INDICATORS) expect(def.source, def.id).toMatch(/DfE|LG Inform/)
  })
})

describe('children looked after per 10,000 (cla_rate)', () => {
  it('counts children looked after on the day, not those who left that day, short breaks, merged or elsewhere children', async () => {
    const { ours, neighbour } = await councils()
    const open = await addChild(ours, 1)
    await lookAfter(ours, open, [{ from: '2024-01-01', ls: 'C2', place: 'U4' }])
    await lookAfter(ours, await addChild(ours, 2), [{ from: '2024-01-01', to: '2026-03-31', rec: 'E4A' }])
    await lookAfter(ours, await addChild(ours, 3), [{ from: '2024-01-01', to: '2026-04-01', ls: 'V2', place: 'U6' }])
    await lookAfter(ours, await addChild(ours, 4), [{ from: '2026-03-30', ls: 'V3', place: 'U6' }])
    await lookAfter(ours, await addChild(ours, 5, { mergedInto: open }), [{ from: '2024-01-01' }])
    const elsewhere = await addChild(ours, 6)
    await lookAfter(ours, elsewhere, [{ from: '2024-01-01' }])
    await database.db
      .insertInto('responsible_authority_elsewhere')
      .values({
        council_id: ours,
        child_id: elsewhere,
        responsible_la_code: '888',
        responsible_la_name: 'Lancashire',
        start_date: '2025-01-01',
      })
      .execute()
    await lookAfter(ours, await addChild(ours, 7), [{ from: '2026-04-01' }])
    // A change of placement on 31 March: the old episode ends with X1 that day, the new one starts.
    await lookAfter(ours, await addChild(ours, 8), [
      { from: '2025-01-01', to: '2026-03-31', ls: 'C1', place: 'U6' },
      { from: '2026-03-31', ls: 'C2', place: 'K2' },
    ])
    await lookAfter(neighbour, await addChild(neighbour, 9), [{ from: '2024-01-01' }])

    // C1, C3 and C8: 3 children; 10,000 × 3 / 2,000 = 15.
    const { figure, inNumerator } = await figureAndNumerator(claRate, ours, MARCH_31)
    expect(inNumerator).toEqual(['C1', 'C3', 'C8'])
    expect(figure).toMatchObject({ numerator: 3, denominator: 2000, value: 15 })

    const byLegalStatus = await computeBreakdown(database.db, claRate, ours, MARCH_31, 'legal_status')
    expect(byLegalStatus.map((row) => [row.key, row.numerator])).toEqual(
      expect.arrayContaining([
        ['C2', 2],
        ['V2', 1],
      ]),
    )
    const byPlacement = await computeBreakdown(database.db, claRate, ours, MARCH_31, 'placement_type')
    expect(byPlacement.reduce((sum, row) => sum + row.numerator, 0)).toBe(3)
    expect(byPlacement.find((row) => row.key === 'K2')?.numerator).toBe(1)

    const [theirs] = await computeFigures(database.db, claRate, neighbour, [MARCH_31])
    expect(theirs?.numerator).toBe(1)
  })
})

describe('3 or more placements in the year (placements_3plus_year_pct)', () => {
  it('counts placements in the year, leaving out changes of legal status, short breaks and temporary moves', async () => {
    const { ours, neighbour } = await councils()
    // C1: in a placement on 1 April, moved in June and September: 3 placements.
    await lookAfter(ours, await addChild(ours, 1), [
      { from: '2024-01-01', to: '2025-06-01' },
      { from: '2025-06-01', to: '2025-09-01' },
      { from: '2025-09-01' },
    ])
    // C2: a legal-status change (L) is not a move: 1 + 1 = 2 placements.
    await lookAfter(ours, await addChild(ours, 2), [
      { from: '2024-01-01', to: '2025-05-01' },
      { from: '2025-05-01', to: '2025-07-01', rne: 'L', ls: 'C1' },
      { from: '2025-07-01', to: '2025-08-01', rne: 'P' },
      { from: '2025-08-01', rne: 'L' },
    ])
    // C3: a holiday (T2) and the return to the same placement are not moves: 2 placements, not 4.
    const holidayChild = await addChild(ours, 3)
    const home = await addPlacement(ours, holidayChild, '2024-01-01')
    await lookAfter(ours, holidayChild, [
      { from: '2024-01-01', to: '2025-06-01', placementId: home },
      { from: '2025-06-01', to: '2025-06-05', place: 'T2' },
      { from: '2025-06-05', to: '2025-07-01', placementId: home },
      { from: '2025-07-01' },
    ])
    // C4: two short breaks (V3) before coming into care in October: 1 placement, not 3.
    const shortBreaks = await addChild(ours, 4)
    await lookAfter(ours, shortBreaks, [{ from: '2025-04-10', to: '2025-04-12', ls: 'V3', rec: 'E13' }])
    await lookAfter(ours, shortBreaks, [{ from: '2025-05-10', to: '2025-05-12', ls: 'V3', rec: 'E13' }])
    await lookAfter(ours, shortBreaks, [{ from: '2025-10-01', ls: 'V2' }])
    // C5: came into care in December and moved twice: 3 placements.
    await lookAfter(ours, await addChild(ours, 5), [
      { from: '2025-12-01', to: '2026-01-01' },
      { from: '2026-01-01', to: '2026-02-01' },
      { from: '2026-02-01' },
    ])
    // C8: in hospital (T1) and back to the same foster home (same type, postcode and URN, no placement
    // records), then a real move: 2 placements, not 3.
    const hospitalChild = await addChild(ours, 8)
    await lookAfter(ours, hospitalChild, [
      { from: '2024-01-01', to: '2025-06-01', place: 'U4' },
      { from: '2025-06-01', to: '2025-06-20', place: 'T1' },
      { from: '2025-06-20', to: '2025-11-01', place: 'U4' },
      { from: '2025-11-01', place: 'U4' },
    ])
    await database.db
      .updateTable('looked_after_episode')
      .set({ placement_postcode: 'FY1 1AA' })
      .where('council_id', '=', ours)
      .where('child_id', '=', hospitalChild)
      .where('start_date', '<', '2025-11-01')
      .execute()
    // C6: 3 placements but left care on 31 March: not in the cohort.
    await lookAfter(ours, await addChild(ours, 6), [
      { from: '2025-05-01', to: '2025-06-01' },
      { from: '2025-06-01', to: '2025-07-01' },
      { from: '2025-07-01', to: '2026-03-31', rec: 'E4A' },
    ])
    await lookAfter(neighbour, await addChild(neighbour, 7), [
      { from: '2025-05-01', to: '2025-06-01' },
      { from: '2025-06-01', to: '2025-07-01' },
      { from: '2025-07-01' },
    ])

    // 2 of C1–C5 and C8.
    const { figure, inNumerator, inDenominator } = await figureAndNumerator(placements3PlusYear, ours, YEAR)
    expect(inNumerator).toEqual(['C1', 'C5'])
    expect(inDenominator).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C8'])
    expect(figure.numerator).toBe(2)
    expect(figure.denominator).toBe(6)
    expect(figure.value).toBeCloseTo(33.33, 2)
  })
})

describe('long-term placement stability (long_term_stability_pct)', () => {
  it('counts under-16s looked after 2½ years with the same carer for 2 years, or placed for adoption', async () => {
    const { ours, neighbour } = await councils()
    // Cut-offs for 31 March 2026: in care by 30 September 2023, with the carer by 31 March 2024.
    // C1: with the same carer since 2023: in.
    await lookAfter(ours, await addChild(ours, 1), [{ from: '2023-01-01', place: 'U4' }])
    // C2: new carer in June 2024: denominator only.
    await lookAfter(ours, await addChild(ours, 2), [{ from: '2023-01-01', to: '2024-06-01' }, { from: '2024-06-01' }])
    // C3: in care exactly 2½ years; a move with the same carer (U) does not reset: in.
    await lookAfter(ours, await addChild(ours, 3), [
      { from: '2023-09-30', to: '2025-01-01' },
      { from: '2025-01-01', rne: 'U' },
    ])
    // C4: 16 on 31 March 2026: not in the cohort.
    await lookAfter(ours, await addChild(ours, 4, { dob: '2010-03-31' }), [{ from: '2020-01-01' }])
    // C5: in care a day short of 2½ years: not in the cohort.
    await lookAfter(ours, await addChild(ours, 5), [{ from: '2023-10-01' }])
    // C6: placed for adoption in June 2025 after a foster placement from 2023: together 2+ years: in.
    await lookAfter(ours, await addChild(ours, 6, { dob: '2020-01-01' }), [
      { from: '2023-01-01', to: '2025-06-01' },
      { from: '2025-06-01', place: 'A4', ls: 'E1' },
    ])
    // C7: placed for adoption, but the placement before began in September 2024: denominator only.
    await lookAfter(ours, await addChild(ours, 7, { dob: '2020-01-01' }), [
      { from: '2023-01-01', to: '2024-09-01' },
      { from: '2024-09-01', to: '2025-06-01' },
      { from: '2025-06-01', place: 'A4', ls: 'E1' },
    ])
    // C8: a holiday (T2) and back to the same placement: still the same carer since 2022: in.
    const holidayChild = await addChild(ours, 8)
    const home = await addPlacement(ours, holidayChild, '2022-01-01')
    await lookAfter(ours, holidayChild, [
      { from: '2022-01-01', to: '2025-07-01', placementId: home },
      { from: '2025-07-01', to: '2025-07-10', place: 'T2' },
      { from: '2025-07-10', placementId: home },
    ])
    // C9: a change of legal status (L) only: in.
    await lookAfter(ours, await addChild(ours, 9), [
      { from: '2022-01-01', to: '2024-12-01', ls: 'V2' },
      { from: '2024-12-01', rne: 'L', ls: 'C2' },
    ])
    await lookAfter(neighbour, await addChild(neighbour, 10), [{ from: '2020-01-01' }])

    // 5 of 7 (C1, C2, C3, C6, C7, C8, C9).
    const { figure, inNumerator, inDenominator } = await figureAndNumerator(longTermStability, ours, MARCH_31)
    expect(inDenominator).toEqual(['C1', 'C2', 'C3', 'C6', 'C7', 'C8', 'C9'])
    expect(inNumerator).toEqual(['C1', 'C3', 'C6', 'C8', 'C9'])
    expect(figure.numerator).toBe(5)
    expect(figure.denominator).toBe(7)
    expect(figure.value).toBeCloseTo(71.43, 2)
  })
})

describe('placed more than 20 miles from home (placed_20miles_pct)', () => {
  it('uses the placement open on the day, leaving out unknown distances, UASC and short breaks', async () => {
    const { ours, neighbour } = await councils()
    await lookAfter(ours, await addChild(ours, 1), [{ from: '2025-01-01', miles: 25 }])
    await lookAfter(ours, await addChild(ours, 2), [{ from: '2025-01-01', miles: 20 }])
    await lookAfter(ours, await addChild(ours, 3), [{ from: '2025-01-01' }])
    await lookAfter(ours, await addChild(ours, 4, { uasc: true }), [{ from: '2025-01-01', miles: 50 }])
    await lookAfter(ours, await addChild(ours, 5, { uasc: true, uascCeased: '2025-06-01' }), [
      { from: '2025-01-01', miles: 30 },
    ])
    await lookAfter(ours, await addChild(ours, 6), [{ from: '2026-03-01', ls: 'V4', miles: 40 }])
    await lookAfter(ours, await addChild(ours, 7), [{ from: '2025-01-01', to: '2026-03-31', miles: 40 }])
    await lookAfter(ours, await addChild(ours, 8), [
      { from: '2025-01-01', to: '2025-12-01', miles: 40 },
      { from: '2025-12-01', miles: 5 },
    ])
    await lookAfter(neighbour, await addChild(neighbour, 9), [{ from: '2025-01-01', miles: 60 }])

    // C1 and C5 of C1, C2, C5, C8.
    const { figure, inNumerator, inDenominator } = await figureAndNumerator(placed20Miles, ours, MARCH_31)
    expect(inNumerator).toEqual(['C1', 'C5'])
    expect(inDenominator).toEqual(['C1', 'C2', 'C5', 'C8'])
    expect(figure).toMatchObject({ numerator: 2, denominator: 4, value: 50 })
  })
})

describe('placed outside the council boundary (placed_outside_la_pct)', () => {
  it('counts placements outside the boundary among all children looked after on the day', async () => {
    const { ours, neighbour } = await councils()
    await lookAfter(ours, await addChild(ours, 1), [{ from: '2025-01-01', inside: false }])
    await lookAfter(ours, await addChild(ours, 2), [{ from: '2025-01-01', inside: true }])
    await lookAfter(ours, await addChild(ours, 3), [{ from: '2025-01-01' }])
    await lookAfter(ours, await addChild(ours, 4), [{ from: '2026-03-20', ls: 'V3', inside: false }])
    await lookAfter(ours, await addChild(ours, 5), [
      { from: '2025-01-01', to: '2026-01-01', inside: false },
      { from: '2026-01-01', inside: true },
    ])
    // Another council was responsible until January 2025; this council is now: counted.
    const transferred = await addChild(ours, 6)
    await lookAfter(ours, transferred, [{ from: '2024-06-01', inside: false }])
    await database.db
      .insertInto('responsible_authority_elsewhere')
      .values({
        council_id: ours,
        child_id: transferred,
        responsible_la_code: '888',
        responsible_la_name: 'Lancashire',
        start_date: '2024-06-01',
        end_date: '2025-01-01',
      })
      .execute()
    await lookAfter(neighbour, await addChild(neighbour, 7), [{ from: '2025-01-01', inside: false }])

    // C1 and C6 of C1, C2, C3, C5, C6.
    const { figure, inNumerator, inDenominator } = await figureAndNumerator(placedOutsideLa, ours, MARCH_31)
    expect(inNumerator).toEqual(['C1', 'C6'])
    expect(inDenominator).toEqual(['C1', 'C2', 'C3', 'C5', 'C6'])
    expect(figure).toMatchObject({ numerator: 2, denominator: 5, value: 40 })
  })
})

describe('the 903 OC2 health measures', () => {
  it('health assessments: up to date for children looked after 12+ months (6 months for under 5s)', async () => {
    const { ours, neighbour } = await councils()
    const assessed = async (council: number, childId: number, date: string) =>
      database.db
        .insertInto('health_assessment')
        .values({ council_id: council, child_id: childId, assessment_type: 'review', assessment_date: date })
        .execute()
    await lookAfter(ours, await addChild(ours, 1), [{ from: '2024-01-01' }])
    await assessed(ours, 1, '2025-06-01')
    await lookAfter(ours, await addChild(ours, 2), [{ from: '2024-01-01' }])
    await assessed(ours, 2, '2025-03-31') // a year and a day before 31 March 2026: not up to date
    await lookAfter(ours, await addChild(ours, 3), [{ from: '2025-04-01' }]) // exactly 12 months
    await assessed(ours, 3, '2025-04-15')
    await lookAfter(ours, await addChild(ours, 4), [{ from: '2025-05-01' }]) // 11 months: not in the cohort
    await assessed(ours, 4, '2025-06-01')
    await lookAfter(ours, await addChild(ours, 5, { dob: '2022-06-01' }), [{ from: '2024-01-01' }])
    await assessed(ours, 5, '2025-08-01') // under 5, 8 months ago: not up to date
    await lookAfter(ours, await addChild(ours, 6, { dob: '2022-06-01' }), [{ from: '2024-01-01' }])
    await assessed(ours, 6, '2025-12-01')
    await lookAfter(ours, await addChild(ours, 7), [{ from: '2024-01-01', to: '2026-02-01' }]) // left care
    await assessed(ours, 7, '2025-06-01')
    const twoPeriods = await addChild(ours, 8) // back in care in July 2025: not continuous
    await lookAfter(ours, twoPeriods, [{ from: '2023-01-01', to: '2025-06-01', rec: 'E4A' }])
    await lookAfter(ours, twoPeriods, [{ from: '2025-07-01' }])
    await assessed(ours, twoPeriods, '2025-08-01')
    await lookAfter(neighbour, await addChild(neighbour, 9), [{ from: '2024-01-01' }])
    await assessed(neighbour, 9, '2025-06-01')

    // C1, C3, C6 of C1, C2, C3, C5, C6.
    const { figure, inNumerator, inDenominator } = await figureAndNumerator(healthAssessment, ours, YEAR)
    expect(inDenominator).toEqual(['C1', 'C2', 'C3', 'C5', 'C6'])
    expect(inNumerator).toEqual(['C1', 'C3', 'C6'])
    expect(figure).toMatchObject({ numerator: 3, denominator: 5, value: 60 })
  })

  it('dental checks: in the 12 months to the period end', async () => {
    const { ours, neighbour } = await councils()
    const checked = async (council: number, childId: number, date: string) =>
      database.db
        .insertInto('dental_check')
        .values({ council_id: council, child_id: childId, check_date: date })
        .execute()
    await lookAfter(ours, await addChild(ours, 1), [{ from: '2024-01-01' }])
    await checked(ours, 1, '2025-04-01')
    await lookAfter(ours, await addChild(ours, 2), [{ from: '2024-01-01' }])
    await checked(ours, 2, '2025-03-31')
    await lookAfter(ours, await addChild(ours, 3), [{ from: '2024-01-01' }])
    await checked(ours, 3, '2026-04-01')
    await lookAfter(ours, await addChild(ours, 4), [{ from: '2025-05-01' }])
    await checked(ours, 4, '2025-06-01')
    await lookAfter(ours, await addChild(ours, 5), [{ from: '2024-01-01', ls: 'V2' }])
    await lookAfter(neighbour, await addChild(neighbour, 6), [{ from: '2024-01-01' }])
    await checked(neighbour, 6, '2025-06-01')

    // C1 of C1, C2, C3, C5.
    const { figure, inNumerator, inDenominator } = await figureAndNumerator(dentalCheck, ours, YEAR)
    expect(inDenominator).toEqual(['C1', 'C2', 'C3', 'C5'])
    expect(inNumerator).toEqual(['C1'])
    expect(figure).toMatchObject({ numerator: 1, denominator: 4, value: 25 })
  })

  it('SDQ: completion and average of the latest score for children aged 4 to 16', async () => {
    const { ours, neighbour } = await councils()
    const sdq = async (council: number, childId: number, date: string, score: number | null) =>
      database.db
        .insertInto('sdq_assessment')
        .values({
          council_id: council,
          child_id: childId,
          completed_date: date,
          score,
          reason_not_completed: score === null ? 'SDQ1' : null,
        })
        .execute()
    await lookAfter(ours, await addChild(ours, 1, { dob: '2015-06-01' }), [{ from: '2024-01-01' }])
    await sdq(ours, 1, '2025-05-01', 12)
    await sdq(ours, 1, '2026-01-01', 20) // the latest counts
    await lookAfter(ours, await addChild(ours, 2, { dob: '2015-06-01' }), [{ from: '2024-01-01' }])
    await sdq(ours, 2, '2025-09-01', null) // not completed, with a reason
    await lookAfter(ours, await addChild(ours, 3, { dob: '2022-06-01' }), [{ from: '2024-01-01' }]) // 3: too young
    await sdq(ours, 3, '2025-09-01', 8)
    await lookAfter(ours, await addChild(ours, 4, { dob: '2009-06-01' }), [{ from: '2024-01-01' }]) // 16: in
    await sdq(ours, 4, '2025-09-01', 10)
    await lookAfter(ours, await addChild(ours, 5, { dob: '2008-06-01' }), [{ from: '2024-01-01' }]) // 17: out
    await sdq(ours, 5, '2025-09-01', 30)
    await lookAfter(ours, await addChild(ours, 6, { dob: '2017-06-01' }), [{ from: '2024-01-01' }])
    await sdq(ours, 6, '2025-03-01', 15) // before the year
    await lookAfter(ours, await addChild(ours, 7, { dob: '2017-06-01' }), [{ from: '2025-05-01' }]) // 11 months
    await sdq(ours, 7, '2025-09-01', 5)
    await lookAfter(neighbour, await addChild(neighbour, 8), [{ from: '2024-01-01' }])
    await sdq(neighbour, 8, '2025-09-01', 40)

    // Completed: C1 and C4 of C1, C2, C4, C6 = 50%. Average: (20 + 10) / 2 = 15.
    const completed = await figureAndNumerator(sdqCompleted, ours, YEAR)
    expect(completed.inDenominator).toEqual(['C1', 'C2', 'C4', 'C6'])
    expect(completed.inNumerator).toEqual(['C1', 'C4'])
    expect(completed.figure).toMatchObject({ numerator: 2, denominator: 4, value: 50 })

    const average = await figureAndNumerator(sdqAverage, ours, YEAR)
    expect(average.inNumerator).toEqual(['C1', 'C4'])
    expect(average.figure).toMatchObject({ numerator: 2, denominator: 2, value: 15 })
  })
})

describe('missing (missing_pct and missing_incidents_per_child)', () => {
  it('counts missing incidents in the year while looked after, not away-from-placement or short breaks', async () => {
    const { ours, neighbour } = await councils()
    const missing = async (council: number, childId: number, date: string, type: 'M' | 'A' = 'M') =>
      database.db
        .insertInto('missing_episode')
        .values({ council_id: council, child_id: childId, missing_type: type, start_date: date, end_date: date })
        .execute()
    await lookAfter(ours, await addChild(ours, 1), [{ from: '2024-01-01' }])
    await missing(ours, 1, '2025-04-01')
    await missing(ours, 1, '2026-03-31')
    await lookAfter(ours, await addChild(ours, 2), [{ from: '2024-01-01' }])
    await missing(ours, 2, '2025-06-01', 'A')
    await lookAfter(ours, await addChild(ours, 3), [{ from: '2024-01-01' }])
    await missing(ours, 3, '2025-03-20')
    await lookAfter(ours, await addChild(ours, 4), [{ from: '2024-01-01', to: '2025-06-01' }])
    await missing(ours, 4, '2025-05-01')
    await lookAfter(ours, await addChild(ours, 5), [{ from: '2024-01-01', to: '2025-06-01' }])
    await missing(ours, 5, '2025-08-01') // after leaving care
    await lookAfter(ours, await addChild(ours, 6), [{ from: '2025-06-01', to: '2025-06-03', ls: 'V3', rec: 'E13' }])
    await missing(ours, 6, '2025-06-02') // on a short break
    await lookAfter(ours, await addChild(ours, 7), [{ from: '2026-01-01' }])
    await missing(ours, 7, '2025-10-01') // before coming into care
    await lookAfter(ours, await addChild(ours, 8), [{ from: '2024-01-01' }])
    await missing(ours, 8, '2025-05-01')
    await missing(ours, 8, '2025-07-01')
    await missing(ours, 8, '2025-09-01')
    await lookAfter(neighbour, await addChild(neighbour, 9), [{ from: '2024-01-01' }])
    await missing(neighbour, 9, '2025-05-01')

    // C1, C4, C8 of C1, C2, C3, C4, C5, C7, C8 went missing.
    const share = await figureAndNumerator(missingPct, ours, YEAR)
    expect(share.inDenominator).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C7', 'C8'])
    expect(share.inNumerator).toEqual(['C1', 'C4', 'C8'])
    expect(share.figure.numerator).toBe(3)
    expect(share.figure.denominator).toBe(7)
    expect(share.figure.value).toBeCloseTo(42.86, 2)

    // 2 + 1 + 3 = 6 incidents by 3 children.
    const perChild = await figureAndNumerator(missingIncidentsPerChild, ours, YEAR)
    expect(perChild.inNumerator).toEqual(['C1', 'C4', 'C8'])
    expect(perChild.figure).toMatchObject({ numerator: 6, denominator: 3, value: 2 })
  })
})

describe('returned home (returned_home_pct)', () => {
  it('takes the last time each child left care in the year, and counts E4A and E4B as going home', async () => {
    const { ours, neighbour } = await councils()
    await lookAfter(ours, await addChild(ours, 1), [{ from: '2024-01-01', to: '2025-06-01', rec: 'E4A' }])
    await lookAfter(ours, await addChild(ours, 2), [{ from: '2024-01-01', to: '2025-07-01', rec: 'E4B' }])
    await lookAfter(ours, await addChild(ours, 3), [{ from: '2024-01-01', to: '2025-08-01', rec: 'E13' }])
    const twice = await addChild(ours, 4)
    await lookAfter(ours, twice, [{ from: '2024-01-01', to: '2025-05-01', rec: 'E4A' }])
    await lookAfter(ours, twice, [{ from: '2025-09-01', to: '2026-01-01', rec: 'E11', place: 'A4', ls: 'E1' }])
    // Only an episode ending for another to begin (X1): still looked after.
    await lookAfter(ours, await addChild(ours, 5), [{ from: '2024-01-01', to: '2025-10-01' }, { from: '2025-10-01' }])
    await lookAfter(ours, await addChild(ours, 6), [{ from: '2024-01-01', to: '2026-04-01', rec: 'E4A' }])
    await lookAfter(ours, await addChild(ours, 7), [{ from: '2025-06-01', to: '2025-06-03', ls: 'V3', rec: 'E4A' }])
    await lookAfter(ours, await addChild(ours, 8), [{ from: '2024-01-01', to: '2025-03-31', rec: 'E4A' }])
    await lookAfter(neighbour, await addChild(neighbour, 9), [{ from: '2024-01-01', to: '2025-06-01', rec: 'E4A' }])

    // C1, C2 of C1, C2, C3, C4.
    const { figure, inNumerator, inDenominator } = await figureAndNumerator(returnedHome, ours, YEAR)
    expect(inDenominator).toEqual(['C1', 'C2', 'C3', 'C4'])
    expect(inNumerator).toEqual(['C1', 'C2'])
    expect(figure).toMatchObject({ numerator: 2, denominator: 4, value: 50 })
  })
})

describe('care leavers (suitable accommodation, EET, in touch)', () => {
  let ours: number

  async function contact(childId: number, date: string, outcome: 'yes' | 'no' | 'refused' = 'yes', council = ours) {
    await database.db
      .insertInto('keeping_in_touch_contact')
      .values({ council_id: council, child_id: childId, contact_date: date, method: 'phone', outcome })
      .execute()
  }
  async function accommodation(
    childId: number,
    from: string,
    type: string,
    unsuitableReason: string | null = null,
    council = ours,
  ) {
    await database.db
      .insertInto('care_leaver_accommodation')
      .values({
        council_id: council,
        child_id: childId,
        start_date: from,
        accommodation_type: type,
        suitable: unsuitableReason === null,
        unsuitable_reason: unsuitableReason,
      })
      .execute()
  }
  async function activity(childId: number, from: string, code: string, council = ours) {
    await database.db
      .insertInto('care_leaver_activity')
      .values({ council_id: council, child_id: childId, start_date: from, activity_code: code })
      .execute()
  }
  /** Looked after from 15 until the 18th birthday. */
  async function careLeaver(id: number, dob: string, options: ChildOptions = {}, council = ours) {
    await addChild(council, id, { dob, ...options })
    const year = Number(dob.slice(0, 4))
    await lookAfter(council, id, [
      { from: `${year + 15}${dob.slice(4)}`, to: `${year + 18}${dob.slice(4)}`, rec: 'E17' },
    ])
  }

  beforeAll(async () => {
    const pair = await councils()
    ours = pair.ours
    const { neighbour } = pair

    // Aged 19 to 21 in 2025-26.
    // C1: 20 on 15 October 2025; in touch exactly 3 months before; suitable (independent living); in EET.
    await careLeaver(1, '2005-10-15')
    await contact(1, '2025-07-15')
    await accommodation(1, '2024-01-01', 'U')
    await activity(1, '2024-01-01', 'F2')
    // C2: 20 on 15 November 2025; the only contact 4 months before: not in touch, so not suitable, not EET.
    await careLeaver(2, '2005-11-15')
    await contact(2, '2025-07-15')
    await accommodation(2, '2024-01-01', 'U')
    await activity(2, '2024-01-01', 'F2')
    // C3: 20 on 15 November 2025; in touch 1 month after; in custody (unsuitable); NEET (G5).
    await careLeaver(3, '2005-11-15')
    await contact(3, '2025-12-15')
    await accommodation(3, '2025-06-01', 'X', 'custody')
    await activity(3, '2025-06-01', 'G5')
    // C4: 20 on 15 November 2025; contact 1 month and a day after: not in touch.
    await careLeaver(4, '2005-11-15')
    await contact(4, '2025-12-16')
    // C5: 21 on 1 December 2025; refused contact in the window.
    await careLeaver(5, '2004-12-01')
    await contact(5, '2025-11-01', 'refused')
    // C6: died: left out of the DfE cohort.
    await careLeaver(6, '2005-10-15', { died: '2025-01-01' })
    // C7: another council is responsible: never counted here.
    await careLeaver(7, '2005-10-15')
    await contact(7, '2025-10-01')
    await database.db
      .insertInto('responsible_authority_elsewhere')
      .values({
        council_id: ours,
        child_id: 7,
        responsible_la_code: '888',
        responsible_la_name: 'Lancashire',
        start_date: '2024-01-01',
      })
      .execute()
    // C8: only short breaks: not a care leaver.
    await addChild(ours, 8, { dob: '2005-10-15' })
    await lookAfter(ours, 8, [{ from: '2020-10-15', to: '2023-10-15', ls: 'V4', rec: 'E13' }])

    // Aged 17 or 18 in 2025-26.
    // C11: 18 on 1 September 2025, left care that day; in touch; with former foster carers (Z); in EET.
    await careLeaver(11, '2007-09-01')
    await contact(11, '2025-08-01')
    await accommodation(11, '2025-09-01', 'Z')
    await activity(11, '2025-01-01', 'F4')
    // C12: 18 on 1 October 2025; last contact 4 months before: not in touch.
    await careLeaver(12, '2007-10-01')
    await contact(12, '2025-06-01')
    // C13: 17 on 1 December 2025 and still looked after: not a care leaver.
    await addChild(ours, 13, { dob: '2008-12-01' })
    await lookAfter(ours, 13, [{ from: '2022-01-01' }])
    await contact(13, '2025-11-01')
    // C14: 17 on 1 August 2025, left care at 16½ (relevant); in touch; semi-independent (D); NEET (G4).
    await addChild(ours, 14, { dob: '2008-08-01' })
    await lookAfter(ours, 14, [{ from: '2023-01-01', to: '2025-02-01', rec: 'E5' }])
    await contact(14, '2025-07-01')
    await accommodation(14, '2025-02-01', 'D')
    await activity(14, '2025-02-01', 'G4')

    // The neighbour's care leaver, in touch and suitable, never counts here.
    await careLeaver(21, '2005-10-15', {}, neighbour)
    await contact(21, '2025-10-01', 'yes', neighbour)
    await accommodation(21, '2024-01-01', 'U', null, neighbour)
    await activity(21, '2024-01-01', 'F2', neighbour)
  })

  it('19 to 21 in touch: the birthday window is 3 months before to 1 month after', async () => {
    // C1, C3 of C1–C5.
    const { figure, inNumerator, inDenominator } = await figureAndNumerator(clInTouch1921, ours, YEAR)
    expect(inDenominator).toEqual(['C1', 'C2', 'C3', 'C4', 'C5'])
    expect(inNumerator).toEqual(['C1', 'C3'])
    expect(figure).toMatchObject({ numerator: 2, denominator: 5, value: 40 })
    const byReason = await computeBreakdown(database.db, clInTouch1921, ours, YEAR, 'reason')
    expect(byReason.map((row) => [row.key, row.denominator])).toEqual(
      expect.arrayContaining([
        ['YES', 2],
        ['NO', 2],
        ['REFU', 1],
      ]),
    )
  })

  it('19 to 21 in suitable accommodation: not in touch counts as not suitable, with the reasons', async () => {
    // C1 of C1–C5.
    const { figure, inNumerator } = await figureAndNumerator(cl1921Suitable, ours, YEAR)
    expect(inNumerator).toEqual(['C1'])
    expect(figure).toMatchObject({ numerator: 1, denominator: 5, value: 20 })
    const byReason = await computeBreakdown(database.db, cl1921Suitable, ours, YEAR, 'reason')
    expect(byReason.map((row) => [row.key, row.numerator, row.denominator])).toEqual(
      expect.arrayContaining([
        ['suitable', 1, 1],
        ['custody', 0, 1],
        ['not_in_touch', 0, 3],
      ]),
    )
  })

  it('19 to 21 in education, employment or training, with the NEET codes', async () => {
    const { figure, inNumerator } = await figureAndNumerator(cl1921Eet, ours, YEAR)
    expect(inNumerator).toEqual(['C1'])
    expect(figure).toMatchObject({ numerator: 1, denominator: 5, value: 20 })
    const byReason = await computeBreakdown(database.db, cl1921Eet, ours, YEAR, 'reason')
    expect(byReason.map((row) => [row.key, row.denominator])).toEqual(
      expect.arrayContaining([
        ['F2', 1],
        ['G5', 1],
        ['0', 3],
      ]),
    )
  })

  it('17 and 18: only those who have left care, each measure', async () => {
    // C11, C12, C14; C13 is still looked after.
    const inTouch = await figureAndNumerator(clInTouch1718, ours, YEAR)
    expect(inTouch.inDenominator).toEqual(['C11', 'C12', 'C14'])
    expect(inTouch.inNumerator).toEqual(['C11', 'C14'])
    const suitable = await figureAndNumerator(cl1718Suitable, ours, YEAR)
    expect(suitable.inNumerator).toEqual(['C11', 'C14'])
    expect(suitable.figure.denominator).toBe(3)
    const eet = await figureAndNumerator(cl1718Eet, ours, YEAR)
    expect(eet.inNumerator).toEqual(['C11'])
    expect(eet.figure.value).toBeCloseTo(33.33, 2)
  })
})
