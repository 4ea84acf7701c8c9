import type { IndicatorDefinition } from './types.js'

/** Looked-after, health, missing and care-leaver indicators. */
export const CARE_INDICATORS: readonly IndicatorDefinition[] = []
