import { addYears, weekday, type Day } from './dates.js'
import { simulateFamily, TUNING, type SimulationContext } from './journey.js'
import type { FamilyStory } from './story.js'

/** Years of simulated referrals before the history window, so the council starts the window "full". */
const BURN_IN_YEARS = 22
const WEEKDAY_FACTOR = [1.18, 1.18, 1.18, 1.18, 1.18, 0.55, 0.45]

/**
 * Every family whose story touches the history window (the years up to the as-at date), in order of
 * first referral. Families are simulated one at a time and dropped when they are outside the window,
 * so memory does not grow with the size of the council or the length of the burn-in.
 */
export function* familiesInWindow(context: SimulationContext, size: number, windowStart: Day): Generator<FamilyStory> {
  const burnStart = addYears(windowStart, -BURN_IN_YEARS)
  for (let day = burnStart; day <= context.asAt; day++) {
    const yearsBack = Math.min(5, (context.asAt - day) / 365.25)
    const rate =
      TUNING.newFamiliesPerDay * size * (1 + TUNING.yearlyDecline * yearsBack) * (WEEKDAY_FACTOR[weekday(day)] ?? 1)
    const count = context.rng.fork('day', day).poisson(rate)
    for (let index = 0; index < count; index++) {
      const family = simulateFamily(context, day * 1000 + index, day)
      const children = family.children.filter(
        (child) => child.lastActivity === null || child.lastActivity >= windowStart,
      )
      if (children.length > 0) yield { ...family, children }
    }
  }
}
