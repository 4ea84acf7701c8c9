import { londonDate } from './london-time.js'
import { englandAndWalesCalendar } from '../compliance/calendar.js'
import { addWorkingDays, type WorkingDayCalendar } from './working-days.js'

/**
 * The front door decides what happens to a contact within one working day of receiving it (Working
 * Together 2023, ch.3 "Referral"). Day 0 is the day the contact arrived (London date), so a contact on
 * Friday afternoon is due by the end of Monday. Weekends are not working days; bank holidays come with
 * the statutory-clock calendar, which callers will pass in as `calendar`.
 */
export const MASH_DECISION_WORKING_DAYS = 1

export const MASH_DECISIONS = [
  'referral',
  'early_help',
  'information_and_advice',
  'other_service',
  'no_further_action',
] as const

export type MashDecisionCode = (typeof MASH_DECISIONS)[number]

export const MASH_DECISION_LABELS: Record<MashDecisionCode, string> = {
  referral: 'Referral to children’s social care',
  early_help: 'Early help',
  information_and_advice: 'Information and advice',
  other_service: 'Passed to another service',
  no_further_action: 'No further action',
}

/** The last London date on which the decision is in time. */
export function decisionDueDate(receivedAt: Date, calendar: WorkingDayCalendar = englandAndWalesCalendar()): string {
  return addWorkingDays(londonDate(receivedAt), MASH_DECISION_WORKING_DAYS, calendar)
}

/** Whether a decision came after the end of the first working day after the contact. */
export function isDecisionLate(
  receivedAt: Date,
  decidedAt: Date,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): boolean {
  return londonDate(decidedAt) > decisionDueDate(receivedAt, calendar)
}

export type DecisionTimeliness = 'in_time' | 'late' | 'due' | 'overdue'

/** For the contacts list: decided in time or late, or still waiting (due, or already overdue today). */
export function decisionTimeliness(
  receivedAt: Date,
  decidedAt: Date | null,
  now: Date = new Date(),
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): DecisionTimeliness {
  if (decidedAt !== null) return isDecisionLate(receivedAt, decidedAt, calendar) ? 'late' : 'in_time'
  return londonDate(now) > decisionDueDate(receivedAt, calendar) ? 'overdue' : 'due'
}
