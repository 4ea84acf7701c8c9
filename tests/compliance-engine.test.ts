import { describe, expect, it } from 'vitest'
import { dueItemsForChild } from '../src/areas/compliance/due-engine.js'
import { EVENT_LABELS, FAMILY_LABELS } from '../src/areas/compliance/due-item.js'
import { chainObligations, visitChains } from '../src/areas/compliance/visit-chains.js'
import { readTimescaleRules } from '../src/areas/compliance/timescale-rules.js'
import { AS_AT, Child, LOCAL_STANDARDS, nationalRuleBook, WORKED_EXAMPLES } from './compliance-scenarios.js'

const national = nationalRuleBook()
const local = nationalRuleBook(LOCAL_STANDARDS)

describe('every timescale, worked examples (TypeScript engine)', () => {
  it.each(WORKED_EXAMPLES.map((example) => [example.name, example] as const))('%s', (_name, example) => {
    const items = dueItemsForChild(example.child.facts, example.council === 'local' ? local : national, AS_AT)
    for (const expected of example.due) {
      expect(items, `${expected.family} ${expected.ruleId}`).toContainEqual(expect.objectContaining(expected))
    }
    for (const family of example.none ?? []) {
      expect(items.filter((item) => item.family === family)).toEqual([])
    }
    // Each family has at most one item per subject: a clock is either running or not.
    const keys = items.map((item) => `${item.family}:${item.subjectId}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('says why each item is due: a loaded rule and a described event', () => {
    const ruleIds = new Set(readTimescaleRules().map((rule) => rule.id))
    for (const example of WORKED_EXAMPLES) {
      for (const item of dueItemsForChild(example.child.facts, national, AS_AT)) {
        expect(ruleIds.has(item.ruleId), item.ruleId).toBe(true)
        expect(EVENT_LABELS[item.fromEvent]).toBeTruthy()
        expect(FAMILY_LABELS[item.family]).toBeTruthy()
        expect(item.dueDate > item.fromDate).toBe(true)
      }
    }
  })

  it('stops a clock when its event happens: a decided contact, an authorised assessment, a closed plan', () => {
    const child = new Child(1)
    child.contact('2026-02-27', true)
    const referral = child.referral('2026-01-05')
    child.assessment('2026-01-06', { referralId: referral, authorised: '2026-02-20' })
    child.cpPlan('2025-06-01', '2026-01-31')
    child.cinPlan('2025-06-01', '2026-01-31')
    expect(dueItemsForChild(child.facts, national, AS_AT)).toEqual([])
  })

  it('does not count a visit where the child was not seen', () => {
    const child = new Child(1)
    child.lookedAfter('2026-01-05')
    child.visit('2026-01-08', 'looked_after')
    child.visit('2026-02-16', 'looked_after', false)
    const visit = dueItemsForChild(child.facts, national, AS_AT).find((item) => item.family === 'looked_after_visit')
    expect(visit).toMatchObject({ ruleId: 'cpr.visit.year1', fromDate: '2026-01-08', dueDate: '2026-02-19' })
  })
})

describe('visit obligations (what timeliness replays)', () => {
  it('runs each interval from the last actual visit, so an early visit moves the next one forward', () => {
    const example = WORKED_EXAMPLES.find((candidate) => candidate.child.facts.childId === 1010)
    const [chain] = visitChains(example?.child.facts ?? new Child(0).facts, { openOnly: false })
    expect(chain).toBeDefined()
    const obligations = [...chainObligations(chain!, national)].map((obligation) => ({
      rule: obligation.ruleId,
      from: obligation.fromDate,
      due: obligation.dueDate,
      met: obligation.metOn,
    }))
    expect(obligations).toEqual([
      { rule: 'cpr.visit.first', from: '2025-12-01', due: '2025-12-08', met: '2025-12-04' },
      { rule: 'cpr.visit.year1', from: '2025-12-04', due: '2026-01-15', met: '2026-01-05' },
      { rule: 'cpr.visit.year1', from: '2026-01-05', due: '2026-02-16', met: null },
    ])
  })

  it('closes a placement’s chain at the move: obligations after it belong to the new placement', () => {
    const example = WORKED_EXAMPLES.find((candidate) => candidate.child.facts.childId === 1009)
    const chains = visitChains(example?.child.facts ?? new Child(0).facts, { openOnly: false })
    expect(chains.map((chain) => [chain.start, chain.end])).toEqual([
      ['2025-06-02', '2026-02-16'],
      ['2026-02-16', null],
    ])
    const first = [...chainObligations(chains[0]!, national)]
    // 18 December + 6 weeks was 29 January: the 10 February visit was late. The visit after it would
    // have been due on 24 March, after the move, so the first placement owes nothing more.
    expect(first.at(-1)).toMatchObject({ fromDate: '2025-12-18', dueDate: '2026-01-29', metOn: '2026-02-10' })
    expect(first.every((obligation) => obligation.dueDate <= '2026-02-16')).toBe(true)
  })
})
