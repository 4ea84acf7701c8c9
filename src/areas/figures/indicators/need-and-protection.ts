import { assessments45wdPct } from './assessments-45wd-pct.js'
import { cinRate } from './cin-rate.js'
import { cpp2yrsEndingPct } from './cpp-2yrs-ending-pct.js'
import { cppRate } from './cpp-rate.js'
import { cppSecondSubsequentPct } from './cpp-second-subsequent-pct.js'
import { referralRate } from './referral-rate.js'
import { rereferralPct } from './rereferral-pct.js'
import { statutoryVisitsInTime } from './statutory-visits-in-time.js'
import type { IndicatorDefinition } from './types.js'

/** Front door, assessment, child in need, child protection and statutory-visit indicators. */
export const NEED_AND_PROTECTION_INDICATORS: readonly IndicatorDefinition[] = [
  referralRate,
  rereferralPct,
  assessments45wdPct,
  cinRate,
  cppRate,
  cpp2yrsEndingPct,
  cppSecondSubsequentPct,
  statutoryVisitsInTime,
]
