import type { ColumnType } from 'kysely'
import type { EditableColumns } from './case-record.js'
import type { Identity, IsoDate } from './foundation.js'

/** A young person in our area whose responsible authority is another council. */
export interface ResponsibleAuthorityElsewhereTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  /** DfE 3-digit LA number */
  responsible_la_code: string
  responsible_la_name: string
  contact_name: string | null
  contact_email: string | null
  contact_phone: string | null
  start_date: IsoDate
  end_date: IsoDate | null
  note: string | null
}

export interface PathwayNeedsAssessmentTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  start_date: IsoDate
  completed_date: IsoDate | null
  completed_by: number | null
  summary: string | null
}

export type PathwayPlanStatus = 'draft' | 'active' | 'superseded' | 'ended'

export interface PathwayPlanTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  needs_assessment_id: number | null
  status: ColumnType<PathwayPlanStatus, PathwayPlanStatus | undefined, PathwayPlanStatus>
  plan_date: IsoDate
  authorised_date: IsoDate | null
  authorised_by: number | null
  end_date: IsoDate | null
  summary: string | null
  young_person_view: string | null
}

export type PathwayGoalStatus = 'open' | 'achieved' | 'partly_achieved' | 'not_achieved' | 'no_longer_needed'

export interface PathwayGoalTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  pathway_plan_id: number
  life_area: string | null
  what: string
  by_when: IsoDate | null
  who_helps: string | null
  measure: string | null
  status: ColumnType<PathwayGoalStatus, PathwayGoalStatus | undefined, PathwayGoalStatus>
  achieved_date: IsoDate | null
}

export interface PathwayReviewTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  pathway_plan_id: number
  review_date: IsoDate
  reviewed_by: number | null
  young_person_attended: boolean | null
  summary: string | null
}

export type KeepingInTouchMethod =
  'face_to_face' | 'phone' | 'video_call' | 'text_message' | 'email' | 'social_media' | 'letter' | 'other'

/** Maps to 903 IN_TOUCH: yes YES, no NO, refused REFU, returned_home RHOM, died DIED, no_longer_requires NREQ. */
export type KeepingInTouchOutcome = 'yes' | 'no' | 'refused' | 'returned_home' | 'died' | 'no_longer_requires'

export interface KeepingInTouchContactTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  contact_date: IsoDate
  method: KeepingInTouchMethod
  outcome: KeepingInTouchOutcome
  made_by: number | null
  note: string | null
}

export type YoungPersonAccommodationView = 'suitable' | 'not_suitable' | 'not_asked' | 'declined_to_say'

export interface CareLeaverAccommodationTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  start_date: IsoDate
  end_date: IsoDate | null
  /** First character of the 903 ACCOM code (code list ACCOM_TYPE). */
  accommodation_type: string
  /** The personal adviser's judgement: 903 ACCOM = accommodation_type + (suitable ? '1' : '2'). */
  suitable: boolean
  young_person_view: YoungPersonAccommodationView | null
  young_person_comment: string | null
  /** Code list UNSUITABLE_ACCOMMODATION_REASON; required when not suitable. */
  unsuitable_reason: string | null
  address: string | null
  postcode: string | null
}

export interface CareLeaverActivityTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  start_date: IsoDate
  end_date: IsoDate | null
  /** 903 ACTIV */
  activity_code: string
  provider_name: string | null
  note: string | null
}

export type WorkOpportunityKind =
  'job' | 'apprenticeship' | 'work_placement' | 'work_experience' | 'traineeship' | 'internship'

export interface WorkOpportunityTable extends EditableColumns {
  council_id: number
  id: Identity
  title: string
  kind: WorkOpportunityKind
  department: string | null
  description: string | null
  places: number | null
  ring_fenced: ColumnType<boolean, boolean | undefined, boolean>
  opens_on: IsoDate | null
  closes_on: IsoDate | null
}

export type WorkOfferStatus = 'offered' | 'accepted' | 'declined' | 'started' | 'completed' | 'left_early' | 'withdrawn'

export interface WorkOpportunityOfferTable extends EditableColumns {
  council_id: number
  id: Identity
  opportunity_id: number
  child_id: number
  offered_date: IsoDate
  status: ColumnType<WorkOfferStatus, WorkOfferStatus | undefined, WorkOfferStatus>
  start_date: IsoDate | null
  end_date: IsoDate | null
  note: string | null
}

export interface StayingArrangementTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  arrangement_type: 'staying_put' | 'staying_close'
  start_date: IsoDate
  end_date: IsoDate | null
  /** Weekly payment in pence. */
  weekly_payment_pence: number | null
  foster_household_id: number | null
  provider_id: number | null
  end_reason: string | null
  note: string | null
}

export type SupportRequestType =
  | 'personal_adviser_support'
  | 'financial'
  | 'accommodation'
  | 'education_training'
  | 'employment'
  | 'health_wellbeing'
  | 'other'

export type SupportRequestOutcome = 'agreed' | 'partly_agreed' | 'declined' | 'withdrawn'

export interface SupportRequestTable extends EditableColumns {
  council_id: number
  id: Identity
  child_id: number
  requested_date: IsoDate
  request_type: SupportRequestType
  detail: string | null
  /** Set together with responded_date. */
  outcome: SupportRequestOutcome | null
  response: string | null
  responded_date: IsoDate | null
  responded_by: number | null
}

export interface CareLeaverTables {
  responsible_authority_elsewhere: ResponsibleAuthorityElsewhereTable
  pathway_needs_assessment: PathwayNeedsAssessmentTable
  pathway_plan: PathwayPlanTable
  pathway_goal: PathwayGoalTable
  pathway_review: PathwayReviewTable
  keeping_in_touch_contact: KeepingInTouchContactTable
  care_leaver_accommodation: CareLeaverAccommodationTable
  care_leaver_activity: CareLeaverActivityTable
  work_opportunity: WorkOpportunityTable
  work_opportunity_offer: WorkOpportunityOfferTable
  staying_arrangement: StayingArrangementTable
  support_request: SupportRequestTable
}
