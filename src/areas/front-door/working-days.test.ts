import { describe, expect, it } from 'vitest'
import { instantFromLondon } from './london-time.js'
import { decisionDueDate, decisionTimeliness, isDecisionLate } from './mash-decision.js'
import { addWorkingDays, withHolidays, workingDaysBetween } from './working-days.js'

// 2 March 2026 is a Monday.
const at = (date: string, time: string) => instantFromLondon(date, time)

describe('working days', () => {
  it('skips weekends when adding', () => {
    expect(addWorkingDays('2026-03-02', 1)).toBe('2026-03-03')
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09')
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09')
    expect(addWorkingDays('2026-03-02', 45)).toBe('2026-05-04')
    expect(addWorkingDays('2026-03-02', 0)).toBe('2026-03-02')
  })

  it('counts from the day after, so the same day is 0', () => {
    expect(workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0)
    expect(workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1)
    expect(workingDaysBetween('2026-03-02', '2026-05-04')).toBe(45)
    expect(workingDaysBetween('2026-03-02', '2026-05-05')).toBe(46)
    expect(workingDaysBetween('2026-03-09', '2026-03-02')).toBe(0)
  })

  it('can skip bank holidays too, once the calendar has them', () => {
    const easter2026 = withHolidays(['2026-04-03', '2026-04-06'])
    expect(addWorkingDays('2026-04-02', 1, easter2026)).toBe('2026-04-07')
    expect(workingDaysBetween('2026-04-02', '2026-04-07', easter2026)).toBe(1)
  })
})

describe('the one-working-day MASH decision', () => {
  it('is in time on the same day or the next working day, late after that', () => {
    expect(isDecisionLate(at('2026-03-02', '09:00'), at('2026-03-02', '17:00'))).toBe(false)
    expect(isDecisionLate(at('2026-03-02', '09:00'), at('2026-03-03', '23:59'))).toBe(false)
    expect(isDecisionLate(at('2026-03-02', '09:00'), at('2026-03-04', '00:01'))).toBe(true)
  })

  it('does not count the weekend: a Friday contact is due by the end of Monday', () => {
    expect(decisionDueDate(at('2026-03-06', '16:30'))).toBe('2026-03-09')
    expect(isDecisionLate(at('2026-03-06', '16:30'), at('2026-03-09', '17:00'))).toBe(false)
    expect(isDecisionLate(at('2026-03-06', '16:30'), at('2026-03-10', '09:00'))).toBe(true)
  })

  it('counts a weekend contact from the weekend day: due the next working day', () => {
    expect(decisionDueDate(at('2026-03-07', '22:00'))).toBe('2026-03-09')
  })

  it('uses the London date, not UTC, around midnight in summer time', () => {
    // 00:30 on Tuesday 2 June 2026 in London is 23:30 on Monday in UTC.
    expect(decisionDueDate(at('2026-06-02', '00:30'))).toBe('2026-06-03')
  })

  it('treats a bank holiday as non-working when the calendar says so', () => {
    const calendar = withHolidays(['2026-04-06'])
    expect(
      isDecisionLate(at('2026-04-02', '10:00'), at('2026-04-07', '10:00'), withHolidays(['2026-04-03', '2026-04-06'])),
    ).toBe(false)
    expect(isDecisionLate(at('2026-04-02', '10:00'), at('2026-04-07', '10:00'), calendar)).toBe(true)
  })

  it('shows an undecided contact as due, then overdue', () => {
    const received = at('2026-03-02', '09:00')
    expect(decisionTimeliness(received, null, at('2026-03-03', '17:00'))).toBe('due')
    expect(decisionTimeliness(received, null, at('2026-03-04', '09:00'))).toBe('overdue')
    expect(decisionTimeliness(received, at('2026-03-03', '10:00'))).toBe('in_time')
    expect(decisionTimeliness(received, at('2026-03-05', '10:00'))).toBe('late')
  })
})
