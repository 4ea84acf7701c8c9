import { codeLabel } from '../codes/code-lists.js'

/**
 * The SSDA903 rules that shape what may be recorded about a placement (PLACE, PLACE_PROVIDER, URN,
 * PL_POST) for a legal status. Rule numbers are the DfE validation rules (reference: the shared
 * ssda903-rules.csv and the 2025/26 validator); each refusal says what to change.
 *
 * These are pure functions so the web forms, the synthetic generator and imports apply the same rules.
 */

export interface RuleIssue {
  /** The form field the person must change. */
  field: string
  message: string
}

export const TEMPORARY_PLACEMENTS: readonly string[] = ['T0', 'T1', 'T2', 'T3', 'T4']
/** PLACE_PROVIDER is left blank for these (rules 178 and 213; 526 requires it for every other type). */
export const NO_PROVIDER_PLACEMENTS: readonly string[] = [...TEMPORARY_PLACEMENTS, 'Z11', 'Z12', 'Z13', 'Z14']
/** These placement types have no Ofsted URN (rule 222); Z11 to Z14 may or may not (rule 218). */
export const NO_URN_PLACEMENTS: readonly string[] = ['P1', 'P3', 'R1', 'R2', 'R5', ...TEMPORARY_PLACEMENTS]
const URN_OPTIONAL_PLACEMENTS: readonly string[] = ['Z11', 'Z12', 'Z13', 'Z14']
export const ADOPTION_PLACEMENTS: readonly string[] = ['A3', 'A4', 'A5', 'A6']
export const FOSTER_PLACEMENTS: readonly string[] = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6']
/** Short breaks: the 903 return records no placement location for them (rules 214, 398, 420). */
export const SHORT_BREAK_LEGAL_STATUSES: readonly string[] = ['V3', 'V4']
/** The URN the 903 return takes for a placement that has none (for example, outside England). */
export const NO_URN = 'XXXXXXX'

const URN_FORMAT = /^(SC)?\d{6,7}$/

export interface PlacementDetails {
  /** 903 PLACE */
  placementType: string
  /** 903 PLACE_PROVIDER, null when not applicable */
  placementProvider: string | null
  /** 903 PL_POST, in normal form */
  placementPostcode: string | null
  /** 903 URN, upper case */
  urn: string | null
}

const label = (list: 'PLACE' | 'LS' | 'PLACE_PROVIDER', code: string) => `${codeLabel(list, code) ?? code} (${code})`

/** Refusals about who provides the placement (rules 213, 526, 527 to 531, 550). */
function providerIssues({ placementType, placementProvider }: PlacementDetails): RuleIssue[] {
  const field = 'placementProvider'
  if (NO_PROVIDER_PLACEMENTS.includes(placementType)) {
    if (placementProvider === null) return []
    return [
      {
        field,
        message:
          'Select ‘Not applicable’ for the provider: a temporary placement (T0 to T4) or other placement (Z11 to Z14) has no placement provider',
      },
    ]
  }
  if (placementProvider === null) return [{ field, message: 'Select who provides the placement' }]
  if (placementProvider === 'PR0' && placementType !== 'P1') {
    return [
      {
        field,
        message: 'Parents or others with parental responsibility (PR0) only provide a placement with parents (P1)',
      },
    ]
  }
  if (placementType === 'P1' && placementProvider !== 'PR0') {
    return [{ field, message: 'A placement with parents (P1) is provided by the parents: select PR0' }]
  }
  if ((placementProvider === 'PR1' || placementProvider === 'PR2') && ['R2', 'R5'].includes(placementType)) {
    return [
      {
        field,
        message: `${label('PLACE_PROVIDER', placementProvider)} cannot provide ${label('PLACE', placementType)}`,
      },
    ]
  }
  if (
    placementProvider === 'PR3' &&
    [...ADOPTION_PLACEMENTS, 'K1', 'K2', ...FOSTER_PLACEMENTS].includes(placementType)
  ) {
    return [
      { field, message: 'Other public provision (PR3) cannot provide adoption, children’s home or foster placements' },
    ]
  }
  return []
}

/** Refusals about the Ofsted URN (rules 218, 222, 1008's format) and the postcode (392b). */
function locationIssues(details: PlacementDetails, legalStatus: string): RuleIssue[] {
  const { placementType, urn, placementPostcode } = details
  if (SHORT_BREAK_LEGAL_STATUSES.includes(legalStatus)) {
    const issues: RuleIssue[] = []
    if (placementPostcode !== null) {
      issues.push({
        field: 'placementPostcode',
        message:
          'Leave the placement postcode blank for short breaks (V3 or V4): the 903 return does not record where they are',
      })
    }
    if (urn !== null) {
      issues.push({ field: 'urn', message: 'Leave the Ofsted URN blank for short breaks (V3 or V4)' })
    }
    return issues
  }
  const issues: RuleIssue[] = []
  if (placementPostcode === null) {
    issues.push({ field: 'placementPostcode', message: 'Enter the postcode of the placement' })
  }
  if (urn !== null && urn !== NO_URN && !URN_FORMAT.test(urn)) {
    issues.push({
      field: 'urn',
      message: 'Enter the Ofsted URN as SC followed by 6 digits (for example, SC045099), 6 or 7 digits, or XXXXXXX',
    })
  } else if (NO_URN_PLACEMENTS.includes(placementType) && urn !== null && urn !== NO_URN) {
    issues.push({ field: 'urn', message: `Leave the Ofsted URN blank: ${label('PLACE', placementType)} has none` })
  } else if (
    urn === null &&
    !NO_URN_PLACEMENTS.includes(placementType) &&
    !URN_OPTIONAL_PLACEMENTS.includes(placementType)
  ) {
    issues.push({
      field: 'urn',
      message: 'Enter the Ofsted URN of the placement, or XXXXXXX if it has none (for example, outside England)',
    })
  }
  return issues
}

/** Placement types that need a minimum age at the start of the episode (rules 371 to 374). */
const MINIMUM_AGE: Readonly<Record<string, number>> = { K3: 16, P3: 14, R5: 10, S1: 4 }
/** Legal statuses for which the child must be 10 or over (rule 358: remand, PACE, youth rehabilitation). */
const YOUTH_JUSTICE_LEGAL_STATUSES: readonly string[] = ['J1', 'J2', 'J3']

/**
 * Everything about a placement's details that the 903 rules refuse, for the legal status it is held
 * under and the child's age when the episode starts (null when the date of birth is not known).
 */
export function placementIssues(
  details: PlacementDetails,
  legalStatus: string,
  ageAtStart: number | null,
): RuleIssue[] {
  const issues = [...providerIssues(details), ...locationIssues(details, legalStatus)]
  const { placementType } = details
  if (placementType === 'P1' && legalStatus === 'V2') {
    issues.push({
      field: 'legalStatus',
      message:
        'A child placed with their parents (P1) cannot be accommodated under section 20 (V2): check the legal status',
    })
  }
  if ((placementType === 'A5' || placementType === 'A6') && !['E1', 'D1'].includes(legalStatus)) {
    issues.push({
      field: 'placementType',
      message:
        'Placement for adoption under a placement order (A5 or A6) needs the legal status E1 (placement order) or D1',
    })
  }
  if (SHORT_BREAK_LEGAL_STATUSES.includes(legalStatus) && TEMPORARY_PLACEMENTS.includes(placementType)) {
    issues.push({
      field: 'placementType',
      message: 'A child on short breaks (V3 or V4) cannot be in a temporary placement',
    })
  }
  if (SHORT_BREAK_LEGAL_STATUSES.includes(legalStatus) && ['U1', 'U4'].includes(placementType)) {
    issues.push({
      field: 'placementType',
      message: 'A child on short breaks (V3 or V4) cannot be in a long-term foster placement',
    })
  }
  const minimum = MINIMUM_AGE[placementType]
  if (ageAtStart !== null && minimum !== undefined && ageAtStart < minimum) {
    issues.push({
      field: 'placementType',
      message: `${label('PLACE', placementType)} is only for children aged ${minimum} or over`,
    })
  }
  if (ageAtStart !== null && ageAtStart < 10 && YOUTH_JUSTICE_LEGAL_STATUSES.includes(legalStatus)) {
    issues.push({ field: 'legalStatus', message: `${label('LS', legalStatus)} is only for children aged 10 or over` })
  }
  return issues
}

/** Whether two episodes describe the same placement (rules 434 to 436 compare these four items). */
export function samePlacement(a: PlacementDetails, b: PlacementDetails): boolean {
  return (
    a.placementType === b.placementType &&
    (a.placementProvider ?? '') === (b.placementProvider ?? '') &&
    (a.placementPostcode ?? '') === (b.placementPostcode ?? '') &&
    (a.urn ?? '') === (b.urn ?? '')
  )
}
