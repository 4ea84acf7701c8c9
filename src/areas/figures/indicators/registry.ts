import { CARE_INDICATORS } from './care.js'
import { NEED_AND_PROTECTION_INDICATORS } from './need-and-protection.js'
import type { IndicatorDefinition } from './types.js'

/** Every indicator Harbour computes, in the order the dashboards show them. */
export const INDICATORS: readonly IndicatorDefinition[] = [...NEED_AND_PROTECTION_INDICATORS, ...CARE_INDICATORS]

export function indicatorById(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((indicator) => indicator.id === id)
}
