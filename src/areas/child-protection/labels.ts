import type { ConferenceDecision, Section47Outcome, StrategyDiscussionDecision } from '../../db/tables/case-record.js'

/** Agencies taking part in a strategy discussion (strategy_discussion.agencies). Harbour's own list. */
export const AGENCIES = {
  social_care: 'Children’s social care',
  police: 'Police',
  health: 'Health',
  education: 'Education or early years',
  probation: 'Probation',
  housing: 'Housing',
  other: 'Another agency',
} as const

export type Agency = keyof typeof AGENCIES

export const DISCUSSION_DECISIONS: Record<StrategyDiscussionDecision, string> = {
  section47: 'Start a section 47 enquiry',
  no_section47: 'No section 47 enquiry: continue to assess or support the child',
  no_further_action: 'No further action',
}

export const SECTION47_OUTCOMES: Record<Section47Outcome, { label: string; hint: string }> = {
  initial_conference: {
    label: 'Concerns substantiated: an initial child protection conference is needed',
    hint: 'The child is judged likely to suffer significant harm',
  },
  cin_plan: {
    label: 'Concerns substantiated but no conference needed: support under a child in need plan',
    hint: 'An initial conference is not required (CIN ICPCnotRequired)',
  },
  no_further_action: {
    label: 'Concerns not substantiated: no further action',
    hint: 'An initial conference is not required (CIN ICPCnotRequired)',
  },
  other: {
    label: 'Another outcome, for example the child moved to another council',
    hint: 'An initial conference is not required here (CIN ICPCnotRequired)',
  },
}

export const CONFERENCE_DECISIONS: Record<ConferenceDecision, string> = {
  plan_made: 'Child protection plan made',
  no_plan: 'No child protection plan',
  plan_continues: 'Plan continues',
  plan_ends: 'Plan ends',
}

/** Why a plan ended (cp_plan.end_reason). Harbour's own list; the census records only the end date. */
export const PLAN_END_REASONS = {
  no_longer_at_risk: 'No longer at risk of significant harm (decided at a review conference)',
  looked_after: 'Became looked after: needs met by the care plan',
  moved_away: 'Moved to another council’s area',
  adult: 'Reached 18',
  died: 'Died',
  other: 'Other reason',
} as const

export type PlanEndReason = keyof typeof PLAN_END_REASONS

export function planEndReasonLabel(reason: string | null): string {
  if (reason === null) return ''
  return (PLAN_END_REASONS as Record<string, string>)[reason] ?? reason
}
