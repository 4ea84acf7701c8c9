import { describe, expect, it } from 'vitest'
import { icpcNotRequired, icpcTargetDate, nextReviewDue, previousPlans, type PlanDates } from './plan-rules.js'

const plan = (id: number, start: string, end: string | null, elsewhere = 0): PlanDates => ({
  id,
  start_date: start,
  end_date: end,
  previous_plans_elsewhere: elsewhere,
})

describe('the initial conference clock', () => {
  it('is 15 working days from the strategy discussion', () => {
    expect(icpcTargetDate('2026-03-02')).toBe('2026-03-23')
    // Over Easter 2026 the England and Wales bank holidays (3 and 6 April) are skipped by default.
    expect(icpcTargetDate('2026-03-27')).toBe('2026-04-21')
    expect(icpcTargetDate('2026-03-27', [])).toBe('2026-04-17')
  })

  it('marks an initial conference not required (CIN ICPCnotRequired) for every outcome but a conference', () => {
    expect(icpcNotRequired('initial_conference')).toBe(false)
    expect(icpcNotRequired('cin_plan')).toBe(true)
    expect(icpcNotRequired('no_further_action')).toBe(true)
    expect(icpcNotRequired('other')).toBe(true)
  })
})

describe('nextReviewDue', () => {
  it('is 3 months after the initial conference before any review', () => {
    expect(nextReviewDue('2026-01-15', [])).toBe('2026-04-15')
  })

  it('is 6 months after the latest review, in whatever order reviews are given', () => {
    expect(nextReviewDue('2026-01-15', ['2026-04-10'])).toBe('2026-10-10')
    expect(nextReviewDue('2026-01-15', ['2026-10-01', '2026-04-10'])).toBe('2027-04-01')
  })

  it('ignores a review dated before the plan started', () => {
    expect(nextReviewDue('2026-01-15', ['2025-12-01'])).toBe('2026-04-15')
  })

  it('keeps to the month end', () => {
    expect(nextReviewDue('2025-11-30', [])).toBe('2026-02-28')
    expect(nextReviewDue('2025-05-01', ['2025-08-31'])).toBe('2026-02-28')
  })
})

describe('previousPlans (second or subsequent plans)', () => {
  it('finds no previous plan for a first plan', () => {
    const first = plan(1, '2026-01-10', null)
    expect(previousPlans(first, [first])).toEqual({
      numberOfPreviousPlans: 0,
      secondOrSubsequent: false,
      previousPlanEnded: null,
      withinTwoYears: false,
    })
  })

  it('recognises a second plan within 2 years of the previous one ending', () => {
    const earlier = plan(1, '2024-06-01', '2025-03-01')
    const current = plan(2, '2026-01-10', null)
    expect(previousPlans(current, [earlier, current])).toEqual({
      numberOfPreviousPlans: 1,
      secondOrSubsequent: true,
      previousPlanEnded: '2025-03-01',
      withinTwoYears: true,
    })
  })

  it('counts exactly 2 years as within, and a day more as not', () => {
    const current = plan(3, '2026-01-10', null)
    expect(previousPlans(current, [plan(1, '2023-01-01', '2024-01-10'), current]).withinTwoYears).toBe(true)
    expect(previousPlans(current, [plan(1, '2023-01-01', '2024-01-09'), current]).withinTwoYears).toBe(false)
  })

  it('uses the most recent earlier plan and counts them all, with plans in other councils', () => {
    const current = plan(3, '2026-01-10', null, 1)
    const result = previousPlans(current, [
      plan(1, '2019-01-01', '2020-01-01'),
      plan(2, '2021-01-01', '2022-05-01'),
      current,
    ])
    expect(result).toMatchObject({ numberOfPreviousPlans: 3, previousPlanEnded: '2022-05-01', withinTwoYears: false })
  })

  it('counts plans elsewhere alone, and never a later plan', () => {
    const first = plan(1, '2024-01-01', '2024-12-01', 2)
    const later = plan(2, '2025-06-01', null)
    expect(previousPlans(first, [first, later])).toMatchObject({
      numberOfPreviousPlans: 2,
      secondOrSubsequent: true,
      previousPlanEnded: null,
    })
  })
})
