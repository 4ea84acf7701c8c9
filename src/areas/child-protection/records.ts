import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { SignedInUser } from '../../web/context.js'
import { scopedChildren } from '../children/child-access.js'
import type {
  CpConferenceTable,
  CpPlanTable,
  ReferralTable,
  Section47EnquiryTable,
  StrategyDiscussionTable,
} from '../../db/tables/case-record.js'

export type Referral = Pick<Selectable<ReferralTable>, 'id' | 'referral_date' | 'closure_date'>
export type StrategyDiscussion = Selectable<StrategyDiscussionTable>
export type Section47Enquiry = Selectable<Section47EnquiryTable>
export type CpConference = Selectable<CpConferenceTable>
export type CpPlan = Selectable<CpPlanTable>

/** Everything on one child's child protection record, oldest first. */
export interface ChildProtectionRecord {
  childId: number
  referrals: Referral[]
  discussions: StrategyDiscussion[]
  enquiries: Section47Enquiry[]
  conferences: CpConference[]
  plans: CpPlan[]
}

/**
 * Loads a child's strategy discussions, enquiries, conferences and plans. Callers have checked the
 * child is in the user's scope (a :childId route, or siblingsInScope).
 */
export async function loadChildProtection(
  db: Kysely<Database>,
  councilId: number,
  childId: number,
): Promise<ChildProtectionRecord> {
  const [referrals, discussions, enquiries, conferences, plans] = await Promise.all([
    db
      .selectFrom('referral')
      .select(['id', 'referral_date', 'closure_date'])
      .where('council_id', '=', councilId)
      .where('child_id', '=', childId)
      .orderBy('referral_date')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('strategy_discussion')
      .selectAll()
      .where('council_id', '=', councilId)
      .where('child_id', '=', childId)
      .orderBy('held_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('section47_enquiry')
      .selectAll()
      .where('council_id', '=', councilId)
      .where('child_id', '=', childId)
      .orderBy('start_date')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('cp_conference')
      .selectAll()
      .where('council_id', '=', councilId)
      .where('child_id', '=', childId)
      .orderBy('conference_date')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('cp_plan')
      .selectAll()
      .where('council_id', '=', councilId)
      .where('child_id', '=', childId)
      .orderBy('start_date')
      .orderBy('id')
      .execute(),
  ])
  return { childId, referrals, discussions, enquiries, conferences, plans }
}

/** The child's current referral: the latest one still open. Strategy discussions are linked to it. */
export function currentReferral(record: ChildProtectionRecord): Referral | undefined {
  return record.referrals.filter((referral) => referral.closure_date === null).at(-1)
}

/** The latest strategy discussion that decided on a section 47 enquiry not yet recorded. */
export function discussionAwaitingEnquiry(record: ChildProtectionRecord): StrategyDiscussion | undefined {
  return record.discussions
    .filter(
      (discussion) =>
        discussion.decision === 'section47' &&
        !record.enquiries.some((enquiry) => enquiry.strategy_discussion_id === discussion.id),
    )
    .at(-1)
}

/** The latest section 47 enquiry without an outcome. */
export function enquiryAwaitingOutcome(record: ChildProtectionRecord): Section47Enquiry | undefined {
  return record.enquiries.filter((enquiry) => enquiry.outcome === null).at(-1)
}

/** The latest enquiry that may lead to an initial conference not yet held. */
export function enquiryAwaitingConference(record: ChildProtectionRecord): Section47Enquiry | undefined {
  return record.enquiries
    .filter(
      (enquiry) =>
        (enquiry.outcome === null || enquiry.outcome === 'initial_conference') &&
        !record.conferences.some(
          (conference) => conference.conference_type === 'initial' && conference.section47_enquiry_id === enquiry.id,
        ),
    )
    .at(-1)
}

export function openPlan(record: ChildProtectionRecord): CpPlan | undefined {
  return record.plans.find((plan) => plan.end_date === null)
}

export function reviewsOf(record: ChildProtectionRecord, planId: number): CpConference[] {
  return record.conferences.filter(
    (conference) => conference.conference_type === 'review' && conference.cp_plan_id === planId,
  )
}

export interface Sibling {
  id: number
  first_name: string
  last_name: string
  date_of_birth: string | null
}

/**
 * The child's brothers and sisters (members of any sibling group the child is in) that the user may
 * see. Siblings go through child protection together, so forms offer to record for them at once.
 */
export async function siblingsInScope(db: Kysely<Database>, user: SignedInUser, childId: number): Promise<Sibling[]> {
  return scopedChildren(db, user)
    .where('child.id', '!=', childId)
    .where('child.id', 'in', (eb) =>
      eb
        .selectFrom('sibling_group_member as member')
        .innerJoin('sibling_group_member as own', (join) =>
          join
            .onRef('own.council_id', '=', 'member.council_id')
            .onRef('own.sibling_group_id', '=', 'member.sibling_group_id'),
        )
        .select('member.child_id')
        .where('own.council_id', '=', user.councilId)
        .where('own.child_id', '=', childId),
    )
    .select(['child.id', 'child.first_name', 'child.last_name', 'child.date_of_birth'])
    .orderBy('child.date_of_birth')
    .orderBy('child.id')
    .execute()
}
