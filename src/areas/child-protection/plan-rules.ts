import { englandAndWalesCalendar } from '../compliance/calendar.js'
import { addMonths, addWorkingDays } from './working-days.js'
import type { Section47Outcome } from '../../db/tables/case-record.js'

/** Working days from the strategy discussion to the initial child protection conference (Working Together 2023). */
export const ICPC_WORKING_DAYS = 15

/**
 * The ICPC target date (CIN InitialCPCtarget): 15 working days from the strategy discussion, skipping
 * England and Wales bank holidays unless a test passes its own list.
 */
export function icpcTargetDate(
  strategyDiscussionDate: string,
  holidays: readonly string[] = englandAndWalesCalendar()
    .bankHolidays()
    .map((holiday) => holiday.date),
): string {
  return addWorkingDays(strategyDiscussionDate, ICPC_WORKING_DAYS, holidays)
}

/**
 * CIN ICPCnotRequired: true when the enquiry concluded without needing an initial conference here
 * (concerns not substantiated, or resolved another way). Derived from the outcome so the two cannot disagree.
 */
export function icpcNotRequired(outcome: Section47Outcome): boolean {
  return outcome !== 'initial_conference'
}

/**
 * When the next review conference is due: the first within 3 months of the initial conference (the
 * plan's start), then within 6 months of the previous review.
 */
export function nextReviewDue(planStart: string, reviewDates: readonly string[]): string {
  const latest = reviewDates
    .filter((date) => date >= planStart)
    .sort()
    .at(-1)
  return latest === undefined ? addMonths(planStart, 3) : addMonths(latest, 6)
}

export interface PlanDates {
  id: number
  start_date: string
  end_date: string | null
  /** Plans the child had in other councils before this one. */
  previous_plans_elsewhere: number
}

export interface PreviousPlans {
  /** CIN NumberOfPreviousCPP: the plans before this one, here and elsewhere. */
  numberOfPreviousPlans: number
  secondOrSubsequent: boolean
  /** The end of the most recent earlier plan recorded here, if any. */
  previousPlanEnded: string | null
  /** The earlier plan here ended within 2 years before this one started. */
  withinTwoYears: boolean
}

/** Whether a plan is a second or subsequent plan: the child had an earlier plan, here or in another council. */
export function previousPlans(plan: PlanDates, childPlans: readonly PlanDates[]): PreviousPlans {
  const earlier = childPlans.filter(
    (other) => other.id !== plan.id && other.start_date < plan.start_date && other.end_date !== null,
  )
  const previousPlanEnded =
    earlier
      .map((other) => other.end_date as string)
      .sort()
      .at(-1) ?? null
  const numberOfPreviousPlans = earlier.length + plan.previous_plans_elsewhere
  return {
    numberOfPreviousPlans,
    secondOrSubsequent: numberOfPreviousPlans > 0,
    previousPlanEnded,
    withinTwoYears: previousPlanEnded !== null && previousPlanEnded >= addMonths(plan.start_date, -24),
  }
}
