/**
 * What the chronology can show. A category is what the user filters by (one checkbox each); an
 * event is one kind of row in the chronology query (a record can give more than one event: an
 * assessment started, then authorised).
 */
export const CHRONOLOGY_CATEGORIES = [
  { key: 'case_note', label: 'Case notes' },
  { key: 'contact', label: 'Contacts and MASH decisions' },
  { key: 'referral', label: 'Referrals and closures' },
  { key: 'assessment', label: 'Assessments' },
  { key: 'strategy', label: 'Strategy discussions' },
  { key: 'section47', label: 'Section 47 enquiries' },
  { key: 'conference', label: 'Child protection conferences' },
  { key: 'cp_plan', label: 'Child protection plans' },
  { key: 'cin_plan', label: 'Child in need plans' },
  { key: 'looked_after', label: 'Periods of care and placements' },
  { key: 'review', label: 'Looked-after reviews' },
  { key: 'missing', label: 'Missing from placement' },
  { key: 'adoption', label: 'Adoption' },
  { key: 'allocation', label: 'Allocation changes' },
  { key: 'health', label: 'Health assessments' },
  { key: 'visit', label: 'Visits' },
] as const

export type ChronologyCategory = (typeof CHRONOLOGY_CATEGORIES)[number]['key']

export const CATEGORY_KEYS: readonly ChronologyCategory[] = CHRONOLOGY_CATEGORIES.map((category) => category.key)

export function isChronologyCategory(value: string): value is ChronologyCategory {
  return (CATEGORY_KEYS as readonly string[]).includes(value)
}

export function categoryLabel(category: ChronologyCategory): string {
  return CHRONOLOGY_CATEGORIES.find((candidate) => candidate.key === category)?.label ?? category
}

/**
 * Every kind of event, with its category and its place in a child's journey. On one day, events
 * are ordered by `step` (a contact before its referral, a strategy discussion before its enquiry),
 * then by time.
 */
export const CHRONOLOGY_EVENTS = {
  contact_received: { category: 'contact', step: 10 },
  mash_decision: { category: 'contact', step: 11 },
  referral: { category: 'referral', step: 20 },
  strategy_discussion: { category: 'strategy', step: 30 },
  section47_started: { category: 'section47', step: 31 },
  assessment_started: { category: 'assessment', step: 40 },
  visit: { category: 'visit', step: 45 },
  case_note: { category: 'case_note', step: 46 },
  assessment_authorised: { category: 'assessment', step: 50 },
  section47_ended: { category: 'section47', step: 51 },
  conference: { category: 'conference', step: 60 },
  cp_plan_started: { category: 'cp_plan', step: 61 },
  cin_plan_started: { category: 'cin_plan', step: 62 },
  episode_ended: { category: 'looked_after', step: 69 },
  episode_started: { category: 'looked_after', step: 70 },
  la_review: { category: 'review', step: 71 },
  missing: { category: 'missing', step: 72 },
  health_assessment: { category: 'health', step: 73 },
  adoption_decision: { category: 'adoption', step: 74 },
  adoption_best_interests: { category: 'adoption', step: 75 },
  adoption_matched: { category: 'adoption', step: 76 },
  adoption_decision_ceased: { category: 'adoption', step: 77 },
  cp_plan_ended: { category: 'cp_plan', step: 80 },
  cin_plan_ended: { category: 'cin_plan', step: 81 },
  referral_closed: { category: 'referral', step: 85 },
  allocation: { category: 'allocation', step: 90 },
} as const satisfies Record<string, { category: ChronologyCategory; step: number }>

export type ChronologyEvent = keyof typeof CHRONOLOGY_EVENTS
