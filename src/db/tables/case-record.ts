import type { ColumnType, Generated } from 'kysely'
import type { Identity, InstantDefault, Instant, IsoDate } from './foundation.js'

/** A `numeric` column: read as an exact decimal string ('12.5'), written as a string or number. */
export type Decimal = ColumnType<string, string | number, string | number>
/** A `numeric` column that may be null. */
export type DecimalNullable = ColumnType<string | null, string | number | null | undefined, string | number | null>
/** A `text[]` column with a default of '{}'. */
export type TextArray = ColumnType<string[], string[] | undefined, string[]>
/** A `jsonb` column with a default, written as JSON text. */
export type JsonDefault = ColumnType<unknown, string | undefined, string>
/** A `jsonb` column that may be null, written as JSON text. */
export type JsonNullable = ColumnType<unknown, string | null | undefined, string | null>
/** A column of a view: read only. */
export type ViewColumn<T> = ColumnType<T, never, never>

/**
 * The columns every editable record has: `version` for optimistic concurrency (update ... where
 * version = :seen, then version + 1), who created it and when, and when it last changed.
 * created_by is null for rows loaded by an import or created by Harbour itself.
 */
export interface EditableColumns {
  version: Generated<number>
  created_at: InstantDefault
  created_by: number | null
  updated_at: InstantDefault
}

export type PersonSex = 'M' | 'F' | 'U'

export interface PersonTable extends EditableColumns {
  council_id: number
  id: Identity
  first_name: string
  last_name: string
  other_names: string | null
  date_of_birth: IsoDate | null
  sex: PersonSex | null
  ethnicity: string | null
  date_of_death: IsoDate | null
  address: string | null
  postcode: string | null
  address_confidential: Generated<boolean>
  phone: string | null
  email: string | null
  first_language: string | null
  interpreter_needed: Generated<boolean>
  /** Set when this person also has a child record (e.g. a parent who is a care leaver). */
  child_id: number | null
  note: string | null
}

export interface ChildRelationshipTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  /** Exactly one of person_id and related_child_id is set. */
  person_id: number | null
  related_child_id: number | null
  /** "<person> is the child's <relationship>": Harbour code list RELATIONSHIP. */
  relationship: string
  parental_responsibility: Generated<boolean>
  lives_with_child: Generated<boolean>
  emergency_contact: Generated<boolean>
  contact_restricted: Generated<boolean>
  start_date: IsoDate | null
  end_date: IsoDate | null
  note: string | null
}

export interface SiblingGroupTable extends EditableColumns {
  council_id: number
  id: Identity
  name: string
  note: string | null
}

export interface SiblingGroupMemberTable {
  council_id: number
  sibling_group_id: number
  child_id: number
  created_at: InstantDefault
  created_by: number | null
}

/** A child taken out of a sibling group: the membership as it was, and who ended it, when and why. */
export interface SiblingGroupMemberEndedTable {
  council_id: number
  id: Identity
  sibling_group_id: number
  child_id: number
  added_at: Instant
  added_by: number | null
  removed_at: InstantDefault
  removed_by: number
  reason: string
}

export type MashDecision = 'referral' | 'early_help' | 'information_and_advice' | 'other_service' | 'no_further_action'

export interface ContactTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  received_at: Instant
  /** CIN ReferralSource code. */
  source: string
  referrer_name: string | null
  referrer_organisation: string | null
  concern: string | null
  mash_decision: MashDecision | null
  mash_decision_at: Instant | null
  mash_decided_by: number | null
  team_id: number | null
}

export interface ReferralTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  contact_id: number | null
  /** CIN CINreferralDate */
  referral_date: IsoDate
  received_at: Instant | null
  /** CIN ReferralSource */
  source: string
  /** CIN PrimaryNeedCode (N0-N9) */
  primary_need: string | null
  /** CIN ReferralNFA */
  no_further_action: Generated<boolean>
  /** CIN CINclosureDate */
  closure_date: IsoDate | null
  /** CIN ReasonForClosure (RC1-RC9) */
  closure_reason: string | null
  team_id: number | null
  worker_id: number | null
}

export type AssessmentOutcome =
  'no_further_action' | 'early_help' | 'cin_plan' | 'strategy_discussion' | 'looked_after' | 'other'

export interface AssessmentTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  referral_id: number | null
  assessment_type: Generated<string>
  /** CIN AssessmentActualStartDate */
  start_date: IsoDate
  /** CIN AssessmentInternalReviewDate */
  internal_review_date: IsoDate | null
  /** CIN AssessmentAuthorisationDate */
  authorisation_date: IsoDate | null
  authorised_by: number | null
  /** CIN AssessmentFactors codes */
  factors: TextArray
  child_seen: boolean | null
  outcome: AssessmentOutcome | null
  team_id: number | null
  worker_id: number | null
  /** Added in 0006: when the social worker submitted the completed assessment for authorisation. */
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  submitted_by: ColumnType<number | null, number | null | undefined, number | null>
}

export type StrategyDiscussionDecision = 'section47' | 'no_section47' | 'no_further_action'

export interface StrategyDiscussionTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  referral_id: number | null
  held_on: IsoDate
  concern: string | null
  agencies: TextArray
  decision: StrategyDiscussionDecision | null
  chaired_by: number | null
}

export type Section47Outcome = 'initial_conference' | 'cin_plan' | 'no_further_action' | 'other'

export interface Section47EnquiryTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  referral_id: number | null
  strategy_discussion_id: number | null
  /** CIN S47ActualStartDate */
  start_date: IsoDate
  end_date: IsoDate | null
  outcome: Section47Outcome | null
  /** CIN InitialCPCtarget */
  icpc_target_date: IsoDate | null
  /** CIN ICPCnotRequired */
  icpc_not_required: Generated<boolean>
  team_id: number | null
  worker_id: number | null
}

export interface CpPlanTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  referral_id: number | null
  /** CIN CPPstartDate */
  start_date: IsoDate
  /** CIN CPPendDate */
  end_date: IsoDate | null
  /** CIN InitialCategoryOfAbuse */
  initial_category: string
  /** CIN LatestCategoryOfAbuse */
  latest_category: string
  /** Plans in other councils before this one; NumberOfPreviousCPP adds the child's earlier plans here. */
  previous_plans_elsewhere: Generated<number>
  end_reason: string | null
  team_id: number | null
  worker_id: number | null
}

export type ConferenceType = 'initial' | 'review' | 'transfer_in'
export type ConferenceDecision = 'plan_made' | 'no_plan' | 'plan_continues' | 'plan_ends'

export interface CpConferenceTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  referral_id: number | null
  section47_enquiry_id: number | null
  /** The plan an initial conference made, or the plan a review conference reviewed. */
  cp_plan_id: number | null
  conference_type: ConferenceType
  /** CIN DateOfInitialCPC (initial) or CPPreviewDate (review) */
  conference_date: IsoDate
  decision: ConferenceDecision | null
  category: string | null
  chair_id: number | null
  quorate: boolean | null
  child_participation: string | null
}

export interface CinPlanTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  referral_id: number | null
  /** CIN CINPlanStartDate */
  start_date: IsoDate
  /** CIN CINPlanEndDate */
  end_date: IsoDate | null
  team_id: number | null
  worker_id: number | null
  /** Added in 0006: CIN ReasonForClosure code given when the plan ended. */
  end_reason: ColumnType<string | null, string | null | undefined, string | null>
}

export interface PeriodOfCareTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  start_date: IsoDate
  end_date: IsoDate | null
}

export interface PlacementTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  /** 903 PLACE at the start of the placement */
  placement_type: string
  provider_id: number | null
  foster_household_id: number | null
  start_date: IsoDate
  end_date: IsoDate | null
  address: string | null
  postcode: string | null
  /** 903 REASON_PLACE_CHANGE */
  end_reason: string | null
}

export interface LookedAfterEpisodeTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  period_of_care_id: number
  placement_id: number | null
  /** 903 DECOM */
  start_date: IsoDate
  /** 903 RNE */
  reason_new_episode: string
  /** 903 LS */
  legal_status: string
  /** 903 CIN */
  category_of_need: string
  /** 903 PLACE */
  placement_type: string
  /** 903 PLACE_PROVIDER */
  placement_provider: string | null
  /** 903 DEC */
  end_date: IsoDate | null
  /** 903 REC */
  reason_episode_ceased: string | null
  /** 903 REASON_PLACE_CHANGE */
  reason_place_change: string | null
  /** 903 HOME_POST */
  home_postcode: string | null
  /** 903 PL_POST */
  placement_postcode: string | null
  /** 903 URN */
  ofsted_urn: string | null
  /** Derived 903 PL_LOCATION: true = IN, false = OUT */
  placement_inside_boundary: boolean | null
  /** Derived 903 PL_LA: GSS code of the upper-tier LA of PL_POST */
  placement_la_gss_code: string | null
  /** Derived 903 PL_DISTANCE, miles to one decimal place */
  distance_miles: DecimalNullable
}

export interface LookedAfterReviewTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  period_of_care_id: number | null
  /** 903 REVIEW */
  review_date: IsoDate
  /** 903 REVIEW_CODE (PN0-PN7) */
  participation_code: string
  chair_id: number | null
}

export interface MissingEpisodeTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  /** 903 MISSING: M missing, A away from placement without authorisation */
  missing_type: 'M' | 'A'
  /** 903 MIS_START */
  start_date: IsoDate
  /** 903 MIS_END */
  end_date: IsoDate | null
  started_at: Instant | null
  ended_at: Instant | null
  reported_to_police: boolean | null
  return_interview_offered_date: IsoDate | null
  return_interview_accepted: boolean | null
  note: string | null
}

export interface UascDetailTable extends EditableColumns {
  council_id: number
  child_id: number
  country_of_origin: string | null
  arrival_date: IsoDate | null
  immigration_status: string | null
  immigration_status_date: IsoDate | null
  age_assessment_date: IsoDate | null
  age_assessment_outcome: string | null
  national_transfer_scheme: Generated<boolean>
  transferred_from_la: string | null
  note: string | null
}

export interface SdqAssessmentTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  completed_date: IsoDate
  /** 903 SDQ_SCORE (0-40) */
  score: number | null
  /** 903 SDQ_REASON */
  reason_not_completed: string | null
  completed_by: string | null
}

export interface Oc2OutcomeTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  /** The year the collection ends: 2026 = 1 April 2025 to 31 March 2026. */
  collection_year: number
  sdq_score: number | null
  sdq_reason: string | null
  convicted: boolean | null
  health_check: boolean | null
  immunisations: boolean | null
  teeth_check: boolean | null
  health_assessment: boolean | null
  substance_misuse: boolean | null
  intervention_received: boolean | null
  intervention_offered: boolean | null
}

export interface Oc3OutcomeTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  collection_year: number
  age_at_birthday: number | null
  /** 903 IN_TOUCH */
  in_touch: string
  /** 903 ACTIV */
  activity: string
  /** 903 ACCOM */
  accommodation: string
}

export interface AdoptionDecisionTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  /** 903 DATE_PLACED */
  decision_date: IsoDate
  /** 903 DATE_PLACED_CEASED */
  ceased_date: IsoDate | null
  /** 903 REASON_PLACED_CEASED */
  ceased_reason: string | null
}

export interface AdoptionTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  adoption_decision_id: number | null
  /** 903 DATE_INT */
  best_interests_decision_date: IsoDate
  /** 903 DATE_MATCH */
  matched_date: IsoDate | null
  /** 903 FOSTER_CARE */
  adopted_by_foster_carer: boolean | null
  /** 903 NB_ADOPTR */
  number_of_adopters: 1 | 2 | null
  /** 903 SEX_ADOPTR */
  adopter_sex: string | null
  /** 903 LS_ADOPTR */
  adopter_legal_status: string | null
}

export interface PreviousPermanenceTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  period_of_care_id: number | null
  /** 903 PREV_PERM */
  permanence_option: string
  /** 903 LA_PERM */
  arranging_la: string | null
  /** 903 DATE_PERM, each part null when not known ('ZZ') */
  order_year: number | null
  order_month: number | null
  order_day: number | null
}

export interface SocialWorkerRegistrationTable extends EditableColumns {
  council_id: number
  user_id: number
  /** 903 SW_ID */
  sw_id: string
  registration_checked_on: IsoDate | null
}

/** View over worker_allocation (allocation_role 'social_worker'): the 903 SWEpisodes rows. */
export interface SocialWorkerEpisodeView {
  council_id: ViewColumn<number>
  allocation_id: ViewColumn<number>
  child_id: ViewColumn<number>
  user_id: ViewColumn<number | null>
  sw_id: ViewColumn<string | null>
  sw_decom: ViewColumn<IsoDate>
  sw_dec: ViewColumn<IsoDate | null>
  sw_reason: ViewColumn<string | null>
}

export interface DeprivationOfLibertyTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  /** 903 DOLO_START */
  start_date: IsoDate
  /** 903 DOLO_END */
  end_date: IsoDate | null
  order_type: string | null
  court: string | null
  court_reference: string | null
  note: string | null
}

export interface ChildParenthoodTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  /** 903 MC_DOB is the earliest of these for a child who is a mother. */
  baby_date_of_birth: IsoDate
  baby_child_id: number | null
  baby_person_id: number | null
  note: string | null
}

export type CaseNoteType =
  | 'visit'
  | 'phone_call'
  | 'supervision_discussion'
  | 'management_oversight'
  | 'meeting'
  | 'direct_work'
  | 'office_visit'
  | 'email'
  | 'letter'
  | 'text_message'
  | 'significant_event'
  | 'other'

export interface CaseNoteTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  note_type: CaseNoteType
  occurred_at: Instant
  author_id: number | null
  author_name: string | null
  title: string | null
  body: string
  sensitive: Generated<boolean>
  related_entity: string | null
  related_id: number | null
  /** Added in 0005: who was present or seen. */
  people_present: ColumnType<string | null, string | null | undefined, string | null>
  /** Added in 0005: whether the child was seen, and alone. */
  child_seen: ColumnType<CaseNoteChildSeen | null, CaseNoteChildSeen | null | undefined, CaseNoteChildSeen | null>
}

export type CaseNoteChildSeen = 'seen_alone' | 'seen_with_others' | 'not_seen'

export interface HealthAssessmentTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  assessment_type: 'initial' | 'review'
  assessment_date: IsoDate
  completed_by: string | null
  outcome: string | null
}

export interface DentalCheckTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  check_date: IsoDate
  dentist: string | null
  note: string | null
}

export interface PersonalEducationPlanTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  pep_type: 'initial' | 'review'
  meeting_date: IsoDate
  school_name: string | null
  school_urn: string | null
  designated_teacher: string | null
  quality_rating: string | null
  note: string | null
}

export interface ChildMergeTable {
  council_id: number
  id: Identity
  merged_child_id: number
  surviving_child_id: number
  reason: string
  moved_records: JsonDefault
  duplicate_snapshot: ColumnType<unknown, string, string>
  merged_at: InstantDefault
  merged_by: number | null
  undone_at: Instant | null
  undone_by: number | null
}

export interface CaseRecordTables {
  person: PersonTable
  child_relationship: ChildRelationshipTable
  sibling_group: SiblingGroupTable
  sibling_group_member: SiblingGroupMemberTable
  sibling_group_member_ended: SiblingGroupMemberEndedTable
  contact: ContactTable
  referral: ReferralTable
  assessment: AssessmentTable
  strategy_discussion: StrategyDiscussionTable
  section47_enquiry: Section47EnquiryTable
  cp_plan: CpPlanTable
  cp_conference: CpConferenceTable
  cin_plan: CinPlanTable
  period_of_care: PeriodOfCareTable
  placement: PlacementTable
  looked_after_episode: LookedAfterEpisodeTable
  looked_after_review: LookedAfterReviewTable
  missing_episode: MissingEpisodeTable
  uasc_detail: UascDetailTable
  sdq_assessment: SdqAssessmentTable
  oc2_outcome: Oc2OutcomeTable
  oc3_outcome: Oc3OutcomeTable
  adoption_decision: AdoptionDecisionTable
  adoption: AdoptionTable
  previous_permanence: PreviousPermanenceTable
  social_worker_registration: SocialWorkerRegistrationTable
  social_worker_episode: SocialWorkerEpisodeView
  deprivation_of_liberty: DeprivationOfLibertyTable
  child_parenthood: ChildParenthoodTable
  case_note: CaseNoteTable
  health_assessment: HealthAssessmentTable
  dental_check: DentalCheckTable
  personal_education_plan: PersonalEducationPlanTable
  child_merge: ChildMergeTable
}
