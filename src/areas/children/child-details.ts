import { isValidCode } from '../codes/code-lists.js'

/**
 * The child's own details (the foundation `child` row) as Harbour's services take them, and the rules
 * they must obey. The rules live here, not in the form, so the synthetic generator and imports can
 * apply the same checks (childDetailsProblems).
 */
export interface ChildDetails {
  firstName: string
  lastName: string
  preferredName: string | null
  /** Exactly one of dateOfBirth and expectedDateOfBirth (an unborn child) is set. */
  dateOfBirth: string | null
  expectedDateOfBirth: string | null
  sex: 'M' | 'F' | 'U'
  /** 903 ETHNIC code. */
  ethnicity: string
  upn: string | null
  /** CIN UPNunknown code (UN1-UN7), when there is no UPN. */
  upnUnknownReason: string | null
  /** CIN Disability codes; 'NONE' only on its own. */
  disabilities: string[]
  uasc: boolean
  /** Normalised: 'FY1 1AA'. */
  homePostcode: string | null
  languages: string[]
}

export interface DetailProblem {
  /** The form field the user must change. */
  field: string
  message: string
}

const UPN_PATTERN = /^[A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z])$/
const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'
const POSTCODE_PATTERN = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/

/**
 * The DfE check letter of a permanent UPN: characters 2-13 weighted 2-13, summed, modulo 23. Temporary
 * UPNs (a letter in position 13) are only pattern-checked, as the DfE's own validation does.
 */
export function upnCheckLetter(upn: string): string | undefined {
  if (!/^.\d{12}$/.test(upn)) return undefined
  let sum = 0
  for (let index = 1; index < 13; index++) sum += Number(upn[index]) * (index + 1)
  return UPN_CHECK_LETTERS[sum % 23]
}

export function upnProblem(upn: string): string | undefined {
  if (!UPN_PATTERN.test(upn)) {
    return 'Enter a UPN in the correct format: a letter followed by 12 digits, or 11 digits and a letter, like A123456789012'
  }
  const check = upnCheckLetter(upn)
  if (check !== undefined && check !== upn[0]) {
    return 'The UPN’s first letter does not match its digits: check it has been copied correctly'
  }
  return undefined
}

/** 'fy11aa', 'FY1  1AA' → 'FY1 1AA'; undefined when it is not a UK postcode. */
export function normalisePostcode(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '').toUpperCase()
  const match = POSTCODE_PATTERN.exec(compact)
  if (match === null) return undefined
  return `${match[1]} ${match[2]}`
}

/** 'English, Polish ,, british sign language' → ['English', 'Polish', 'british sign language']. */
export function parseLanguages(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((language) => language.trim())
        .filter((language) => language.length > 0),
    ),
  ]
}

const addDays = (iso: string, days: number) => {
  const date = new Date(`${iso}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

const addYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`

/** The oldest a child on Harbour can be: care leavers are supported until 25. */
export const OLDEST_AGE_YEARS = 26
/** How early a pregnancy is recorded, and how overdue an expected date may be before the birth is recorded. */
export const EXPECTED_BIRTH_WINDOW = { daysAfterToday: 300, daysBeforeToday: 28 }

export function childDetailsProblems(details: ChildDetails, today: string): DetailProblem[] {
  const problems: DetailProblem[] = []
  const problem = (field: string, message: string) => problems.push({ field, message })
  if ((details.dateOfBirth === null) === (details.expectedDateOfBirth === null)) {
    problem('born', 'Enter either the date of birth or, for an unborn child, the expected date of birth')
  }
  if (details.dateOfBirth !== null) {
    if (details.dateOfBirth > today) {
      problem('dateOfBirth', 'Date of birth must be today or in the past; for an unborn child, select ‘No’')
    } else if (details.dateOfBirth <= addYears(today, -OLDEST_AGE_YEARS)) {
      problem('dateOfBirth', `Date of birth must be less than ${OLDEST_AGE_YEARS} years ago`)
    }
  }
  if (details.expectedDateOfBirth !== null) {
    if (details.expectedDateOfBirth > addDays(today, EXPECTED_BIRTH_WINDOW.daysAfterToday)) {
      problem('expectedDateOfBirth', 'Expected date of birth must be within the next 10 months')
    } else if (details.expectedDateOfBirth < addDays(today, -EXPECTED_BIRTH_WINDOW.daysBeforeToday)) {
      problem(
        'expectedDateOfBirth',
        'Expected date of birth is more than 4 weeks ago: if the child has been born, select ‘Yes’ and enter their date of birth',
      )
    }
    if (details.sex !== 'U') problem('sex', 'Select ‘Not known’ for an unborn child')
  }
  if (!isValidCode('ETHNIC', details.ethnicity)) problem('ethnicity', 'Select the child’s ethnicity')
  if (details.upn !== null) {
    const upnError = upnProblem(details.upn)
    if (upnError !== undefined) problem('upn', upnError)
  } else if (details.upnUnknownReason === null || !isValidCode('UPNunknown', details.upnUnknownReason)) {
    problem('upnUnknownReason', 'Select why the child’s UPN is not known')
  }
  for (const code of details.disabilities) {
    if (!isValidCode('Disability', code)) problem('disabilities', 'Select the child’s disabilities from the list')
  }
  if (details.disabilities.includes('NONE') && details.disabilities.length > 1) {
    problem('disabilities', 'Select ‘No disability’ on its own, or select the child’s disabilities')
  }
  if (details.homePostcode !== null && normalisePostcode(details.homePostcode) !== details.homePostcode) {
    problem('homePostcode', 'Enter a real postcode, like FY1 1AA')
  }
  if (details.languages.length > 10 || details.languages.some((language) => language.length > 50)) {
    problem('languages', 'Enter up to 10 languages, each 50 characters or fewer')
  }
  return problems
}

/** Initials only, for a child the user may not see ("J. S."). */
export function initialsOf(firstName: string, lastName: string): string {
  const initial = (name: string) => (name.trim().charAt(0).toUpperCase() || '?') + '.'
  return `${initial(firstName)} ${initial(lastName)}`
}
