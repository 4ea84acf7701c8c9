import { describe, expect, it } from 'vitest'
import { caseloadCsvRows, caseloadFlags, sortCaseload } from './caseload-view.js'
import type { CaseloadYoungPerson } from './queries.js'

const person = (overrides: Partial<CaseloadYoungPerson>): CaseloadYoungPerson => ({
  childId: 1,
  laChildId: 'A1',
  name: 'Alex Able',
  dateOfBirth: '2006-06-01',
  adviserId: 7,
  adviserName: 'Pat Adviser',
  lastContactDate: '2026-11-01',
  lastContactOutcome: 'yes',
  lastInTouchDate: '2026-11-01',
  accommodationType: 'U',
  accommodationSuitable: true,
  unsuitableReason: null,
  activityCode: 'F2',
  activitySince: '2026-09-01',
  responsibleLaName: null,
  nextContactDue: '2026-12-01',
  pathwayReviewDue: '2027-03-01',
  ...overrides,
})

const asAt = '2026-11-22'

describe('caseload flags', () => {
  it('flags nothing for a young person in touch, housed, in education and up to date', () => {
    expect(caseloadFlags(person({}), asAt)).toEqual([])
  })

  it('flags overdue clocks, custody, not in touch and NEET for 3 months or more', () => {
    const flags = caseloadFlags(
      person({
        nextContactDue: '2026-11-01',
        pathwayReviewDue: '2026-10-01',
        accommodationType: 'X',
        accommodationSuitable: false,
        lastContactOutcome: 'no',
        activityCode: 'G5',
        activitySince: '2026-08-22',
      }),
      asAt,
    )
    expect(flags).toEqual(['contact_overdue', 'review_overdue', 'in_custody', 'not_in_touch', 'neet_3_months'])
  })

  it('NEET for less than 3 months, or nobody in touch for 3 months, are judged by the dates', () => {
    expect(caseloadFlags(person({ activityCode: 'G5', activitySince: '2026-08-23' }), asAt)).toEqual([])
    expect(caseloadFlags(person({ lastInTouchDate: '2026-08-21' }), asAt)).toEqual(['not_in_touch'])
  })
})

describe('caseload sorting and export', () => {
  it('sorts by next contact due with nothing due last, then by name', () => {
    const people = [
      person({ childId: 1, name: 'Cara', nextContactDue: null }),
      person({ childId: 2, name: 'Ben', nextContactDue: '2026-12-01' }),
      person({ childId: 3, name: 'Abi', nextContactDue: '2026-12-01' }),
      person({ childId: 4, name: 'Dan', nextContactDue: '2026-10-01' }),
    ]
    expect(sortCaseload(people, 'next_contact').map((row) => row.childId)).toEqual([4, 3, 2, 1])
    expect(sortCaseload(people, 'name').map((row) => row.childId)).toEqual([3, 2, 1, 4])
  })

  it('exports the 903 codes with the flags in words', () => {
    const [row] = caseloadCsvRows([person({ accommodationType: 'X', accommodationSuitable: false })], asAt)
    expect(row?.[7]).toBe('X2')
    expect(row?.[12]).toBe('In custody')
  })
})
