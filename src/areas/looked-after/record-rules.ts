import { ageOn, futureDateIssues, ukDate, type ChildFacts, type RuleIssue } from './episode-rules.js'

/**
 * The 903 rules for the other looked-after records: reviews, missing episodes and adoption. Rule
 * numbers are the DfE validation rules. Outcome returns (OC2, OC3) are in outcome-rules.ts.
 */

export interface PeriodFacts {
  id: number
  startDate: string
  endDate: string | null
}

/** The period of care the child was in on a date (its first and last days included). */
export function periodOn(periods: readonly PeriodFacts[], date: string): PeriodFacts | undefined {
  return periods.find((period) => period.startDate <= date && (period.endDate === null || date <= period.endDate))
}

const whileLookedAfter = (periods: readonly PeriodFacts[], field: string, date: string, what: string): RuleIssue[] =>
  periodOn(periods, date) === undefined ? [{ field, message: `${what} must be while they were looked after` }] : []

// ------------------------------------------------------------------------------ reviews

export interface ReviewAnswers {
  reviewDate: string
  participationCode: string
}

/** A looked-after review: held during a period of care; PN0 exactly when the child is under 4 (440, 441). */
export function reviewIssues(child: ChildFacts, periods: readonly PeriodFacts[], review: ReviewAnswers): RuleIssue[] {
  const what = 'The date of the review'
  const issues = futureDateIssues('reviewDate', review.reviewDate, what)
  if (issues.length > 0) return issues
  issues.push(...whileLookedAfter(periods, 'reviewDate', review.reviewDate, what))
  if (child.dateOfBirth !== null) {
    const age = ageOn(child.dateOfBirth, review.reviewDate)
    if (age < 4 && review.participationCode !== 'PN0') {
      issues.push({ field: 'participationCode', message: 'They were under 4 on the date of the review: select PN0' })
    }
    if (age >= 4 && review.participationCode === 'PN0') {
      issues.push({
        field: 'participationCode',
        message: `PN0 is for children under 4: they were ${age} on the date of the review`,
      })
    }
  }
  return issues
}

// ------------------------------------------------------------------------------ missing or away

export interface MissingFacts {
  id: number
  startDate: string
  endDate: string | null
}

/** Missing or away episodes must not overlap, and a new one cannot start while one is open (574). */
function overlapIssues(others: readonly MissingFacts[], startDate: string, endDate: string | null): RuleIssue[] {
  for (const other of others) {
    const overlaps = other.startDate < (endDate ?? '9999-12-31') && startDate < (other.endDate ?? '9999-12-31')
    if (!overlaps && other.startDate !== startDate) continue
    return [
      other.endDate === null
        ? {
            field: 'startDate',
            message: `They are already recorded as missing or away since ${ukDate(other.startDate)}: record when that ended first`,
          }
        : {
            field: 'startDate',
            message: `This overlaps the time they were missing or away from ${ukDate(other.startDate)} to ${ukDate(other.endDate)}`,
          },
    ]
  }
  return []
}

export interface MissingAnswers {
  startDate: string
  endDate: string | null
}

export function missingIssues(
  child: ChildFacts,
  periods: readonly PeriodFacts[],
  others: readonly MissingFacts[],
  missing: MissingAnswers,
): RuleIssue[] {
  const what = 'The date they went missing or away'
  const issues = futureDateIssues('startDate', missing.startDate, what)
  if (missing.endDate !== null) issues.push(...futureDateIssues('endDate', missing.endDate, 'The date they came back'))
  if (issues.length > 0) return issues
  if (child.dateOfBirth !== null && missing.startDate < child.dateOfBirth) {
    issues.push({ field: 'startDate', message: `${what} must be on or after their date of birth` })
  }
  issues.push(...whileLookedAfter(periods, 'startDate', missing.startDate, what))
  if (missing.endDate !== null && missing.endDate < missing.startDate) {
    issues.push({
      field: 'endDate',
      message: `The date they came back must be on or after the date they went missing or away (${ukDate(missing.startDate)})`,
    })
    return issues
  }
  issues.push(...overlapIssues(others, missing.startDate, missing.endDate))
  return issues
}

export interface MissingReturn {
  endDate: string
  returnInterviewOfferedDate: string | null
}

/** Recording when the child came back (and any return home interview offered). */
export function missingReturnIssues(
  episode: MissingFacts,
  others: readonly MissingFacts[],
  answers: MissingReturn,
): RuleIssue[] {
  const issues = futureDateIssues('endDate', answers.endDate, 'The date they came back')
  if (answers.endDate < episode.startDate) {
    issues.push({
      field: 'endDate',
      message: `The date they came back must be on or after the date they went missing or away (${ukDate(episode.startDate)})`,
    })
  }
  const offered = answers.returnInterviewOfferedDate
  if (offered !== null && offered < answers.endDate) {
    issues.push({
      field: 'returnInterviewOfferedDate',
      message: 'The date the return home interview was offered must be on or after the date they came back',
    })
  } else if (offered !== null) {
    issues.push(...futureDateIssues('returnInterviewOfferedDate', offered, 'The date the interview was offered'))
  }
  if (issues.length > 0) return issues
  const later = overlapIssues(
    others.filter((other) => other.id !== episode.id),
    episode.startDate,
    answers.endDate,
  )
  return later.map((issue) => ({ ...issue, field: 'endDate' }))
}

// ------------------------------------------------------------------------------ adoption

export interface DecisionFacts {
  id: number
  decisionDate: string
  ceasedDate: string | null
}

/** The decision that the child should be placed for adoption (903 PlacedAdoption DATE_PLACED). */
export function adoptionDecisionIssues(
  child: ChildFacts,
  periods: readonly PeriodFacts[],
  decisions: readonly DecisionFacts[],
  decisionDate: string,
): RuleIssue[] {
  const field = 'decisionDate'
  const what = 'The date of the decision'
  const issues = futureDateIssues(field, decisionDate, what)
  if (issues.length > 0) return issues
  if (child.dateOfBirth !== null && decisionDate < child.dateOfBirth) {
    return [{ field, message: `${what} must be on or after their date of birth (${ukDate(child.dateOfBirth)})` }]
  }
  issues.push(...whileLookedAfter(periods, field, decisionDate, what))
  const open = decisions.find((decision) => decision.ceasedDate === null)
  if (open !== undefined) {
    issues.push({
      field,
      message: `A decision that they should be placed for adoption is already open (made ${ukDate(open.decisionDate)}): record that it was reversed first`,
    })
  }
  const lastReversed = decisions.reduce<string | null>(
    (last, decision) =>
      decision.ceasedDate !== null && (last === null || decision.ceasedDate > last) ? decision.ceasedDate : last,
    null,
  )
  if (lastReversed !== null && decisionDate < lastReversed) {
    issues.push({
      field,
      message: `${what} must be on or after the previous decision was reversed (${ukDate(lastReversed)})`,
    })
  }
  return issues
}

/** The decision is reversed on or after it was made (522), with its reason (119). */
export function decisionReversalIssues(decision: DecisionFacts, ceasedDate: string): RuleIssue[] {
  const issues = futureDateIssues('ceasedDate', ceasedDate, 'The date of the reversal')
  if (ceasedDate < decision.decisionDate) {
    issues.push({
      field: 'ceasedDate',
      message: `The date of the reversal must be on or after the decision was made (${ukDate(decision.decisionDate)})`,
    })
  }
  return issues
}

export interface AdopterDetails {
  /** 903 FOSTER_CARE */
  adoptedByFosterCarer: boolean | null
  /** 903 NB_ADOPTR */
  numberOfAdopters: 1 | 2 | null
  /** 903 SEX_ADOPTR */
  adopterSex: string | null
  /** 903 LS_ADOPTR */
  adopterLegalStatus: string | null
}

export interface AdoptionMatch extends AdopterDetails {
  matchedDate: string
}

/** AD1 adopter details: all or none (151), and consistent with each other (511, 514, 517 to 520, 524). */
function adopterIssues(details: AdopterDetails): RuleIssue[] {
  const values = [
    details.adoptedByFosterCarer,
    details.numberOfAdopters,
    details.adopterSex,
    details.adopterLegalStatus,
  ]
  const given = values.filter((value) => value !== null).length
  if (given === 0) return []
  if (given < values.length) {
    const fields = ['adoptedByFosterCarer', 'numberOfAdopters', 'adopterSex', 'adopterLegalStatus']
    const field = fields[values.findIndex((value) => value === null)] ?? 'adopterSex'
    return [{ field, message: 'Enter all the details of the adopters, or leave them all until they are known' }]
  }
  const { numberOfAdopters, adopterSex, adopterLegalStatus } = details
  const couple = numberOfAdopters === 2
  const issues: RuleIssue[] = []
  if (couple && !['MM', 'FF', 'MF'].includes(adopterSex ?? '')) {
    issues.push({ field: 'adopterSex', message: 'Two adopters are MM, FF or MF' })
  } else if (!couple && !['M1', 'F1'].includes(adopterSex ?? '')) {
    issues.push({ field: 'adopterSex', message: 'One adopter is M1 or F1' })
  }
  if (couple && adopterLegalStatus === 'L0') {
    issues.push({ field: 'adopterLegalStatus', message: 'A single adopter (L0) cannot be two adopters' })
  } else if (!couple && adopterLegalStatus !== 'L0') {
    issues.push({ field: 'adopterLegalStatus', message: 'One adopter’s legal status is ‘Single adopter’ (L0)' })
  } else if (['L11', 'L3'].includes(adopterLegalStatus ?? '') && adopterSex !== 'MF') {
    issues.push({ field: 'adopterLegalStatus', message: 'A couple of different sexes (L11 or L3) is recorded as MF' })
  } else if (['L12', 'L4'].includes(adopterLegalStatus ?? '') && !['MM', 'FF'].includes(adopterSex ?? '')) {
    issues.push({
      field: 'adopterLegalStatus',
      message: 'A couple of the same sex (L12 or L4) is recorded as MM or FF',
    })
  }
  return issues
}

/**
 * Matching the child with adopters (903 AD1 DATE_MATCH) for an open decision: on or after the
 * decision (333), on or before they were placed for adoption (331), with consistent adopter details.
 */
export function adoptionMatchIssues(
  decision: DecisionFacts | undefined,
  match: AdoptionMatch,
  placedForAdoptionOn: string | null,
): RuleIssue[] {
  const field = 'matchedDate'
  if (decision === undefined) {
    return [{ field, message: 'Record the decision that they should be placed for adoption first' }]
  }
  const issues = futureDateIssues(field, match.matchedDate, 'The date they were matched')
  if (match.matchedDate < decision.decisionDate) {
    issues.push({
      field,
      message: `The date they were matched must be on or after the decision that they should be placed for adoption (${ukDate(decision.decisionDate)})`,
    })
  }
  if (placedForAdoptionOn !== null && match.matchedDate > placedForAdoptionOn) {
    issues.push({
      field,
      message: `The date they were matched must be on or before they were placed for adoption (${ukDate(placedForAdoptionOn)})`,
    })
  }
  issues.push(...adopterIssues(match))
  return issues
}
