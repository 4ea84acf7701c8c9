import type { ColumnType, Generated } from 'kysely'
import type { Decimal, DecimalNullable, EditableColumns, JsonDefault, JsonNullable, TextArray } from './case-record.js'
import type { Identity, Instant, InstantDefault, IsoDate } from './foundation.js'

/** A status column with a database default. */
type WithDefault<T> = ColumnType<T, T | undefined, T>

// ------------------------------------------------------------------ placements and sufficiency

export type RegistrationStatus =
  'registered' | 'applied' | 'not_registered' | 'not_required' | 'suspended' | 'cancelled'
export type OfstedRating = 'outstanding' | 'good' | 'requires_improvement' | 'inadequate' | 'not_yet_inspected'

export interface ProviderTable extends EditableColumns {
  council_id: number
  id: Identity
  name: string
  /** Code list PROVIDER_TYPE */
  provider_type: string
  /** 903 PLACE_PROVIDER for placements with this provider (PR0-PR5) */
  ownership: string | null
  /** 903 URN */
  ofsted_urn: string | null
  registration_status: WithDefault<RegistrationStatus>
  ofsted_rating: OfstedRating | null
  ofsted_rating_date: IsoDate | null
  address: string | null
  postcode: string | null
  /** Derived from the postcode */
  inside_boundary: boolean | null
  local_authority_gss_code: string | null
  phone: string | null
  email: string | null
  active: Generated<boolean>
  note: string | null
}

export interface ProviderCapacityTable extends EditableColumns {
  council_id: number
  id: Identity
  provider_id: number
  /** 903 PLACE code the places are for */
  placement_type: string
  places: number
  places_used_by_other_councils: number | null
  effective_from: IsoDate
  effective_to: IsoDate | null
}

export type FosterApprovalType =
  | 'mainstream'
  | 'connected_person'
  | 'temporarily_approved_connected_carer'
  | 'short_breaks'
  | 'parent_and_child'
  | 'fostering_for_adoption'

export type FosterHouseholdStatus = 'in_assessment' | 'approved' | 'on_hold' | 'resigned' | 'deregistered'

export interface FosterHouseholdTable extends EditableColumns {
  council_id: number
  id: Identity
  name: string
  reference: string | null
  /** The fostering service: the council's own, or an independent agency. */
  provider_id: number | null
  approval_type: FosterApprovalType
  status: WithDefault<FosterHouseholdStatus>
  approval_date: IsoDate | null
  /** When a temporary approval expires. */
  approval_expires: IsoDate | null
  /** Number of children the household is approved for. */
  capacity: number
  age_from: number | null
  age_to: number | null
  postcode: string | null
  inside_boundary: boolean | null
}

export interface FosterCarerTable extends EditableColumns {
  council_id: number
  id: Identity
  foster_household_id: number
  person_id: number
  joined_date: IsoDate | null
  left_date: IsoDate | null
}

export type CostElement = 'placement' | 'additional_support' | 'education' | 'transport' | 'other'

export interface PlacementCostTable extends EditableColumns {
  council_id: number
  id: Identity
  placement_id: number
  cost_element: WithDefault<CostElement>
  weekly_cost_pence: number
  /** Health or education contribution towards the weekly cost, in pence. */
  partner_contribution_pence: Generated<number>
  effective_from: IsoDate
  effective_to: IsoDate | null
  note: string | null
}

// ------------------------------------------------------------------------------------ workforce

export interface PostTable extends EditableColumns {
  council_id: number
  id: Identity
  team_id: number | null
  post_reference: string | null
  title: string
  post_type: string
  /** Counts in the children's social work workforce census figures. */
  social_work_qualified: Generated<boolean>
  fte: Decimal
  established_date: IsoDate
  disestablished_date: IsoDate | null
}

export type LeavingReason =
  'resigned' | 'became_agency_worker' | 'retired' | 'end_of_contract' | 'dismissed' | 'internal_move' | 'other'

export interface PostHolderTable extends EditableColumns {
  council_id: number
  id: Identity
  post_id: number
  user_id: number | null
  holder_name: string | null
  start_date: IsoDate
  end_date: IsoDate | null
  fte: DecimalNullable
  agency: Generated<boolean>
  /** In the Assessed and Supported Year in Employment (newly qualified). */
  asye: Generated<boolean>
  qualified_date: IsoDate | null
  leaving_reason: LeavingReason | null
}

export type VacancyReason = 'new_post' | 'leaver' | 'internal_move' | 'long_term_absence' | 'other'

export interface VacancyTable extends EditableColumns {
  council_id: number
  id: Identity
  post_id: number
  opened_date: IsoDate
  closed_date: IsoDate | null
  reason: VacancyReason | null
  advertised_date: IsoDate | null
  covered_by_agency: Generated<boolean>
  filled_by_post_holder_id: number | null
  note: string | null
}

export type SupervisionType = 'formal' | 'reflective' | 'group' | 'informal'

export interface SupervisionTable extends EditableColumns {
  council_id: number
  id: Identity
  supervisee_id: number
  supervisor_id: number
  supervision_date: IsoDate
  supervision_type: WithDefault<SupervisionType>
  duration_minutes: number | null
  cases_discussed: number | null
  note: string | null
}

// ---------------------------------------------------------------------------------- performance

export interface IndicatorTargetTable extends EditableColumns {
  council_id: number
  id: Identity
  indicator_id: string
  /** Reporting year: 2026 = year ending 31 March 2026 (CIN, 903) or 30 September 2026 (workforce). */
  year: number
  target: Decimal
  amber_tolerance: DecimalNullable
  note: string | null
  set_by: number | null
}

/** Append-only: an edit is a new row with the next revision. */
export interface IndicatorExplanationTable {
  council_id: number
  id: Identity
  indicator_id: string
  period_end: IsoDate
  revision: Generated<number>
  explanation: string
  author_id: number
  written_at: InstantDefault
}

export interface BenchmarkLoadTable {
  council_id: number
  id: Identity
  name: string
  source: string
  file_name: string | null
  file_sha256: string | null
  row_count: number | null
  loaded_at: InstantDefault
  loaded_by: number | null
  superseded_by_load_id: number | null
  note: string | null
}

export type BenchmarkAreaKind = 'england' | 'region' | 'local_authority' | 'statistical_neighbours' | 'other'

export interface BenchmarkValueTable {
  council_id: number
  id: Identity
  load_id: number
  indicator_id: string
  area_kind: BenchmarkAreaKind
  area_code: string | null
  area_name: string
  /** As published: '2024-25' or '2025'. */
  year: string
  value: DecimalNullable
  /** DfE symbol when there is no value: c, x, z, k, u or ':'. */
  suppression: string | null
  source: string
  /** 0008: V read in the DfE source, derived, S secondary, R recall. */
  verified: string | null
}

// --------------------------------------------------------------------- improvement and scrutiny

export type ImprovementActionStatus = 'not_started' | 'on_track' | 'at_risk' | 'off_track' | 'complete' | 'cancelled'

export interface ImprovementActionTable extends EditableColumns {
  council_id: number
  id: Identity
  reference: string | null
  theme: string | null
  title: string
  description: string | null
  owner_id: number | null
  owner_name: string | null
  target: string | null
  due_date: IsoDate | null
  status: WithDefault<ImprovementActionStatus>
  completed_date: IsoDate | null
  indicator_ids: TextArray
  last_update_at: Instant | null
}

export interface ImprovementActionUpdateTable {
  council_id: number
  id: Identity
  action_id: number
  status: ImprovementActionStatus
  update_text: string
  author_id: number | null
  written_at: InstantDefault
}

export interface CommitteeMeetingTable extends EditableColumns {
  council_id: number
  id: Identity
  committee_name: string
  meeting_date: IsoDate
  title: string | null
  minutes_url: string | null
  note: string | null
}

export type ResolutionStatus = 'open' | 'in_progress' | 'done' | 'superseded'

export interface CommitteeResolutionTable extends EditableColumns {
  council_id: number
  id: Identity
  meeting_id: number
  resolution_number: number
  resolution_text: string
  owner_id: number | null
  due_date: IsoDate | null
  due_meeting_id: number | null
  status: WithDefault<ResolutionStatus>
  done_date: IsoDate | null
  done_note: string | null
}

// --------------------------------------------------------------------------- statutory returns

export type ImportRunStatus = 'pending' | 'running' | 'succeeded' | 'succeeded_with_warnings' | 'failed' | 'cancelled'

export interface ImportRunTable extends EditableColumns {
  council_id: number
  id: Identity
  /** e.g. 'ssda903', 'cin_census', 'case_migration' */
  kind: string
  collection_year: number | null
  /** JSON array of { name, bytes, sha256 } */
  files: JsonDefault
  status: WithDefault<ImportRunStatus>
  started_at: Instant | null
  finished_at: Instant | null
  started_by: number | null
  report: JsonNullable
}

export interface ValidationResultTable {
  council_id: number
  id: Identity
  import_run_id: number | null
  collection: 'ssda903' | 'cin_census'
  collection_year: number
  rule_code: string
  severity: WithDefault<'error' | 'query' | 'warning'>
  child_id: number | null
  la_child_id: string | null
  table_name: string | null
  row_number: number | null
  fields: TextArray
  message: string
  found_at: InstantDefault
  dismissed_at: Instant | null
  dismissed_by: number | null
  dismissed_reason: string | null
}

export interface ServiceTables {
  provider: ProviderTable
  provider_capacity: ProviderCapacityTable
  foster_household: FosterHouseholdTable
  foster_carer: FosterCarerTable
  placement_cost: PlacementCostTable
  post: PostTable
  post_holder: PostHolderTable
  vacancy: VacancyTable
  supervision: SupervisionTable
  indicator_target: IndicatorTargetTable
  indicator_explanation: IndicatorExplanationTable
  benchmark_load: BenchmarkLoadTable
  benchmark_value: BenchmarkValueTable
  improvement_action: ImprovementActionTable
  improvement_action_update: ImprovementActionUpdateTable
  committee_meeting: CommitteeMeetingTable
  committee_resolution: CommitteeResolutionTable
  import_run: ImportRunTable
  validation_result: ValidationResultTable
}
