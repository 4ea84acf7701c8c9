import { ADOPTION_PLACEMENTS, FOSTER_PLACEMENTS, TEMPORARY_PLACEMENTS, type RuleIssue } from './placement-rules.js'
import {
  ageOn,
  currentEpisode,
  eighteenthBirthday,
  futureDateIssues,
  ukDate,
  type ChildFacts,
  type EpisodeFacts,
} from './episode-rules.js'

/**
 * The SSDA903 rules for ceasing to be looked after: the last episode ends after it started, by the
 * 18th birthday, with a reason (REC) that fits the child's age and placement.
 */

export interface PeriodEnd {
  endDate: string
  /** 903 REC, never X1 (that ends an episode, not a period of care). */
  reasonEnded: string
}

/** Ceasing to be looked after: the last episode ends with a REC other than X1. */
export function endPeriodIssues(
  child: ChildFacts,
  episodes: readonly EpisodeFacts[],
  end: PeriodEnd,
  openMissingSince: string | null = null,
): RuleIssue[] {
  const current = currentEpisode(episodes)
  const field = 'endDate'
  const what = 'The date they stopped being looked after'
  if (current === undefined)
    return [{ field, message: 'They are not looked after, so there is no period of care to end' }]
  const issues = futureDateIssues(field, end.endDate, what)
  if (end.endDate <= current.startDate) {
    issues.push({
      field,
      message: `${what} must be after ${ukDate(current.startDate)}, when the current episode started`,
    })
  }
  if (child.dateOfBirth !== null) {
    const eighteen = eighteenthBirthday(child.dateOfBirth)
    if (end.endDate > eighteen) {
      issues.push({ field, message: `${what} must be on or before their 18th birthday (${ukDate(eighteen)})` })
    }
    issues.push(...ageAtEndIssues(ageOn(child.dateOfBirth, end.endDate), end.reasonEnded, eighteen))
  }
  if (end.reasonEnded === 'X1') {
    issues.push({ field: 'reasonEnded', message: 'Select why they stopped being looked after' })
  }
  if (['E11', 'E12'].includes(end.reasonEnded) && !ADOPTION_PLACEMENTS.includes(current.placementType)) {
    issues.push({
      field: 'reasonEnded',
      message: 'They are not in an adoption placement (A3 to A6): record the move to their adoptive placement first',
    })
  }
  if (['E45', 'E46'].includes(end.reasonEnded) && !FOSTER_PLACEMENTS.includes(current.placementType)) {
    issues.push({
      field: 'reasonEnded',
      message: 'A special guardianship order to former foster carers needs a foster placement (U1 to U6)',
    })
  }
  if (TEMPORARY_PLACEMENTS.includes(current.placementType)) {
    issues.push({
      field,
      message:
        'A period of care cannot end in a temporary placement (T0 to T4): record the return to their usual placement first',
    })
  }
  if (openMissingSince !== null) {
    issues.push({
      field,
      message: `Record when the missing or away episode that started on ${ukDate(openMissingSince)} ended first`,
    })
  }
  return issues
}

/** Reasons for ceasing that depend on age at the end (rules 386, 387, 389, 407, 460). */
function ageAtEndIssues(age: number, reason: string, eighteen: string): RuleIssue[] {
  const field = 'reasonEnded'
  if (['E11', 'E12'].includes(reason) && age >= 18)
    return [{ field, message: 'A young person aged 18 cannot be adopted' }]
  if (['E45', 'E46', 'E47', 'E48'].includes(reason) && age >= 18) {
    return [{ field, message: 'A special guardianship order cannot be made for a young person aged 18' }]
  }
  if (['E5', 'E6'].includes(reason) && age < 14) {
    return [{ field, message: 'Moving to independent living is only for young people aged 14 or over' }]
  }
  if (reason === 'E7' && age < 16) {
    return [
      {
        field,
        message: 'Moving to residential care paid for by adult social care is only for young people aged 16 or over',
      },
    ]
  }
  if (reason === 'E17' && age < 18) {
    return [
      { field, message: `Staying with their carers at 18 applies from their 18th birthday (${ukDate(eighteen)})` },
    ]
  }
  return []
}
