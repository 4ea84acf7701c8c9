import type { AllocationRole } from '../../db/tables/foundation.js'
import type { CaseNoteChildSeen, CaseNoteType } from '../../db/tables/case-record.js'
import { codeLabel, type CodeListName } from '../codes/code-lists.js'

/** Plain-English labels for Harbour's own coded columns that the chronology and notes show. */

export const NOTE_TYPES: readonly { value: CaseNoteType; label: string; hint?: string }[] = [
  { value: 'visit', label: 'Visit', hint: 'A home visit, or a visit to the child where they live or go to school' },
  { value: 'office_visit', label: 'Office visit', hint: 'The child or family came to the office' },
  { value: 'direct_work', label: 'Direct work with the child' },
  { value: 'phone_call', label: 'Phone call' },
  { value: 'text_message', label: 'Text message' },
  { value: 'email', label: 'Email' },
  { value: 'letter', label: 'Letter' },
  { value: 'meeting', label: 'Meeting or strategy discussion' },
  { value: 'supervision_discussion', label: 'Supervision discussion' },
  { value: 'management_oversight', label: 'Management oversight', hint: 'Team managers and heads of service only' },
  { value: 'significant_event', label: 'Significant event' },
  { value: 'other', label: 'Other' },
]

export const NOTE_TYPE_VALUES = NOTE_TYPES.map((type) => type.value) as [CaseNoteType, ...CaseNoteType[]]

export function noteTypeLabel(type: string): string {
  return NOTE_TYPES.find((candidate) => candidate.value === type)?.label ?? type
}

export const CHILD_SEEN: readonly { value: CaseNoteChildSeen; label: string }[] = [
  { value: 'seen_alone', label: 'Yes, seen alone' },
  { value: 'seen_with_others', label: 'Yes, seen with others present' },
  { value: 'not_seen', label: 'No, not seen' },
]

export const CHILD_SEEN_VALUES = CHILD_SEEN.map((option) => option.value) as [CaseNoteChildSeen, ...CaseNoteChildSeen[]]

export const CHILD_SEEN_PHRASES: Record<CaseNoteChildSeen, string> = {
  seen_alone: 'child seen alone',
  seen_with_others: 'child seen with others present',
  not_seen: 'child not seen',
}

export const ALLOCATION_ROLES: readonly { value: AllocationRole; label: string; lower: string }[] = [
  { value: 'social_worker', label: 'Social worker', lower: 'social worker' },
  { value: 'personal_adviser', label: 'Personal adviser', lower: 'personal adviser' },
  { value: 'iro', label: 'Independent reviewing officer', lower: 'independent reviewing officer' },
]

export function allocationRoleLabel(role: string, form: 'label' | 'lower' = 'label'): string {
  const found = ALLOCATION_ROLES.find((candidate) => candidate.value === role)
  return found === undefined ? role : found[form]
}

export const MASH_DECISIONS: Record<string, string> = {
  referral: 'accepted as a referral to children’s social care',
  early_help: 'early help',
  information_and_advice: 'information and advice',
  other_service: 'passed to another service',
  no_further_action: 'no further action',
}

export const ASSESSMENT_OUTCOMES: Record<string, string> = {
  no_further_action: 'no further action',
  early_help: 'early help',
  cin_plan: 'child in need plan',
  strategy_discussion: 'strategy discussion',
  looked_after: 'to become looked after',
  other: 'other outcome',
}

export const STRATEGY_DECISIONS: Record<string, string> = {
  section47: 'section 47 enquiry to start',
  no_section47: 'no section 47 enquiry',
  no_further_action: 'no further action',
}

export const SECTION47_OUTCOMES: Record<string, string> = {
  initial_conference: 'initial child protection conference',
  cin_plan: 'child in need plan',
  no_further_action: 'no further action',
  other: 'other outcome',
}

export const CONFERENCE_TYPES: Record<string, string> = {
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
  transfer_in: 'Transfer-in child protection conference',
}

export const CONFERENCE_DECISIONS: Record<string, string> = {
  plan_made: 'child protection plan made',
  no_plan: 'no child protection plan',
  plan_continues: 'plan continues',
  plan_ends: 'plan ends',
}

export const VISIT_TYPES: Record<string, string> = {
  looked_after: 'Looked-after child visit',
  child_protection: 'Child protection visit',
  child_in_need: 'Child in need visit',
  care_leaver: 'Care leaver visit',
  private_fostering: 'Private fostering visit',
  other: 'Visit',
}

/** A code's plain-English label, optionally followed by the code itself; the bare code when unknown. */
export function codeText(list: CodeListName, code: string | null, withCode = false): string | undefined {
  if (code === null || code === '') return undefined
  const label = codeLabel(list, code)
  if (label === undefined) return code
  return withCode ? `${label} (${code})` : label
}
