import { describe, expect, it } from 'vitest'
import type { ChildProtectionRecord, CpConference, CpPlan, Section47Enquiry, StrategyDiscussion } from './records.js'
import { historyRows, nextSteps, planCards, secondOrSubsequentText } from './timeline.js'

const editable = { version: 1, created_at: new Date(), created_by: null, updated_at: new Date() }

const discussion = (id: number, heldOn: string): StrategyDiscussion => ({
  ...editable,
  council_id: 1,
  id,
  child_id: 7,
  referral_id: 1,
  held_on: heldOn,
  concern: null,
  agencies: ['police', 'health'],
  decision: 'section47',
  chaired_by: null,
})

const enquiry = (id: number, discussionId: number, start: string, target: string): Section47Enquiry => ({
  ...editable,
  council_id: 1,
  id,
  child_id: 7,
  referral_id: 1,
  strategy_discussion_id: discussionId,
  start_date: start,
  end_date: null,
  outcome: null,
  icpc_target_date: target,
  icpc_not_required: false,
  team_id: null,
  worker_id: null,
})

const plan = (id: number, start: string, end: string | null): CpPlan => ({
  ...editable,
  council_id: 1,
  id,
  child_id: 7,
  referral_id: 1,
  start_date: start,
  end_date: end,
  initial_category: 'NEG',
  latest_category: 'NEG',
  previous_plans_elsewhere: 0,
  end_reason: end === null ? null : 'no_longer_at_risk',
  team_id: null,
  worker_id: null,
})

const conference = (id: number, type: 'initial' | 'review', date: string, planId: number | null): CpConference => ({
  ...editable,
  council_id: 1,
  id,
  child_id: 7,
  referral_id: 1,
  section47_enquiry_id: type === 'initial' ? 1 : null,
  cp_plan_id: planId,
  conference_type: type,
  conference_date: date,
  decision: type === 'initial' ? 'plan_made' : 'plan_continues',
  category: 'NEG',
  chair_id: null,
  quorate: null,
  child_participation: null,
})

const empty: ChildProtectionRecord = {
  childId: 7,
  referrals: [{ id: 1, referral_date: '2026-02-20', closure_date: null }],
  discussions: [],
  enquiries: [],
  conferences: [],
  plans: [],
}

describe('what happens next', () => {
  it('asks for the enquiry after a strategy discussion decides on one', () => {
    const steps = nextSteps({ ...empty, discussions: [discussion(1, '2026-03-02')] }, '2026-03-03')
    expect(steps.map((step) => step.linkText)).toEqual(['Record the section 47 enquiry'])
    expect(steps[0]?.href).toBe('/children/7/child-protection/section-47-enquiries/new')
  })

  it('shows the conference as due, then overdue after its target date', () => {
    const record = {
      ...empty,
      discussions: [discussion(1, '2026-03-02')],
      enquiries: [enquiry(1, 1, '2026-03-02', '2026-03-23')],
    }
    const due = nextSteps(record, '2026-03-23').find((step) => step.linkText === 'Record the initial conference')
    expect(due?.status).toEqual({ text: 'Due', colour: 'yellow' })
    expect(due?.text).toContain('23 March 2026')
    const overdue = nextSteps(record, '2026-03-24').find((step) => step.linkText === 'Record the initial conference')
    expect(overdue?.status?.text).toBe('Overdue')
  })

  it('gives the next review conference of the current plan: 3 months, then 6 months after the last review', () => {
    const current = plan(1, '2026-03-20', null)
    const record = { ...empty, plans: [current], conferences: [conference(1, 'initial', '2026-03-20', 1)] }
    expect(nextSteps(record, '2026-04-01').at(-1)?.text).toBe('Review conference due by 20 June 2026.')
    const reviewed = { ...record, conferences: [...record.conferences, conference(2, 'review', '2026-06-15', 1)] }
    expect(nextSteps(reviewed, '2026-07-01').at(-1)?.text).toBe('Review conference due by 15 December 2026.')
  })
})

describe('second or subsequent plans', () => {
  it('says so, with when the previous plan ended and whether within 2 years', () => {
    const record = { ...empty, plans: [plan(1, '2024-01-10', '2025-02-01'), plan(2, '2026-03-20', null)] }
    expect(secondOrSubsequentText(record, record.plans[1] as CpPlan)).toBe(
      'Second or subsequent plan (previous plan ended 1 February 2025, within 2 years)',
    )
    expect(secondOrSubsequentText(record, record.plans[0] as CpPlan)).toBe('No: the child’s first plan')
    const cards = planCards(record, '2026-04-01', true)
    expect(cards[0]?.title).toBe('Current child protection plan')
    expect(cards[0]?.endHref).toBe('/children/7/child-protection/plans/2/end')
    expect(cards[0]?.rows.find((row) => row.key.text.includes('NumberOfPreviousCPP'))?.value.text).toBe('1')
    expect(planCards(record, '2026-04-01', false)[0]?.endHref).toBeNull()
  })
})

describe('history', () => {
  it('lists records most recent first, the process order breaking ties on the same day', () => {
    const record = {
      ...empty,
      discussions: [discussion(1, '2026-03-02')],
      enquiries: [enquiry(1, 1, '2026-03-02', '2026-03-23')],
      conferences: [conference(1, 'initial', '2026-03-20', 1)],
      plans: [plan(1, '2026-03-20', null)],
    }
    const rows = historyRows(record, '2026-04-01')
    expect(rows.map((row) => row.record)).toEqual([
      'Initial child protection conference',
      'Section 47 enquiry started',
      'Strategy discussion',
    ])
    expect(rows[1]?.status.text).toBe('Conference held')
    expect(rows[2]?.details).toContain('Agencies: Police, Health')
  })
})
