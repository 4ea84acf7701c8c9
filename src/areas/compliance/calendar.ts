import { readFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from '../../web/assets.js'

/**
 * The working-day calendar for England and Wales, in Europe/London calendar dates (ISO strings, never
 * instants). Working days are Monday to Friday except bank holidays, counted day by day. Bank holidays
 * come from the vendored GOV.UK file (reference/calendar/); years outside it use the standard rules
 * and are marked 'rules'. The SQL twin (compliance_calendar, built from this list) is tested against
 * the same worked examples.
 *
 * Day 0 is the day of the event: "within 1 working day" of a Monday referral is the Tuesday.
 */
export type IsoDate = string

export interface BankHoliday {
  date: IsoDate
  title: string
  source: 'vendored' | 'rules'
}

export const CALENDAR_FIRST_YEAR = 2000
export const CALENDAR_LAST_YEAR = 2050

const MS_PER_DAY = 86_400_000

/** Days since 1970-01-01 (UTC arithmetic on calendar dates, so no daylight-saving surprises). */
export function dayNumber(date: IsoDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (match === null) throw new RangeError(`Not an ISO date: ${date}`)
  return Math.round(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY)
}

export function isoFromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** 1 = Monday ... 7 = Sunday (ISO day of week, as PostgreSQL's isodow). */
export function isoWeekday(date: IsoDate): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return isoFromDayNumber(dayNumber(date) + days)
}

export function addCalendarWeeks(date: IsoDate, weeks: number): IsoDate {
  return addCalendarDays(date, 7 * weeks)
}

/** Adds calendar months, clamped to the month's end: 31 January + 1 month is 28 (or 29) February. */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.toISOString().slice(0, 10)
}

/** Calendar days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a)
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function nthMonday(year: number, month: number, which: 'first' | 'last'): IsoDate {
  if (which === 'first') {
    const first = `${year}-${String(month).padStart(2, '0')}-01`
    return addCalendarDays(first, (8 - isoWeekday(first)) % 7)
  }
  const last = isoFromDayNumber(dayNumber(`${year}-${String(month + 1).padStart(2, '0')}-01`) - 1)
  return addCalendarDays(last, -((isoWeekday(last) + 6) % 7))
}

/**
 * The standard England and Wales bank holidays for a year, with substitute days. One-off days (a
 * jubilee, a coronation, a state funeral) and moved days (VE Day 2020) are not rules: they come only
 * from the vendored file.
 */
export function standardBankHolidays(year: number): BankHoliday[] {
  const holiday = (date: IsoDate, title: string): BankHoliday => ({ date, title, source: 'rules' })
  const newYear = `${year}-01-01`
  const newYearObserved =
    isoWeekday(newYear) === 6
      ? addCalendarDays(newYear, 2)
      : isoWeekday(newYear) === 7
        ? addCalendarDays(newYear, 1)
        : newYear
  const easter = easterSunday(year)
  const christmas = `${year}-12-25`
  let christmasObserved = christmas
  let boxingObserved = `${year}-12-26`
  switch (isoWeekday(christmas)) {
    case 5: // Friday: Boxing Day (Saturday) moves to Monday
      boxingObserved = addCalendarDays(christmas, 3)
      break
    case 6: // Saturday: Christmas to Monday, Boxing Day to Tuesday
      christmasObserved = addCalendarDays(christmas, 2)
      boxingObserved = addCalendarDays(christmas, 3)
      break
    case 7: // Sunday: Boxing Day stays Monday, Christmas moves to Tuesday
      christmasObserved = addCalendarDays(christmas, 2)
      boxingObserved = addCalendarDays(christmas, 1)
      break
  }
  return [
    holiday(newYearObserved, 'New Year’s Day'),
    holiday(addCalendarDays(easter, -2), 'Good Friday'),
    holiday(addCalendarDays(easter, 1), 'Easter Monday'),
    holiday(nthMonday(year, 5, 'first'), 'Early May bank holiday'),
    holiday(nthMonday(year, 5, 'last'), 'Spring bank holiday'),
    holiday(nthMonday(year, 8, 'last'), 'Summer bank holiday'),
    holiday(christmasObserved, 'Christmas Day'),
    holiday(boxingObserved, 'Boxing Day'),
  ].sort((a, b) => a.date.localeCompare(b.date))
}

interface GovUkBankHolidays {
  'england-and-wales': { division: string; events: { title: string; date: string; notes: string; bunting: boolean }[] }
}

export const VENDORED_BANK_HOLIDAYS_PATH = path.join(
  repoRoot,
  'reference',
  'calendar',
  'bank-holidays-england-and-wales.json',
)

/** The vendored GOV.UK file's England and Wales events, checked for shape. */
export function readVendoredBankHolidays(file = VENDORED_BANK_HOLIDAYS_PATH): BankHoliday[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as GovUkBankHolidays
  const events = parsed['england-and-wales']?.events
  if (!Array.isArray(events)) throw new Error(`${file} has no "england-and-wales" events`)
  return events.map((event) => {
    if (typeof event.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(event.date) || typeof event.title !== 'string') {
      throw new Error(`${file}: an event has no valid date or title: ${JSON.stringify(event)}`)
    }
    return { date: event.date, title: event.title, source: 'vendored' as const }
  })
}

/**
 * Every bank holiday from CALENDAR_FIRST_YEAR to CALENDAR_LAST_YEAR: the vendored file's for the years
 * it covers, the standard rules' for the rest.
 */
export function bankHolidaysForCalendar(vendored: readonly BankHoliday[] = readVendoredBankHolidays()): BankHoliday[] {
  const covered = new Set(vendored.map((holiday) => Number(holiday.date.slice(0, 4))))
  const all: BankHoliday[] = [...vendored]
  for (let year = CALENDAR_FIRST_YEAR; year <= CALENDAR_LAST_YEAR; year++) {
    if (!covered.has(year)) all.push(...standardBankHolidays(year))
  }
  return all.sort((a, b) => a.date.localeCompare(b.date))
}

export class DateOutsideCalendarError extends RangeError {
  override name = 'DateOutsideCalendarError'
}

/** Working-day arithmetic over a fixed list of bank holidays, counted day by day. */
export class WorkingDayCalendar {
  private readonly holidays: ReadonlyMap<IsoDate, BankHoliday>
  private readonly first = dayNumber(`${CALENDAR_FIRST_YEAR}-01-01`)
  private readonly last = dayNumber(`${CALENDAR_LAST_YEAR}-12-31`)

  constructor(holidays: readonly BankHoliday[]) {
    this.holidays = new Map(holidays.map((holiday) => [holiday.date, holiday]))
  }

  bankHoliday(date: IsoDate): BankHoliday | undefined {
    return this.holidays.get(date)
  }

  bankHolidays(): BankHoliday[] {
    return [...this.holidays.values()].sort((a, b) => a.date.localeCompare(b.date))
  }

  isWorkingDay(date: IsoDate): boolean {
    this.check(dayNumber(date))
    return isoWeekday(date) <= 5 && !this.holidays.has(date)
  }

  /** The n-th working day after date (day 0). A weekend or holiday date counts from the next working day's eve. */
  addWorkingDays(date: IsoDate, count: number): IsoDate {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number, 0 or more')
    let day = dayNumber(date)
    let remaining = count
    while (remaining > 0) {
      day++
      this.check(day)
      if (this.isWorkingDay(isoFromDayNumber(day))) remaining--
    }
    return isoFromDayNumber(day)
  }

  /** Working days after a, up to and including b (0 when b is not after a). */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    let count = 0
    for (let day = dayNumber(a) + 1; day <= dayNumber(b); day++) {
      if (this.isWorkingDay(isoFromDayNumber(day))) count++
    }
    return count
  }

  private check(day: number): void {
    if (day < this.first || day > this.last) {
      throw new DateOutsideCalendarError(
        `${isoFromDayNumber(day)} is outside the working-day calendar (${CALENDAR_FIRST_YEAR} to ${CALENDAR_LAST_YEAR})`,
      )
    }
  }
}

let englandAndWales: WorkingDayCalendar | undefined

/** The calendar Harbour uses, built once from the vendored file. */
export function englandAndWalesCalendar(): WorkingDayCalendar {
  englandAndWales ??= new WorkingDayCalendar(bankHolidaysForCalendar())
  return englandAndWales
}

export type TimescaleUnitWithLimit =
  'working_days' | 'calendar_days' | 'calendar_weeks' | 'calendar_months' | 'school_terms'

/** Adds a timescale's limit to a date. A school term is counted as 4 calendar months (no school calendar yet). */
export function addPeriod(
  calendar: WorkingDayCalendar,
  date: IsoDate,
  limit: number,
  unit: TimescaleUnitWithLimit,
): IsoDate {
  switch (unit) {
    case 'working_days':
      return calendar.addWorkingDays(date, limit)
    case 'calendar_days':
      return addCalendarDays(date, limit)
    case 'calendar_weeks':
      return addCalendarWeeks(date, limit)
    case 'calendar_months':
      return addCalendarMonths(date, limit)
    case 'school_terms':
      return addCalendarMonths(date, 4 * limit)
  }
}

/** The calendar date in Europe/London of an instant (a contact received at 23:30 BST is that day's). */
export function londonDate(instant: Date | string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant))
}
