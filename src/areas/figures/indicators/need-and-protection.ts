import type { IndicatorDefinition } from './types.js'

/** Front door, assessment, child in need, child protection and statutory-visit indicators. */
export const NEED_AND_PROTECTION_INDICATORS: readonly IndicatorDefinition[] = []
