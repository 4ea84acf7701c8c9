import { describe, expect, it } from 'vitest'
import { instantFromLondon, londonDate, londonTime, parseClockTime } from './london-time.js'

describe('London wall-clock time', () => {
  it('turns a London date and time into the right instant in winter and summer', () => {
    expect(instantFromLondon('2026-01-15', '09:30').toISOString()).toBe('2026-01-15T09:30:00.000Z')
    expect(instantFromLondon('2026-07-15', '09:30').toISOString()).toBe('2026-07-15T08:30:00.000Z')
    // The day the clocks go back: 01:30 happens twice; either reading is a real instant that day.
    expect(londonTime(instantFromLondon('2026-10-25', '12:00'))).toBe('12:00')
  })

  it('reads the London date and time of an instant', () => {
    const instant = new Date('2026-06-01T23:30:00Z')
    expect(londonDate(instant)).toBe('2026-06-02')
    expect(londonTime(instant)).toBe('00:30')
  })

  it('reads times the way people type them', () => {
    expect(parseClockTime('9:30')).toBe('09:30')
    expect(parseClockTime('09.30')).toBe('09:30')
    expect(parseClockTime('14:05')).toBe('14:05')
    expect(parseClockTime('2pm')).toBe('14:00')
    expect(parseClockTime('12:15am')).toBe('00:15')
    expect(parseClockTime('12pm')).toBe('12:00')
    expect(parseClockTime('24:00')).toBeUndefined()
    expect(parseClockTime('9:75')).toBeUndefined()
    expect(parseClockTime('14')).toBeUndefined()
    expect(parseClockTime('13pm')).toBeUndefined()
    expect(parseClockTime('soon')).toBeUndefined()
  })
})
