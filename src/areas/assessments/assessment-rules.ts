import type { AssessmentOutcome } from '../../db/tables/case-record.js'
import { englandAndWalesCalendar } from '../compliance/calendar.js'
import { addWorkingDays, workingDaysBetween, type WorkingDayCalendar } from '../front-door/working-days.js'

/**
 * A child and family assessment should conclude within 45 working days of the referral (Working
 * Together 2023, ch.3). Harbour counts from the referral date to the manager's authorisation, with
 * the referral day as day 0 and weekends excluded (bank holidays come with the statutory-clock
 * calendar). The DfE's CIN C2 measure runs from the assessment start instead; the figures work will
 * compute that one from the same dates.
 */
export const ASSESSMENT_WORKING_DAYS = 45

/** The outcomes offered on the form. Imported records may also hold early_help or looked_after. */
export const ASSESSMENT_OUTCOMES = ['no_further_action', 'cin_plan', 'strategy_discussion', 'other'] as const

export const ASSESSMENT_OUTCOME_LABELS: Record<AssessmentOutcome, string> = {
  no_further_action: 'No further action',
  cin_plan: 'Child in need plan',
  strategy_discussion: 'Strategy discussion (possible section 47 enquiry)',
  early_help: 'Early help',
  looked_after: 'Became looked after',
  other: 'Other',
}

export interface AssessmentTimeliness {
  workingDays: number
  dueDate: string
  authorised: boolean
  withinStandard: boolean
}

export function assessmentTimeliness(
  referralDate: string,
  authorisationDate: string | null,
  today: string,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): AssessmentTimeliness {
  const until = authorisationDate ?? today
  const workingDays = workingDaysBetween(referralDate, until, calendar)
  return {
    workingDays,
    dueDate: addWorkingDays(referralDate, ASSESSMENT_WORKING_DAYS, calendar),
    authorised: authorisationDate !== null,
    withinStandard: workingDays <= ASSESSMENT_WORKING_DAYS,
  }
}

/**
 * Two plans overlap when each starts before the other ends. An open plan (no end) runs on; a plan
 * may start on the day another ends (a handover), so touching on one day is not an overlap. Two
 * plans starting on the same day always overlap.
 */
export function plansOverlap(
  a: { start: string; end: string | null },
  b: { start: string; end: string | null },
): boolean {
  if (a.start === b.start) return true
  return (b.end === null || a.start < b.end) && (a.end === null || b.start < a.end)
}
