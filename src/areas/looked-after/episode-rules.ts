import { codeLabel } from '../codes/code-lists.js'
import { HttpError } from '../../web/errors.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import {
  ADOPTION_PLACEMENTS,
  TEMPORARY_PLACEMENTS,
  placementIssues,
  samePlacement,
  type PlacementDetails,
  type RuleIssue,
} from './placement-rules.js'

/**
 * The SSDA903 rules for the sequence of a child's episodes: a period of care starts with RNE 'S',
 * each later episode starts the day the one before ended (REC X1), episodes never overlap, and
 * nobody starts to be looked after at 18. Pure functions: the service runs them inside the
 * transaction that writes, and the synthetic generator and imports can run them too.
 */

export type { RuleIssue } from './placement-rules.js'

/** A record that breaks a looked-after rule: carries field-level messages for the form. */
export class LookedAfterRuleError extends HttpError {
  override name = 'LookedAfterRuleError'
  constructor(readonly issues: RuleIssue[]) {
    super(400, issues[0]?.message ?? 'This record breaks a looked-after rule')
  }
}

export interface ChildFacts {
  /** Null for an unborn child. */
  dateOfBirth: string | null
}

/** An episode as the rules need it (the statutory columns of looked_after_episode). */
export interface EpisodeFacts extends PlacementDetails {
  startDate: string
  endDate: string | null
  reasonNewEpisode: string
  legalStatus: string
  reasonEpisodeCeased: string | null
}

export type ReasonForNewEpisode = 'S' | 'P' | 'T' | 'U' | 'B' | 'L'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** '2026-03-31' → '31 March 2026', for messages. */
export function ukDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  return `${day} ${MONTHS[month - 1] ?? ''} ${year}`
}

/** Whole years of age on a date. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** The first day the child is 18 (a 29 February birthday counts from 1 March, as ageOn does). */
export function eighteenthBirthday(dateOfBirth: string): string {
  const [year, month, day] = dateOfBirth.split('-') as [string, string, string]
  const candidate = `${Number(year) + 18}-${month}-${day}`
  const check = new Date(`${candidate}T00:00:00Z`)
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== candidate
    ? `${Number(year) + 18}-03-01`
    : candidate
}

/** The 903 RNE for a change within a period of care, from what changed (never typed by hand). */
export function reasonForNewEpisode(change: {
  placementChanged: boolean
  sameCarers: boolean
  legalStatusChanged: boolean
}): Exclude<ReasonForNewEpisode, 'S'> {
  if (!change.placementChanged) return 'L'
  if (change.legalStatusChanged) return change.sameCarers ? 'U' : 'B'
  return change.sameCarers ? 'T' : 'P'
}

const isTemporary = (placementType: string) => TEMPORARY_PLACEMENTS.includes(placementType)

/** The child's open episode, if they are looked after now. */
export function currentEpisode<E extends { endDate: string | null }>(episodes: readonly E[]): E | undefined {
  return episodes.find((episode) => episode.endDate === null)
}

/** A date that must already have happened. */
export function futureDateIssues(field: string, date: string, what: string, today = todayInLondon()): RuleIssue[] {
  return date > today ? [{ field, message: `${what} must be today or in the past` }] : []
}

/** Date rules every new episode shares: not in the future, after birth, before 18. */
function episodeDateIssues(child: ChildFacts, field: string, date: string, what: string): RuleIssue[] {
  const future = futureDateIssues(field, date, what)
  if (future.length > 0) return future
  if (child.dateOfBirth === null) {
    return [{ field, message: 'Record the child’s date of birth before recording that they are looked after' }]
  }
  if (date < child.dateOfBirth) {
    return [{ field, message: `${what} must be on or after their date of birth (${ukDate(child.dateOfBirth)})` }]
  }
  const eighteen = eighteenthBirthday(child.dateOfBirth)
  if (date >= eighteen) {
    return [{ field, message: `${what} must be before their 18th birthday (${ukDate(eighteen)})` }]
  }
  return []
}

/** Adoption placements need a decision that the child should be placed for adoption on or before the move (551, 552). */
function adoptionPlacementIssues(
  placementType: string,
  date: string,
  adoptionDecisionDate: string | null,
): RuleIssue[] {
  if (!ADOPTION_PLACEMENTS.includes(placementType)) return []
  if (adoptionDecisionDate === null || adoptionDecisionDate > date) {
    return [
      {
        field: 'placementType',
        message: 'Record the decision that the child should be placed for adoption, on or before this date, first',
      },
    ]
  }
  return []
}

export interface StartPeriod {
  startDate: string
  legalStatus: string
  details: PlacementDetails
}

/** Starting a period of care (a first episode with RNE 'S'). */
export function startPeriodIssues(
  child: ChildFacts,
  episodes: readonly EpisodeFacts[],
  start: StartPeriod,
  adoptionDecisionDate: string | null = null,
): RuleIssue[] {
  const field = 'startDate'
  const what = 'The date they became looked after'
  const issues = episodeDateIssues(child, field, start.startDate, what)
  if (start.startDate < '1991-10-14') issues.push({ field, message: `${what} must be on or after 14 October 1991` })
  const open = currentEpisode(episodes)
  if (open !== undefined) {
    issues.push({
      field,
      message: `They are already looked after (since ${ukDate(open.startDate)}): record a change of placement or legal status instead`,
    })
  } else {
    // Rules 431 and 501: a new period starts after the last one ended, never on the same day.
    const lastEnd = episodes.reduce<string | null>(
      (last, e) => (e.endDate !== null && (last === null || e.endDate > last) ? e.endDate : last),
      null,
    )
    if (lastEnd !== null && start.startDate <= lastEnd) {
      issues.push({ field, message: `${what} must be after their last period of care ended (${ukDate(lastEnd)})` })
    }
  }
  if (isTemporary(start.details.placementType)) {
    issues.push({
      field: 'placementType',
      message: 'A period of care cannot start with a temporary placement (T0 to T4)',
    })
  }
  const age = child.dateOfBirth === null ? null : ageOn(child.dateOfBirth, start.startDate)
  issues.push(...placementIssues(start.details, start.legalStatus, age))
  issues.push(...adoptionPlacementIssues(start.details.placementType, start.startDate, adoptionDecisionDate))
  return issues
}

/** Date rules for a change that ends the current episode (X1) and starts the next on the same day (433). */
function changeDateIssues(
  child: ChildFacts,
  current: EpisodeFacts | undefined,
  field: string,
  date: string,
  what: string,
) {
  if (current === undefined) {
    return [{ field, message: 'They are not looked after: record that they became looked after first' }]
  }
  if (date <= current.startDate) {
    return [{ field, message: `${what} must be after ${ukDate(current.startDate)}, when the current episode started` }]
  }
  return episodeDateIssues(child, field, date, what)
}

export interface PlacementChange {
  moveDate: string
  details: PlacementDetails
  sameCarers: boolean
  /** The new legal status, or null when it does not change. */
  newLegalStatus: string | null
  /** 903 REASON_PLACE_CHANGE for the episode that ends. */
  reasonPlaceChange: string | null
}

/** Rules 225 and 226: a reason for the change is needed unless the move is to or from a temporary placement. */
export function placeChangeReasonNeeded(currentPlacementType: string, newPlacementType: string): boolean {
  return !isTemporary(currentPlacementType) && !isTemporary(newPlacementType)
}

export function placementChangeIssues(
  child: ChildFacts,
  episodes: readonly EpisodeFacts[],
  change: PlacementChange,
  adoptionDecisionDate: string | null = null,
): RuleIssue[] {
  const current = currentEpisode(episodes)
  const issues = changeDateIssues(child, current, 'moveDate', change.moveDate, 'The date of the move')
  if (current === undefined) return issues
  const legalStatus = change.newLegalStatus ?? current.legalStatus
  if (change.newLegalStatus !== null && change.newLegalStatus === current.legalStatus) {
    issues.push({
      field: 'newLegalStatus',
      message: `The legal status is already ${codeLabel('LS', current.legalStatus) ?? current.legalStatus} (${current.legalStatus}): select ‘No change’ or the new legal status`,
    })
  }
  if (samePlacement(current, change.details)) {
    issues.push({
      field: 'placementType',
      message:
        'These are the details of the current placement: enter the new placement, or record a change of legal status instead',
    })
  }
  const type = change.details.placementType
  if ((type === 'A3' || type === 'A5') && !change.sameCarers) {
    issues.push({
      field: 'sameCarers',
      message:
        'Placed for adoption with their current foster carers (A3 or A5) means the carers stay the same: select ‘Yes’',
    })
  }
  if (placeChangeReasonNeeded(current.placementType, type) && change.reasonPlaceChange === null) {
    issues.push({ field: 'reasonPlaceChange', message: 'Select the reason for the change of placement' })
  }
  if (
    change.reasonPlaceChange === 'CUSTOD' &&
    child.dateOfBirth !== null &&
    ageOn(child.dateOfBirth, change.moveDate) < 10
  ) {
    issues.push({ field: 'reasonPlaceChange', message: 'A child under 10 cannot change placement because of custody' })
  }
  const age = child.dateOfBirth === null ? null : ageOn(child.dateOfBirth, change.moveDate)
  issues.push(...placementIssues(change.details, legalStatus, age))
  issues.push(...adoptionPlacementIssues(type, change.moveDate, adoptionDecisionDate))
  return issues
}

export interface LegalStatusChange {
  changeDate: string
  legalStatus: string
}

/** A change of legal status only (RNE 'L'): the placement stays exactly as it is (rule 434). */
export function legalStatusChangeIssues(
  child: ChildFacts,
  episodes: readonly EpisodeFacts[],
  change: LegalStatusChange,
): RuleIssue[] {
  const current = currentEpisode(episodes)
  const issues = changeDateIssues(child, current, 'changeDate', change.changeDate, 'The date the legal status changed')
  if (current === undefined) return issues
  if (change.legalStatus === current.legalStatus) {
    issues.push({
      field: 'legalStatus',
      message: `The legal status is already ${codeLabel('LS', current.legalStatus) ?? current.legalStatus} (${current.legalStatus}): select the new legal status`,
    })
    return issues
  }
  const age = child.dateOfBirth === null ? null : ageOn(child.dateOfBirth, change.changeDate)
  // The placement does not change, so anything the new status refuses about it is about the status.
  for (const issue of placementIssues(current, change.legalStatus, age)) {
    const aboutLocation = ['placementPostcode', 'urn', 'placementProvider'].includes(issue.field)
    issues.push({
      field: 'legalStatus',
      message: aboutLocation
        ? `This legal status needs different placement details (${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}): record a change of placement with the new legal status instead`
        : issue.message,
    })
  }
  return issues
}
