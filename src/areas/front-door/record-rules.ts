import { ageInYears } from '../children/child-sections.js'
import { formatUkDate } from '../../web/nunjucks.js'

/**
 * A record the service refuses because of a rule about dates or state (an end before a start, a
 * referral after the 18th birthday). `field` names the form field the user must change, so routes
 * show the message next to it; the synthetic generator and imports get the same refusal.
 */
export class RecordRuleError extends Error {
  override name = 'RecordRuleError'
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The date someone comes of age. Born on 29 February: 1 March in a year that is not a leap year
 * (the anniversary of the day of birth, Family Law Reform Act 1969 s.9), as ageInYears counts it.
 */
export function eighteenthBirthday(dateOfBirth: string): string {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const birthday = new Date(Date.UTC(year + 18, month - 1, day))
  return birthday.toISOString().slice(0, 10)
}

/** Whether someone with this date of birth is 18 or over on a date. An unknown date of birth (unborn) is not. */
export function isAdultOn(dateOfBirth: string | null, isoDate: string): boolean {
  return (ageInYears(dateOfBirth, isoDate) ?? 0) >= 18
}

export const ukDate = formatUkDate
