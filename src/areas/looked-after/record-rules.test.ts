import { describe, expect, it } from 'vitest'
import {
  adoptionDecisionIssues,
  adoptionMatchIssues,
  decisionReversalIssues,
  missingIssues,
  missingReturnIssues,
  periodOn,
  reviewIssues,
  type AdoptionMatch,
} from './record-rules.js'
import {
  birthdayInYear,
  collectionYearOf,
  inOc2Cohort,
  normaliseOc2,
  oc2Issues,
  oc2Questions,
  oc3Issues,
  type Oc2Answers,
} from './outcome-rules.js'

const child = { dateOfBirth: '2015-06-01' }
const periods = [
  { id: 1, startDate: '2020-01-10', endDate: '2021-02-01' },
  { id: 2, startDate: '2024-03-01', endDate: null },
]
const messages = (issues: { message: string }[]) => issues.map((issue) => issue.message).join(' | ')
const fields = (issues: { field: string }[]) => issues.map((issue) => issue.field)

describe('periods of care', () => {
  it('finds the period a date falls in, first and last days included', () => {
    expect(periodOn(periods, '2020-01-10')?.id).toBe(1)
    expect(periodOn(periods, '2021-02-01')?.id).toBe(1)
    expect(periodOn(periods, '2022-01-01')).toBeUndefined()
    expect(periodOn(periods, '2025-01-01')?.id).toBe(2)
  })
})

describe('reviews', () => {
  it('is held while looked after, with PN0 exactly when the child is under 4 (440, 441)', () => {
    expect(reviewIssues(child, periods, { reviewDate: '2025-01-01', participationCode: 'PN1' })).toEqual([])
    expect(messages(reviewIssues(child, periods, { reviewDate: '2022-01-01', participationCode: 'PN1' }))).toContain(
      'while they were looked after',
    )
    expect(messages(reviewIssues(child, periods, { reviewDate: '2025-01-01', participationCode: 'PN0' }))).toContain(
      'they were 9 on the date of the review',
    )
    expect(
      fields(
        reviewIssues({ dateOfBirth: '2017-01-01' }, periods, { reviewDate: '2020-06-01', participationCode: 'PN1' }),
      ),
    ).toEqual(['participationCode'])
  })
})

describe('missing or away episodes', () => {
  const others = [{ id: 7, startDate: '2025-02-01', endDate: '2025-02-03' }]

  it('accepts a new episode that does not overlap', () => {
    expect(missingIssues(child, periods, others, { startDate: '2025-02-03', endDate: '2025-02-04' })).toEqual([])
  })

  it('refuses an end before the start (567), an overlap (574) and a start outside care (581)', () => {
    expect(messages(missingIssues(child, periods, [], { startDate: '2025-02-05', endDate: '2025-02-04' }))).toContain(
      'on or after the date they went missing or away (5 February 2025)',
    )
    expect(
      messages(missingIssues(child, periods, others, { startDate: '2025-01-30', endDate: '2025-02-02' })),
    ).toContain('overlaps the time they were missing or away from 1 February 2025 to 3 February 2025')
    const open = [{ id: 8, startDate: '2025-03-01', endDate: null }]
    expect(messages(missingIssues(child, periods, open, { startDate: '2025-03-05', endDate: null }))).toContain(
      'already recorded as missing or away since 1 March 2025',
    )
    expect(messages(missingIssues(child, periods, [], { startDate: '2022-01-01', endDate: null }))).toContain(
      'while they were looked after',
    )
  })

  it('checks the return against its own start and the interview date', () => {
    const episode = { id: 9, startDate: '2025-04-01', endDate: null }
    expect(
      missingReturnIssues(episode, [episode], { endDate: '2025-04-02', returnInterviewOfferedDate: '2025-04-03' }),
    ).toEqual([])
    expect(
      fields(missingReturnIssues(episode, [episode], { endDate: '2025-03-31', returnInterviewOfferedDate: null })),
    ).toEqual(['endDate'])
    expect(
      fields(
        missingReturnIssues(episode, [episode], { endDate: '2025-04-02', returnInterviewOfferedDate: '2025-04-01' }),
      ),
    ).toEqual(['returnInterviewOfferedDate'])
  })
})

describe('adoption', () => {
  it('decides while looked after, after birth, with one decision open at a time (184, 579, 1003)', () => {
    expect(adoptionDecisionIssues(child, periods, [], '2025-01-01')).toEqual([])
    expect(messages(adoptionDecisionIssues(child, periods, [], '2022-01-01'))).toContain('while they were looked after')
    const open = [{ id: 1, decisionDate: '2024-06-01', ceasedDate: null }]
    expect(messages(adoptionDecisionIssues(child, periods, open, '2025-01-01'))).toContain(
      'already open (made 1 June 2024)',
    )
    const reversed = [{ id: 1, decisionDate: '2024-06-01', ceasedDate: '2024-12-01' }]
    expect(messages(adoptionDecisionIssues(child, periods, reversed, '2024-11-01'))).toContain(
      'reversed (1 December 2024)',
    )
  })

  it('reverses a decision on or after it was made (522)', () => {
    const decision = { id: 1, decisionDate: '2024-06-01', ceasedDate: null }
    expect(decisionReversalIssues(decision, '2024-06-01')).toEqual([])
    expect(fields(decisionReversalIssues(decision, '2024-05-31'))).toEqual(['ceasedDate'])
  })

  const decision = { id: 1, decisionDate: '2024-06-01', ceasedDate: null }
  const match: AdoptionMatch = {
    matchedDate: '2024-09-01',
    adoptedByFosterCarer: false,
    numberOfAdopters: 2,
    adopterSex: 'FF',
    adopterLegalStatus: 'L12',
  }

  it('matches after the decision and before placement (331, 333)', () => {
    expect(adoptionMatchIssues(decision, match, '2024-10-01')).toEqual([])
    expect(messages(adoptionMatchIssues(undefined, match, null))).toContain('Record the decision')
    expect(messages(adoptionMatchIssues(decision, { ...match, matchedDate: '2024-05-01' }, null))).toContain(
      'on or after the decision',
    )
    expect(messages(adoptionMatchIssues(decision, match, '2024-08-01'))).toContain('on or before they were placed')
  })

  it('keeps the adopters’ details whole and consistent (151, 511, 514, 517 to 520, 524)', () => {
    const none = {
      ...match,
      adoptedByFosterCarer: null,
      numberOfAdopters: null,
      adopterSex: null,
      adopterLegalStatus: null,
    }
    expect(adoptionMatchIssues(decision, none, null)).toEqual([])
    expect(messages(adoptionMatchIssues(decision, { ...none, adopterSex: 'F1' }, null))).toContain(
      'Enter all the details',
    )
    expect(fields(adoptionMatchIssues(decision, { ...match, adopterSex: 'F1' }, null))).toContain('adopterSex')
    expect(fields(adoptionMatchIssues(decision, { ...match, adopterLegalStatus: 'L0' }, null))).toEqual([
      'adopterLegalStatus',
    ])
    expect(fields(adoptionMatchIssues(decision, { ...match, adopterLegalStatus: 'L11' }, null))).toEqual([
      'adopterLegalStatus',
    ])
    const single = { ...match, numberOfAdopters: 1 as const, adopterSex: 'F1', adopterLegalStatus: 'L0' }
    expect(adoptionMatchIssues(decision, single, null)).toEqual([])
    expect(fields(adoptionMatchIssues(decision, { ...single, adopterLegalStatus: 'L2' }, null))).toEqual([
      'adopterLegalStatus',
    ])
  })
})

describe('OC2', () => {
  const answers: Oc2Answers = {
    sdqScore: 12,
    sdqReason: null,
    convicted: false,
    healthCheck: null,
    immunisations: true,
    teethCheck: true,
    healthAssessment: true,
    substanceMisuse: false,
    interventionReceived: null,
    interventionOffered: null,
  }

  it('names the collection year by the year it ends', () => {
    expect(collectionYearOf('2025-03-31')).toBe(2025)
    expect(collectionYearOf('2025-04-01')).toBe(2026)
  })

  it('is for children looked after continuously for 12 months at 31 March', () => {
    expect(inOc2Cohort(periods, 2025)).toBe(true)
    expect(inOc2Cohort(periods, 2024)).toBe(false)
    expect(messages(oc2Issues(child, periods, 2024, answers))).toContain('12 months at 31 March 2024')
  })

  it('asks the questions that fit the child’s age', () => {
    expect(oc2Questions('2015-06-01', 2025)).toEqual({ sdq: true, convicted: false, healthCheck: false })
    expect(oc2Questions('2021-01-01', 2025)).toEqual({ sdq: true, convicted: false, healthCheck: true })
    expect(oc2Questions('2022-01-01', 2025)).toEqual({ sdq: false, convicted: false, healthCheck: true })
    expect(oc2Questions('2007-01-01', 2025)).toEqual({ sdq: false, convicted: true, healthCheck: false })
  })

  it('needs an SDQ score or a reason, not both (186, 197a), and the health answers (191)', () => {
    expect(oc2Issues(child, periods, 2025, answers)).toEqual([])
    expect(fields(oc2Issues(child, periods, 2025, { ...answers, sdqScore: null }))).toEqual(['sdqScore'])
    expect(fields(oc2Issues(child, periods, 2025, { ...answers, sdqReason: 'SDQ2' }))).toEqual(['sdqScore'])
    expect(fields(oc2Issues(child, periods, 2025, { ...answers, teethCheck: null }))).toEqual(['teethCheck'])
  })

  it('asks about interventions only after a substance misuse problem (158, 159, 192, 193)', () => {
    const misuse = { ...answers, substanceMisuse: true }
    expect(fields(oc2Issues(child, periods, 2025, misuse))).toEqual(['interventionReceived'])
    expect(fields(oc2Issues(child, periods, 2025, { ...misuse, interventionReceived: false }))).toEqual([
      'interventionOffered',
    ])
    const normal = normaliseOc2(
      { ...answers, interventionReceived: true, interventionOffered: true, convicted: true },
      oc2Questions('2015-06-01', 2025),
    )
    expect(normal).toMatchObject({ interventionReceived: null, interventionOffered: null, convicted: null })
  })
})

describe('OC3', () => {
  const leaver = { dateOfBirth: '2006-01-01' }
  const careHistory = [{ id: 1, startDate: '2021-01-10', endDate: '2022-06-01' }]
  const answers = { inTouch: 'YES', activity: 'F2', accommodation: 'D1' }

  it('finds the birthday in the collection year', () => {
    expect(birthdayInYear('2006-01-01', 2023)).toEqual({ date: '2023-01-01', age: 17 })
    expect(birthdayInYear('2006-06-01', 2023)).toEqual({ date: '2022-06-01', age: 16 })
    expect(birthdayInYear('2004-02-29', 2022)).toEqual({ date: '2022-03-01', age: 18 })
  })

  it('is for care leavers turning 17 to 21, not looked after on the birthday (391, 1002, 1007)', () => {
    expect(oc3Issues(leaver, careHistory, 2023, answers)).toEqual([])
    expect(messages(oc3Issues(leaver, careHistory, 2022, answers))).toContain('they turn 16 on 1 January 2022')
    expect(messages(oc3Issues(leaver, [], 2023, answers))).toContain('never been looked after')
    const stillInCare = [{ id: 1, startDate: '2021-01-10', endDate: '2023-06-01' }]
    expect(messages(oc3Issues(leaver, stillInCare, 2023, answers))).toContain('looked after on their 17th birthday')
  })

  it('keeps in touch, activity and accommodation consistent (344, 345, 3001)', () => {
    expect(fields(oc3Issues(leaver, careHistory, 2023, { ...answers, activity: '0' }))).toEqual(['activity'])
    expect(
      fields(oc3Issues(leaver, careHistory, 2023, { inTouch: 'DIED', activity: 'F2', accommodation: '0' })),
    ).toEqual(['activity'])
    expect(oc3Issues(leaver, careHistory, 2023, { inTouch: 'RHOM', activity: '0', accommodation: '0' })).toEqual([])
    expect(fields(oc3Issues(leaver, careHistory, 2023, { ...answers, accommodation: 'Z1' }))).toEqual(['accommodation'])
  })
})
