import { describe, expect, it } from 'vitest'
import { addMonths, addWorkingDays, eighteenthBirthday, isWeekend } from './working-days.js'

describe('addWorkingDays', () => {
  it('counts 15 working days from a Monday strategy discussion to the Monday three weeks later', () => {
    expect(addWorkingDays('2026-03-02', 15)).toBe('2026-03-23')
  })

  it('skips the weekend after a Friday or a Saturday', () => {
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09')
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09')
    expect(addWorkingDays('2026-03-08', 5)).toBe('2026-03-13')
  })

  it('skips the bank holidays it is given, counted day by day', () => {
    // Good Friday 3 April and Easter Monday 6 April 2026.
    expect(addWorkingDays('2026-04-02', 2, ['2026-04-03', '2026-04-06'])).toBe('2026-04-08')
    expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-06')
  })

  it('crosses a year end', () => {
    expect(addWorkingDays('2025-12-31', 3)).toBe('2026-01-05')
  })

  it('returns the same date for 0 and refuses a negative or fractional count', () => {
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-07')
    expect(() => addWorkingDays('2026-03-02', -1)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError)
  })

  it('knows a weekend', () => {
    expect([isWeekend('2026-03-07'), isWeekend('2026-03-08'), isWeekend('2026-03-09')]).toEqual([true, true, false])
  })
})

describe('addMonths', () => {
  it('keeps the day of the month, or the last day when it does not exist', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15')
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28')
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29')
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28')
    expect(addMonths('2026-03-10', -24)).toBe('2024-03-10')
  })
})

describe('eighteenthBirthday', () => {
  it('is the same day 18 years on, and 1 March for a 29 February birthday in a common year', () => {
    expect(eighteenthBirthday('2015-06-01')).toBe('2033-06-01')
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01')
    expect(eighteenthBirthday('2012-02-29')).toBe('2030-03-01')
    expect(eighteenthBirthday('2014-02-28')).toBe('2032-02-28')
  })
})
