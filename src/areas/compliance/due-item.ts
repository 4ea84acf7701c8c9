import type { VisitType } from '../../db/tables/compliance.js'
import type { IsoDate } from './calendar.js'

/** What is due: one row per clock that is running for a child. */
export type DueFamily =
  | 'referral_decision'
  | 'assessment'
  | 'strategy_discussion'
  | 'initial_conference'
  | 'cp_review'
  | 'cp_visit'
  | 'cin_visit'
  | 'cin_review'
  | 'looked_after_visit'
  | 'looked_after_review'
  | 'health_assessment'
  | 'personal_education_plan'
  | 'pathway_review'
  | 'personal_adviser_contact'

/** The event a clock counts from: each due item says which, and on what date. */
export type ClockEvent =
  | 'contact_received'
  | 'referral_received'
  | 'assessment_outcome_strategy_discussion'
  | 'strategy_discussion'
  | 'section47_start'
  | 'icpc'
  | 'cp_plan_start'
  | 'previous_rcpc'
  | 'last_visit'
  | 'cin_plan_start'
  | 'previous_cin_review'
  | 'placement_start'
  | 'became_looked_after'
  | 'first_review'
  | 'previous_review'
  | 'previous_health_assessment'
  | 'previous_pep'
  | 'pathway_plan'
  | 'previous_pathway_review'
  | 'moved_into_accommodation'
  | 'previous_contact'
  | 'personal_adviser_allocated'

export interface DueItem {
  childId: number
  family: DueFamily
  /** The timescale_rule that sets the limit. */
  ruleId: string
  dueDate: IsoDate
  fromEvent: ClockEvent
  fromDate: IsoDate
  /** The record the clock belongs to (contact, referral, plan, placement, period of care ...), if any. */
  subjectId: number | null
  /** For visit clocks, the visit type that stops them. */
  visitType: VisitType | null
}

export const FAMILY_LABELS: Record<DueFamily, string> = {
  referral_decision: 'Decision on a contact',
  assessment: 'Child and family assessment',
  strategy_discussion: 'Strategy discussion',
  initial_conference: 'Initial child protection conference',
  cp_review: 'Child protection review conference',
  cp_visit: 'Child protection visit',
  cin_visit: 'Child in need visit',
  cin_review: 'Child in need plan review',
  looked_after_visit: 'Looked-after child visit',
  looked_after_review: 'Looked-after review',
  health_assessment: 'Health assessment',
  personal_education_plan: 'Personal education plan',
  pathway_review: 'Pathway plan review',
  personal_adviser_contact: 'Personal adviser contact',
}

export const EVENT_LABELS: Record<ClockEvent, string> = {
  contact_received: 'the contact was received',
  referral_received: 'the referral was received',
  assessment_outcome_strategy_discussion: 'the assessment decided a strategy discussion was needed',
  strategy_discussion: 'the strategy discussion that started the section 47 enquiry',
  section47_start: 'the section 47 enquiry started',
  icpc: 'the initial child protection conference',
  cp_plan_start: 'the child protection plan started',
  previous_rcpc: 'the last review conference',
  last_visit: 'the last visit when the child was seen',
  cin_plan_start: 'the child in need plan started',
  previous_cin_review: 'the last plan review',
  placement_start: 'the placement started',
  became_looked_after: 'the child became looked after',
  first_review: 'the first review',
  previous_review: 'the last review',
  previous_health_assessment: 'the last health assessment',
  previous_pep: 'the last personal education plan meeting',
  pathway_plan: 'the pathway plan was made',
  previous_pathway_review: 'the last pathway plan review',
  moved_into_accommodation: 'the young person moved into their accommodation',
  previous_contact: 'the last contact with the young person',
  personal_adviser_allocated: 'the personal adviser was allocated',
}

/** The visit clocks whose timeliness is reported (child protection and looked-after visits are statutory). */
export const VISIT_FAMILIES: Partial<Record<DueFamily, VisitType>> = {
  cp_visit: 'child_protection',
  cin_visit: 'child_in_need',
  looked_after_visit: 'looked_after',
}

export const STATUTORY_VISIT_FAMILIES: readonly DueFamily[] = ['cp_visit', 'looked_after_visit']

/** A stable order for comparing and listing items. */
export function compareDueItems(a: DueItem, b: DueItem): number {
  return (
    a.dueDate.localeCompare(b.dueDate) ||
    a.childId - b.childId ||
    a.family.localeCompare(b.family) ||
    (a.subjectId ?? 0) - (b.subjectId ?? 0)
  )
}
