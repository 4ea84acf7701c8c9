import { ASSESSMENT_RULES, SECTION_47_RULES } from './assessments.js'
import { CHILD_RULES } from './child.js'
import type { CinRule } from './helpers.js'
import { CIN_PLAN_RULES, PROTECTION_PLAN_RULES } from './plans.js'
import { REFERRAL_RULES } from './referrals.js'

/** Every CIN census rule implemented in code, grouped by theme. */
export const RULE_GROUPS_CIN: Record<string, readonly CinRule[]> = {
  'Header and child': CHILD_RULES,
  Referrals: REFERRAL_RULES,
  Assessments: ASSESSMENT_RULES,
  'Section 47 enquiries': SECTION_47_RULES,
  'CIN plans': CIN_PLAN_RULES,
  'Child protection plans': PROTECTION_PLAN_RULES,
}

export const CIN_RULES: readonly CinRule[] = Object.values(RULE_GROUPS_CIN).flat()
