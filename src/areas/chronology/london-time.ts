/**
 * Times of day on forms are wall-clock times in Europe/London; the database keeps instants
 * (timestamptz). These turn one into the other across the clock changes.
 */

/** '14:30', '9:05', '14.30' or '1430' → minutes since midnight; undefined when it is not a real time. */
export function parseTimeOfDay(text: string): { hours: number; minutes: number } | undefined {
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(text.trim())
  if (match === null) return undefined
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (hours > 23 || minutes > 59) return undefined
  return { hours, minutes }
}

function londonOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value)
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'))
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000)
}

/**
 * The instant of a London wall-clock time. In the hour that does not exist (clocks go forward) it
 * gives the time an hour later; in the hour that happens twice it gives the first.
 */
export function instantFromLondon(isoDate: string, time: { hours: number; minutes: number }): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  const wallClock = Date.UTC(year, month - 1, day, time.hours, time.minutes)
  // London is GMT+1 (summer) or GMT: try the earlier instant first.
  for (const offset of [60, 0]) {
    const instant = new Date(wallClock - offset * 60_000)
    if (londonOffsetMinutes(instant) === offset) return instant
  }
  return new Date(wallClock)
}

/** The London date and time of an instant, for filling a form. */
export function londonDateAndTime(instant: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? ''
  return { date: `${value('year')}-${value('month')}-${value('day')}`, time: `${value('hour')}:${value('minute')}` }
}
