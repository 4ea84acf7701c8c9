/**
 * Instants and Europe/London wall-clock dates and times. Contacts arrive at a time of day (the MASH
 * decision clock starts then), while the forms ask for a date and a time as people in Blackpool read
 * them, whatever the server's own time zone.
 */

const LONDON = 'Europe/London'

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
})

/** The London calendar date of an instant, as ISO ('2026-03-30'). */
export function londonDate(instant: Date): string {
  return dateFormat.format(instant)
}

/** The London clock time of an instant, as 'HH:MM' (24-hour). */
export function londonTime(instant: Date): string {
  return timeFormat.format(instant)
}

/** Milliseconds London is ahead of UTC at an instant (0 in winter, one hour in summer). */
function londonOffset(epochMs: number): number {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]))
  const asUtc = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  )
  return asUtc - Math.floor(epochMs / 1000) * 1000
}

/** The instant a London date and 'HH:MM' time name. In the hour the clocks go forward, the time is read as GMT. */
export function instantFromLondon(isoDate: string, time: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const wallClock = Date.UTC(year, month - 1, day, hour, minute)
  const first = wallClock - londonOffset(wallClock)
  return new Date(wallClock - londonOffset(first))
}

/**
 * Reads a time as people type it: '9:30', '09:30', '9.30', '14:05', '9:30am', '2pm', '12:15pm'.
 * Returns 'HH:MM' (24-hour), or undefined when it is not a real time.
 */
export function parseClockTime(text: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim())
  if (match === null) return undefined
  let hour = Number(match[1])
  const minute = match[2] === undefined ? 0 : Number(match[2])
  const meridiem = match[3]?.toLowerCase()
  if (match[2] === undefined && meridiem === undefined) return undefined
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined
    if (meridiem === 'am' && hour === 12) hour = 0
    if (meridiem === 'pm' && hour !== 12) hour += 12
  }
  if (hour > 23 || minute > 59) return undefined
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
}
