import type { ColumnType, Generated } from 'kysely'
import type { EditableColumns } from './case-record.js'
import type { Identity, Instant, InstantDefault, IsoDate, Role } from './foundation.js'

export type TimescaleUnit =
  | 'working_days'
  | 'calendar_days'
  | 'calendar_weeks'
  | 'calendar_months'
  | 'school_terms'
  | 'none'
  | 'as_soon_as_possible'

export type StatutoryStatus = 'statute' | 'regulation' | 'statutory_guidance' | 'statute_no_limit' | 'local_standard'

/** National timescale definition, shared by every council (not tenant-keyed). */
export interface TimescaleRuleTable {
  /** e.g. 'cpr.visit.year1' */
  id: string
  name: string
  domain: string
  source: string
  statutory_status: StatutoryStatus
  /** The event the compliance engine starts the clock from, e.g. 'placement_start'. */
  clock_starts_from: string
  /** Null exactly when unit is 'none' or 'as_soon_as_possible'. */
  time_limit: number | null
  unit: TimescaleUnit
  recurring: boolean
  notes: string | null
  /** V read in the primary text, S secondary source, R from recall (verify). */
  verified: 'V' | 'S' | 'R' | null
  active: Generated<boolean>
  version: Generated<number>
  created_at: InstantDefault
  updated_at: InstantDefault
}

/** A council's own limit for a rule from effective_from; the latest row on or before a date applies. */
export interface CouncilTimescaleTable extends EditableColumns {
  council_id: number
  rule_id: string
  effective_from: IsoDate
  /** Null (with unit null) to keep the national limit and only switch the rule on or off. */
  time_limit: number | null
  unit: TimescaleUnit | null
  enabled: Generated<boolean>
  reason: string | null
}

export interface CouncilSettingTable extends EditableColumns {
  council_id: number
  key: string
  value: ColumnType<unknown, string, string>
  description: string | null
}

export type VisitType =
  'looked_after' | 'child_protection' | 'child_in_need' | 'care_leaver' | 'private_fostering' | 'other'

export interface VisitTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  visit_date: IsoDate
  visit_type: VisitType
  statutory: Generated<boolean>
  unannounced: Generated<boolean>
  child_seen: boolean
  /** Null when not applicable (a baby). */
  seen_alone: boolean | null
  bedroom_seen: boolean | null
  visitor_id: number | null
  /** When the visitor is not a Harbour user. */
  visitor_name: string | null
  placement_id: number | null
  note: string | null
}

export type MissedVisitReason =
  | 'child_refused'
  | 'not_at_placement'
  | 'missing'
  | 'worker_unavailable'
  | 'placement_out_of_area'
  | 'family_obstructed'
  | 'other'

export interface MissedVisitTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  planned_date: IsoDate
  visit_type: VisitType
  reason: MissedVisitReason
  /** Required when reason is 'other'. */
  reason_text: string | null
  rearranged_for: IsoDate | null
  visit_id: number | null
  reviewed_by: number | null
  reviewed_at: Instant | null
}

export interface EscalationStepTable extends EditableColumns {
  council_id: number
  id: Identity
  ladder: Generated<string>
  step_number: number
  name: string
  escalate_to_role: Role
  respond_within_working_days: number | null
  description: string | null
  active: Generated<boolean>
  /** Added in 0007: calendar days after the visit fell due that this step is raised (null: (step - 1) × 7). */
  raise_after_days_overdue: ColumnType<number | null, number | null | undefined, number | null>
}

export type EscalationReason = 'child_not_seen' | 'visit_overdue' | 'timescale_breach' | 'other'
export type EscalationStatus = 'open' | 'acknowledged' | 'responded' | 'escalated' | 'closed'

export interface EscalationTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  step_id: number
  reason: EscalationReason
  missed_visit_id: number | null
  previous_escalation_id: number | null
  summary: string
  raised_at: InstantDefault
  /** Null when Harbour raised it automatically. */
  raised_by: number | null
  raised_to_user_id: number | null
  respond_by: IsoDate | null
  status: ColumnType<EscalationStatus, EscalationStatus | undefined, EscalationStatus>
  acknowledged_at: Instant | null
  acknowledged_by: number | null
  response: string | null
  responded_at: Instant | null
  responded_by: number | null
  closed_at: Instant | null
  /** Added in 0007: the overdue item an automatic escalation is about (raised once per step). */
  rule_id: ColumnType<string | null, string | null | undefined, string | null>
  due_date: ColumnType<IsoDate | null, IsoDate | null | undefined, IsoDate | null>
}

export interface VisitConfirmationTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  visit_id: number
  /** Only a hash of the code the young person is sent is stored. */
  code_hash: string
  sent_via: string | null
  expires_at: Instant
  attempts: Generated<number>
  result: 'confirm' | 'deny' | null
  rating: number | null
  comment: string | null
  responded_at: Instant | null
  /** Added in 0007: the start of the code, looked up by the public page; the whole code is checked against code_hash. */
  code_locator: ColumnType<string | null, string | null | undefined, string | null>
}

/** Added in 0007: England and Wales bank holidays, loaded from reference/calendar at start-up. */
export interface ComplianceBankHolidayTable {
  day: IsoDate
  title: string
  source: 'vendored' | 'rules'
}

/** Added in 0007: one row per day with a running count of working days, for working-day arithmetic in SQL. */
export interface ComplianceCalendarTable {
  day: IsoDate
  working_day: boolean
  working_day_index: number
}

/** Added in 0007: a child in need plan review (local standard frequency). */
export interface CinPlanReviewTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  cin_plan_id: number
  review_date: IsoDate
  note: string | null
}

export interface ComplianceTables {
  timescale_rule: TimescaleRuleTable
  council_timescale: CouncilTimescaleTable
  council_setting: CouncilSettingTable
  visit: VisitTable
  missed_visit: MissedVisitTable
  escalation_step: EscalationStepTable
  escalation: EscalationTable
  visit_confirmation: VisitConfirmationTable
  compliance_bank_holiday: ComplianceBankHolidayTable
  compliance_calendar: ComplianceCalendarTable
  cin_plan_review: CinPlanReviewTable
}
