import type { Db } from '../../db/database.js'
import { leavingCareEligibility } from './eligibility.js'
import { careLeaverOutcomes, loadLeaverHistory } from './outcomes.js'
import { careLeaverDueItems, childCareLeaverRecords } from './queries.js'
import {
  accommodationRows,
  activityRows,
  contactRows,
  dueRows,
  dutyRows,
  eligibilityRows,
  goalRows,
  offerRows,
  outcomeRows,
  planAuthorisation,
  reviewRows,
  stayingRows,
  supportRows,
  ukDate,
} from './record-view.js'

/** Everything the care-leaver section of a child's record shows. */

export const SAVED_MESSAGES: Readonly<Record<string, string>> = {
  contact: 'Contact recorded',
  accommodation: 'Accommodation recorded',
  'accommodation-changed': 'Accommodation updated',
  activity: 'Education, employment or training recorded',
  'work-offer': 'Work opportunity recorded',
  'needs-assessment': 'Needs assessment recorded',
  plan: 'Pathway plan recorded',
  goal: 'Goal added to the pathway plan',
  'goal-changed': 'Goal updated',
  review: 'Pathway plan review recorded',
  staying: 'Staying Put or Staying Close arrangement recorded',
  'support-request': 'Request for support recorded',
  'support-response': 'Response to the request recorded',
  'responsible-authority': 'Responsible council recorded',
  'activity-changed': 'Education, employment or training updated',
  'work-offer-changed': 'Work opportunity updated',
  'staying-changed': 'Staying Put or Staying Close arrangement updated',
  'responsible-authority-ended': 'Record that another council is responsible ended',
  'plan-authorised': 'Pathway plan authorised',
}

export const careLeaverHref = (childId: number, ...parts: (string | number)[]) =>
  [`/children/${childId}/care-leaver`, ...parts].join('/')

/** What the user may do on the page: record and change (child:write), authorise (child:manage). */
export interface CareLeaverPermissions {
  canRecord: boolean
  canManage: boolean
}

export async function careLeaverPage(
  db: Db,
  councilId: number,
  childId: number,
  asAt: string,
  { canRecord, canManage }: CareLeaverPermissions,
) {
  const [history, records, due] = await Promise.all([
    loadLeaverHistory(db, councilId, childId),
    childCareLeaverRecords(db, councilId, childId),
    careLeaverDueItems(db, councilId, [childId], asAt),
  ])
  const eligibility = leavingCareEligibility({
    dateOfBirth: history?.dateOfBirth ?? null,
    dateOfDeath: history?.dateOfDeath ?? null,
    episodes: history?.episodes ?? [],
    asAt,
  })
  const outcomes = history === undefined ? [] : careLeaverOutcomes(history, asAt)
  const currentPlan = records.plans.find((plan) => plan.status === 'active' || plan.status === 'draft')
  const planGoals =
    currentPlan === undefined ? [] : records.goals.filter((goal) => goal.pathway_plan_id === currentPlan.id)
  const flaggedGoals = planGoals.filter(
    (goal) => goal.by_when === null || goal.measure === null || goal.measure.trim() === '',
  )
  const elsewhere = records.elsewhere.find((row) => row.end_date === null) ?? null
  const links = Object.fromEntries(
    [
      ['contact', 'contacts/new'],
      ['accommodation', 'accommodation/new'],
      ['activity', 'activity/new'],
      ['workOffer', 'work-offers/new'],
      ['needsAssessment', 'needs-assessments/new'],
      ['plan', 'pathway-plans/new'],
      ['goal', 'goals/new'],
      ['review', 'reviews/new'],
      ['staying', 'staying/new'],
      ['supportRequest', 'support-requests/new'],
      ['responsibleAuthority', 'responsible-authority/new'],
    ].map(([key, path]) => [key, careLeaverHref(childId, path as string)]),
  )
  return {
    eligibility,
    eligibilityRows: eligibilityRows(eligibility),
    dutyRows: dutyRows(eligibility),
    dueRows: dueRows(due, asAt),
    elsewhere:
      elsewhere === null
        ? null
        : {
            endHref: careLeaverHref(childId, 'responsible-authority', elsewhere.id, 'end'),
            rows: [
              {
                key: { text: 'Responsible council' },
                value: { text: `${elsewhere.responsible_la_name} (${elsewhere.responsible_la_code})` },
              },
              { key: { text: 'Living here since' }, value: { text: ukDate(elsewhere.start_date) } },
              {
                key: { text: 'Contact' },
                value: {
                  text: [elsewhere.contact_name, elsewhere.contact_email].filter(Boolean).join(', ') || 'Not recorded',
                },
              },
            ],
          },
    outcomeRows: outcomeRows(outcomes),
    contactRows: contactRows(records.contacts),
    accommodationRows: accommodationRows(records.accommodation, childId, canRecord),
    activityRows: activityRows(records.activities, childId, canRecord),
    offerRows: offerRows(records.offers, childId, canRecord),
    assessmentRows: records.assessments.map((row) => [
      { text: ukDate(row.start_date) },
      { text: row.completed_date === null ? 'Not completed' : ukDate(row.completed_date) },
      { text: row.summary ?? '' },
    ]),
    currentPlan:
      currentPlan === undefined
        ? null
        : {
            rows: [
              { key: { text: 'Date of the plan' }, value: { text: ukDate(currentPlan.plan_date) } },
              { key: { text: 'Summary' }, value: { text: currentPlan.summary ?? 'Not recorded' } },
              { key: { text: 'What they said' }, value: { text: currentPlan.young_person_view ?? 'Not recorded' } },
              { key: { text: 'Authorisation' }, value: { text: planAuthorisation(currentPlan) } },
            ],
            authoriseHref:
              canManage && currentPlan.authorised_date === null
                ? careLeaverHref(childId, 'pathway-plans', currentPlan.id, 'authorise')
                : null,
          },
    goalRows: goalRows(planGoals, childId, canRecord),
    flaggedGoalCount: flaggedGoals.length,
    reviewRows: reviewRows(records.reviews),
    stayingRows: stayingRows(records.staying, childId, canRecord),
    supportRows: supportRows(records.requests, childId, canRecord),
    over21: eligibility.age !== null && eligibility.age >= 21,
    links,
  }
}
