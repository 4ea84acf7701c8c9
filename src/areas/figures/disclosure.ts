/**
 * Disclosure control for figures shown to councillors or marked for committee: counts from 1 to 5
 * could identify a child, so they are shown as a suppression marker instead. Zero is safe to show.
 * (Secondary suppression across tables belongs with the indicator tables; see the indicators issue.)
 */
export const SUPPRESSED = '[c]'
export const SMALL_COUNT_MAX = 5

export function isSmallCount(value: number): boolean {
  return value >= 1 && value <= SMALL_COUNT_MAX
}

export function suppressSmallCount(value: number): string {
  return isSmallCount(value) ? SUPPRESSED : value.toLocaleString('en-GB')
}
