import { addCalendarMonths, type IsoDate } from './calendar.js'
import type { ChildFacts } from './child-facts.js'
import { compareDueItems, type ClockEvent, type DueFamily, type DueItem } from './due-item.js'
import type { RuleBook } from './rule-book.js'
import { currentObligation, isShortBreaks, openPeriodOfCare, reviewInPeriod, visitChains } from './visit-chains.js'

/**
 * The due-date engine in TypeScript: for one child's facts, every clock running on `asAt` and when
 * it falls due, with the rule and the event it counts from. It reads nothing but its arguments. Its
 * SQL twin (due-sql.ts) computes the same items for a whole council at once; a test runs both on the
 * same records. Intervals run from the last actual event.
 */
export function dueItemsForChild(facts: ChildFacts, rules: RuleBook, asAt: IsoDate): DueItem[] {
  const items: DueItem[] = []
  const add = (
    family: DueFamily,
    ruleId: string,
    fromEvent: ClockEvent,
    fromDate: IsoDate,
    subjectId: number | null,
    visitType: DueItem['visitType'] = null,
  ) => {
    const dueDate = rules.due(ruleId, fromDate)
    if (dueDate !== null)
      items.push({ childId: facts.childId, family, ruleId, dueDate, fromEvent, fromDate, subjectId, visitType })
  }
  const latest = (dates: IsoDate[]): IsoDate | null =>
    dates.length === 0 ? null : dates.reduce((a, b) => (b > a ? b : a))

  // Front door: a decision within 1 working day of the contact.
  for (const contact of facts.contacts) {
    if (!contact.decided)
      add('referral_decision', 'wt.referral.decision', 'contact_received', contact.receivedOn, contact.id)
  }
  // Assessment concluded (authorised) within 45 working days of the referral.
  for (const referral of facts.referrals) {
    if (referral.noFurtherAction || referral.closureDate !== null) continue
    const done = facts.assessments.some(
      (assessment) =>
        assessment.authorisationDate !== null &&
        (assessment.referralId === referral.id ||
          (assessment.referralId === null && assessment.startDate >= referral.referralDate)),
    )
    if (!done) add('assessment', 'wt.assessment.complete', 'referral_received', referral.referralDate, referral.id)
  }
  // Strategy discussion (local standard) after an assessment that decided one was needed.
  for (const assessment of facts.assessments) {
    if (assessment.outcome !== 'strategy_discussion' || assessment.authorisationDate === null) continue
    const held = facts.strategyDiscussions.some((discussion) => discussion.heldOn >= assessment.startDate)
    if (!held)
      add(
        'strategy_discussion',
        'local.strategy.discussion',
        'assessment_outcome_strategy_discussion',
        assessment.authorisationDate,
        assessment.id,
      )
  }
  // Initial conference within 15 working days of the strategy discussion that started the enquiry.
  for (const enquiry of facts.section47s) {
    if (enquiry.icpcNotRequired || (enquiry.outcome !== null && enquiry.outcome !== 'initial_conference')) continue
    const held = facts.conferences.some(
      (conference) =>
        conference.type === 'initial' &&
        (conference.section47Id === enquiry.id ||
          (conference.section47Id === null && conference.date >= enquiry.startDate)),
    )
    if (held) continue
    const discussion = facts.strategyDiscussions.find((candidate) => candidate.id === enquiry.strategyDiscussionId)
    if (discussion !== undefined)
      add('initial_conference', 'wt.icpc', 'strategy_discussion', discussion.heldOn, enquiry.id)
    else add('initial_conference', 'wt.icpc', 'section47_start', enquiry.startDate, enquiry.id)
  }
  // Child protection plans: review conferences at 3 months, then every 6.
  for (const plan of facts.cpPlans) {
    if (plan.endDate !== null) continue
    const reviews = facts.conferences
      .filter((conference) => conference.type === 'review')
      .filter(
        (conference) =>
          conference.cpPlanId === plan.id || (conference.cpPlanId === null && conference.date >= plan.startDate),
      )
      .map((conference) => conference.date)
    const lastReview = latest(reviews)
    if (lastReview !== null) {
      add('cp_review', 'wt.rcpc.subsequent', 'previous_rcpc', lastReview, plan.id)
      continue
    }
    const initial = latest(
      facts.conferences
        .filter((conference) => conference.cpPlanId === plan.id && conference.type !== 'review')
        .map((conference) => conference.date),
    )
    if (initial !== null) add('cp_review', 'wt.rcpc.first', 'icpc', initial, plan.id)
    else add('cp_review', 'wt.rcpc.first', 'cp_plan_start', plan.startDate, plan.id)
  }
  // Child in need plan reviews (local standard).
  for (const plan of facts.cinPlans) {
    if (plan.endDate !== null) continue
    const last = latest(
      facts.cinPlanReviews.filter((review) => review.cinPlanId === plan.id).map((review) => review.reviewDate),
    )
    if (last !== null) add('cin_review', 'local.cin.review', 'previous_cin_review', last, plan.id)
    else add('cin_review', 'local.cin.review', 'cin_plan_start', plan.startDate, plan.id)
  }
  // Visits: child protection, child in need and regulation 28.
  for (const chain of visitChains(facts, { openOnly: true })) {
    const due = currentObligation(chain, rules)
    if (due !== null) {
      items.push({
        childId: facts.childId,
        family: chain.family,
        ruleId: due.ruleId,
        dueDate: due.dueDate,
        fromEvent: due.fromEvent,
        fromDate: due.fromDate,
        subjectId: chain.subjectId,
        visitType: chain.visitType,
      })
    }
  }
  // Looked after: reviews, health assessments and personal education plans.
  const period = openPeriodOfCare(facts)
  if (period !== undefined && !isShortBreaks(facts, period)) {
    const reviews = facts.lookedAfterReviews
      .filter((review) => reviewInPeriod(review, period))
      .map((review) => review.reviewDate)
    const lastReview = latest(reviews)
    if (lastReview === null)
      add('looked_after_review', 'cpr.review.first', 'became_looked_after', period.startDate, period.id)
    else if (reviews.length === 1)
      add('looked_after_review', 'cpr.review.second', 'first_review', lastReview, period.id)
    else add('looked_after_review', 'cpr.review.subsequent', 'previous_review', lastReview, period.id)

    // An assessment in the 3 months before the child became looked after counts as the initial one.
    const sinceEntry = addCalendarMonths(period.startDate, -3)
    const lastHealth = latest(facts.healthAssessments.filter((date) => date >= sinceEntry))
    if (lastHealth === null) {
      add('health_assessment', 'cpr.health.initial', 'became_looked_after', period.startDate, period.id)
    } else {
      // Six-monthly before the fifth birthday, yearly from it: the switch is judged on the six-month due date.
      const fifthBirthday = facts.dateOfBirth === null ? null : addCalendarMonths(facts.dateOfBirth, 60)
      const underFive = rules.due('cpr.health.review.under5', lastHealth)
      const rule =
        fifthBirthday !== null && underFive !== null && underFive < fifthBirthday
          ? 'cpr.health.review.under5'
          : 'cpr.health.review.5plus'
      add('health_assessment', rule, 'previous_health_assessment', lastHealth, period.id)
    }

    const dob = facts.dateOfBirth
    if (dob !== null && addCalendarMonths(dob, 36) <= asAt && addCalendarMonths(dob, 216) > asAt) {
      const lastPep = latest(facts.personalEducationPlans.filter((date) => date >= period.startDate))
      if (lastPep === null)
        add('personal_education_plan', 'guidance.pep.initiate', 'became_looked_after', period.startDate, period.id)
      else add('personal_education_plan', 'guidance.pep.review', 'previous_pep', lastPep, period.id)
    }
  }
  // Care leavers: pathway plan reviews and personal adviser contact.
  for (const plan of facts.pathwayPlans) {
    if (plan.status !== 'active' || plan.endDate !== null) continue
    const last = latest(
      facts.pathwayReviews.filter((review) => review.pathwayPlanId === plan.id).map((review) => review.reviewDate),
    )
    if (last !== null) add('pathway_review', 'cl.pathway.review', 'previous_pathway_review', last, plan.id)
    else add('pathway_review', 'cl.pathway.review', 'pathway_plan', plan.planDate, plan.id)
  }
  const dob = facts.dateOfBirth
  if (
    facts.personalAdviserSince !== null &&
    period === undefined &&
    (dob === null || addCalendarMonths(dob, 300) > asAt)
  ) {
    const lastContact = latest([
      ...facts.keepingInTouch.filter((contact) => contact.outcome === 'yes').map((contact) => contact.date),
      ...facts.visits.filter((visit) => visit.type === 'care_leaver' && visit.childSeen).map((visit) => visit.date),
    ])
    const under18 = dob !== null && addCalendarMonths(dob, 216) > asAt
    const family = 'personal_adviser_contact'
    if (under18) {
      const moved = latest(facts.accommodationStarts)
      if (moved !== null && (lastContact === null || moved > lastContact)) {
        add(family, 'cl.pa.visit.relevant', 'moved_into_accommodation', moved, null, 'care_leaver')
      } else if (lastContact !== null) {
        add(family, 'cl.pa.visit.relevant.subsequent', 'previous_contact', lastContact, null, 'care_leaver')
      } else {
        add(
          family,
          'cl.pa.visit.relevant.subsequent',
          'personal_adviser_allocated',
          facts.personalAdviserSince,
          null,
          'care_leaver',
        )
      }
    } else if (lastContact !== null) {
      add(family, 'local.pa.contact', 'previous_contact', lastContact, null, 'care_leaver')
    } else {
      add(family, 'local.pa.contact', 'personal_adviser_allocated', facts.personalAdviserSince, null, 'care_leaver')
    }
  }
  return items.sort(compareDueItems)
}
