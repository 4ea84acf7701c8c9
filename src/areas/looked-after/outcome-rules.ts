import { ageOn, ukDate, type ChildFacts, type RuleIssue } from './episode-rules.js'
import type { PeriodFacts } from './record-rules.js'

/**
 * The 903 outcome returns. OC2: children looked after continuously for 12 months at 31 March, with
 * questions that depend on age at the start or end of the collection year. OC3: care leavers at
 * their 17th to 21st birthday. A collection year is the year it ends: 2026 = 1 April 2025 to
 * 31 March 2026.
 */

export function collectionYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number) as [number, number]
  return month >= 4 ? year + 1 : year
}

export const collectionYearStart = (year: number) => `${year - 1}-04-01`
export const collectionYearEnd = (year: number) => `${year}-03-31`
export const collectionYearLabel = (year: number) => `1 April ${year - 1} to 31 March ${year}`

/** Looked after continuously for at least 12 months at 31 March (the OC2 cohort). */
export function inOc2Cohort(periods: readonly PeriodFacts[], year: number): boolean {
  return periods.some(
    (period) =>
      period.startDate <= collectionYearStart(year) &&
      (period.endDate === null || period.endDate > collectionYearEnd(year)),
  )
}

/** Which OC2 questions apply to a child in a year (rules 188, 189, 542, 543, 545, 546). */
export function oc2Questions(dateOfBirth: string, year: number) {
  const ageAtEnd = ageOn(dateOfBirth, collectionYearEnd(year))
  const ageAtStart = ageOn(dateOfBirth, collectionYearStart(year))
  return {
    /** SDQ for children 4 or over at 31 March and under 17 at 1 April. */
    sdq: ageAtEnd >= 4 && ageAtStart < 17,
    /** Convictions for children 10 or over at 31 March. */
    convicted: ageAtEnd >= 10,
    /** Health promotion (development checks) for children under 5 at 31 March. */
    healthCheck: ageAtEnd < 5,
  }
}

export type Oc2Questions = ReturnType<typeof oc2Questions>

export interface Oc2Answers {
  sdqScore: number | null
  sdqReason: string | null
  convicted: boolean | null
  healthCheck: boolean | null
  immunisations: boolean | null
  teethCheck: boolean | null
  healthAssessment: boolean | null
  substanceMisuse: boolean | null
  interventionReceived: boolean | null
  interventionOffered: boolean | null
}

/**
 * The answers as returned: questions that do not apply are blank, and the intervention questions
 * are blank when they do not follow (158, 193), whatever the form sent.
 */
export function normaliseOc2(answers: Oc2Answers, questions: Oc2Questions): Oc2Answers {
  const misuse = answers.substanceMisuse === true
  const received = misuse ? answers.interventionReceived : null
  return {
    ...answers,
    sdqScore: questions.sdq ? answers.sdqScore : null,
    sdqReason: questions.sdq ? answers.sdqReason : null,
    convicted: questions.convicted ? answers.convicted : null,
    healthCheck: questions.healthCheck ? answers.healthCheck : null,
    interventionReceived: received,
    interventionOffered: misuse && received === false ? answers.interventionOffered : null,
  }
}

export function oc2Issues(
  child: ChildFacts,
  periods: readonly PeriodFacts[],
  year: number,
  answers: Oc2Answers,
): RuleIssue[] {
  if (child.dateOfBirth === null) return [{ field: 'collectionYear', message: 'Record their date of birth first' }]
  if (!inOc2Cohort(periods, year)) {
    return [
      {
        field: 'collectionYear',
        message: `They were not looked after continuously for 12 months at 31 March ${year}, so they have no OC2 outcomes for that year`,
      },
    ]
  }
  const questions = oc2Questions(child.dateOfBirth, year)
  const a = normaliseOc2(answers, questions)
  const issues: RuleIssue[] = []
  const required = (field: string, value: unknown, message: string) => {
    if (value === null) issues.push({ field, message })
  }
  if (questions.sdq) {
    if (a.sdqScore !== null && a.sdqReason !== null) {
      issues.push({ field: 'sdqScore', message: 'Enter the SDQ score or the reason there is none, not both' })
    } else if (a.sdqScore === null && a.sdqReason === null) {
      issues.push({ field: 'sdqScore', message: 'Enter the SDQ score, or select the reason there is none' })
    }
  }
  if (questions.convicted) required('convicted', a.convicted, 'Select whether they were convicted of an offence')
  if (questions.healthCheck)
    required('healthCheck', a.healthCheck, 'Select whether their development checks are up to date')
  required('immunisations', a.immunisations, 'Select whether their immunisations are up to date')
  required('teethCheck', a.teethCheck, 'Select whether their teeth were checked by a dentist')
  required('healthAssessment', a.healthAssessment, 'Select whether their annual health assessment is up to date')
  required(
    'substanceMisuse',
    a.substanceMisuse,
    'Select whether they were identified as having a substance misuse problem',
  )
  if (a.substanceMisuse === true) {
    required('interventionReceived', a.interventionReceived, 'Select whether they received an intervention')
    if (a.interventionReceived === false) {
      required('interventionOffered', a.interventionOffered, 'Select whether they were offered an intervention')
    }
  }
  return issues
}

// ------------------------------------------------------------------------------ OC3

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`

/** The young person's birthday within the collection year, and the age they turn on it. */
export function birthdayInYear(dateOfBirth: string, year: number): { date: string; age: number } {
  const [birthYear, month, day] = dateOfBirth.split('-') as [string, string, string]
  const calendarYear = Number(month) >= 4 ? year - 1 : year
  let date = `${calendarYear}-${month}-${day}`
  if (
    month === '02' &&
    day === '29' &&
    !(calendarYear % 4 === 0 && (calendarYear % 100 !== 0 || calendarYear % 400 === 0))
  ) {
    date = `${calendarYear}-03-01`
  }
  return { date, age: calendarYear - Number(birthYear) }
}

export interface Oc3Answers {
  inTouch: string
  activity: string
  accommodation: string
}

/** OC3 for a care leaver turning 17 to 21 in the year (391), not looked after on the birthday (1007, 1002). */
export function oc3Issues(
  child: ChildFacts,
  periods: readonly PeriodFacts[],
  year: number,
  answers: Oc3Answers,
): RuleIssue[] {
  const field = 'collectionYear'
  if (child.dateOfBirth === null) return [{ field, message: 'Record their date of birth first' }]
  const birthday = birthdayInYear(child.dateOfBirth, year)
  if (birthday.age < 17 || birthday.age > 21) {
    return [
      {
        field,
        message: `OC3 is for care leavers turning 17 to 21 in the year: they turn ${birthday.age} on ${ukDate(birthday.date)}`,
      },
    ]
  }
  if (periods.length === 0) return [{ field, message: 'They have never been looked after, so they have no OC3 return' }]
  const inCare = periods.some(
    (period) => period.startDate <= birthday.date && (period.endDate === null || period.endDate > birthday.date),
  )
  if (inCare) {
    return [
      {
        field,
        message: `They were looked after on their ${ordinal(birthday.age)} birthday (${ukDate(birthday.date)}), so they are not a care leaver for OC3 that year`,
      },
    ]
  }
  const issues: RuleIssue[] = []
  const { inTouch, activity, accommodation } = answers
  if (['DIED', 'RHOM'].includes(inTouch)) {
    if (activity !== '0')
      issues.push({ field: 'activity', message: 'Select ‘Not known’ (0): they have died or returned home' })
    if (accommodation !== '0') {
      issues.push({ field: 'accommodation', message: 'Select ‘Not known’ (0): they have died or returned home' })
    }
  }
  if (inTouch === 'YES') {
    if (activity === '0')
      issues.push({ field: 'activity', message: 'Select what they are doing: the council is in touch with them' })
    if (accommodation === '0') {
      issues.push({ field: 'accommodation', message: 'Select where they live: the council is in touch with them' })
    }
  }
  if (birthday.age === 17 && ['Z1', 'Z2'].includes(accommodation)) {
    issues.push({
      field: 'accommodation',
      message: 'At their 17th birthday a care leaver cannot be living with former foster carers',
    })
  }
  return issues
}
