import { describe, expect, it } from 'vitest'
import { codeList } from '../codes/code-lists.js'
import { assessmentTimeliness, plansOverlap } from './assessment-rules.js'
import { FACTOR_GROUPS, RETIRED_FACTORS, ungroupedFactors } from './factors.js'

describe('assessment timeliness (45 working days from the referral)', () => {
  it('counts working days from the referral to authorisation, weekends and bank holidays excluded', () => {
    // Referral Monday 2 March 2026. Skipping weekends, Good Friday (3 April), Easter Monday (6 April)
    // and the early May bank holiday (4 May), the 45th working day after it is Thursday 7 May.
    expect(assessmentTimeliness('2026-03-02', '2026-05-07', '2026-06-01')).toEqual({
      workingDays: 45,
      dueDate: '2026-05-07',
      authorised: true,
      withinStandard: true,
    })
    expect(assessmentTimeliness('2026-03-02', '2026-05-04', '2026-06-01').workingDays).toBe(42)
    expect(assessmentTimeliness('2026-03-02', '2026-05-08', '2026-06-01').withinStandard).toBe(false)
    expect(assessmentTimeliness('2026-03-02', '2026-03-02', '2026-06-01').workingDays).toBe(0)
  })

  it('counts to today while the assessment is not authorised', () => {
    const open = assessmentTimeliness('2026-03-02', null, '2026-03-09')
    expect(open).toMatchObject({ workingDays: 5, authorised: false, withinStandard: true })
  })
})

describe('child in need plans may not overlap', () => {
  const plan = (start: string, end: string | null) => ({ start, end })
  it('refuses a second open plan, and a plan inside another', () => {
    expect(plansOverlap(plan('2026-03-10', null), plan('2026-01-01', null))).toBe(true)
    expect(plansOverlap(plan('2026-02-01', null), plan('2026-01-01', '2026-03-01'))).toBe(true)
    expect(plansOverlap(plan('2025-12-01', null), plan('2026-01-01', '2026-03-01'))).toBe(true)
    expect(plansOverlap(plan('2026-01-01', '2026-01-01'), plan('2026-01-01', '2026-01-01'))).toBe(true)
  })

  it('allows a plan after another has ended, including on the day it ended', () => {
    expect(plansOverlap(plan('2026-03-02', null), plan('2026-01-01', '2026-03-01'))).toBe(false)
    expect(plansOverlap(plan('2026-03-01', null), plan('2026-01-01', '2026-03-01'))).toBe(false)
    expect(plansOverlap(plan('2025-01-01', '2025-06-01'), plan('2026-01-01', null))).toBe(false)
  })
})

describe('assessment factor groups', () => {
  it('offer every current DfE factor once, and only the retired codes are left out', () => {
    const grouped = FACTOR_GROUPS.flatMap((group) => group.codes)
    expect(new Set(grouped).size).toBe(grouped.length)
    expect(ungroupedFactors().sort()).toEqual([...RETIRED_FACTORS].sort())
    const known = new Set(codeList('AssessmentFactors').map((code) => code.code))
    expect(grouped.filter((code) => !known.has(code))).toEqual([])
  })
})
