import { cl1718Eet } from './cl-17-18-eet.js'
import { cl1718Suitable } from './cl-17-18-suitable.js'
import { cl1921Eet } from './cl-19-21-eet.js'
import { cl1921Suitable } from './cl-19-21-suitable.js'
import { clInTouch1718 } from './cl-in-touch-17-18.js'
import { clInTouch1921 } from './cl-in-touch-19-21.js'
import { claRate } from './cla-rate.js'
import { dentalCheck } from './dental-check.js'
import { healthAssessment } from './health-assessment.js'
import { longTermStability } from './long-term-stability.js'
import { missingIncidentsPerChild } from './missing-incidents-per-child.js'
import { missingPct } from './missing-pct.js'
import { placed20Miles } from './placed-20-miles.js'
import { placedOutsideLa } from './placed-outside-la.js'
import { placements3PlusYear } from './placements-3plus-year.js'
import { returnedHome } from './returned-home.js'
import { sdqAverage } from './sdq-average.js'
import { sdqCompleted } from './sdq-completed.js'
import type { IndicatorDefinition } from './types.js'

/** Looked-after, health, missing and care-leaver indicators, in the order the dashboards show them. */
export const CARE_INDICATORS: readonly IndicatorDefinition[] = [
  claRate,
  placements3PlusYear,
  longTermStability,
  placed20Miles,
  placedOutsideLa,
  healthAssessment,
  dentalCheck,
  sdqCompleted,
  sdqAverage,
  missingPct,
  missingIncidentsPerChild,
  returnedHome,
  cl1718Suitable,
  cl1921Suitable,
  cl1718Eet,
  cl1921Eet,
  clInTouch1718,
  clInTouch1921,
]
