import { ADOPTION_RULES } from './adoption.js'
import { EPISODE_RULES } from './episodes.js'
import { HEADER_RULES } from './header.js'
import type { Rule903 } from './helpers.js'
import { INTEGRITY_RULES } from './integrity.js'
import { LAST_YEAR_RULES } from './last-year.js'
import { DOLO_RULES, PREVIOUS_PERMANENCE_RULES, SOCIAL_WORKER_RULES, UASC_RULES } from './other-tables.js'
import { OC2_RULES, OC3_RULES } from './outcomes.js'
import { PLACEMENT_RULES } from './placements.js'
import { MISSING_RULES, REVIEW_RULES } from './reviews-missing.js'

/** Every SSDA903 rule implemented in code, grouped by theme. */
export const RULE_GROUPS_903: Record<string, readonly Rule903[]> = {
  Header: HEADER_RULES,
  Episodes: EPISODE_RULES,
  Placements: PLACEMENT_RULES,
  Reviews: REVIEW_RULES,
  Missing: MISSING_RULES,
  OC2: OC2_RULES,
  OC3: OC3_RULES,
  Adoption: ADOPTION_RULES,
  UASC: UASC_RULES,
  'Previous permanence': PREVIOUS_PERMANENCE_RULES,
  'Social worker episodes': SOCIAL_WORKER_RULES,
  'Deprivation of liberty': DOLO_RULES,
  'Integrity checks': INTEGRITY_RULES,
  'Against last year': LAST_YEAR_RULES,
}

export const RULES_903: readonly Rule903[] = Object.values(RULE_GROUPS_903).flat()
