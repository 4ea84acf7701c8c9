import { describe, expect, it } from 'vitest'
import type { DueItem } from '../src/areas/compliance/due-item.js'
import {
  countTray,
  filterTray,
  responsibleAllocation,
  trayStatus,
  type TrayItem,
} from '../src/areas/compliance/tray.js'
import { normaliseCode, formatCode, generateCode, CODE_ALPHABET } from '../src/areas/compliance/confirmation-service.js'
import { RateLimiter } from '../src/areas/compliance/rate-limiter.js'
import { reportPeriod } from '../src/areas/compliance/timeliness-routes.js'
import {
  childDueRows,
  describeLimit,
  escapeHtml,
  reasonLabel,
  statusTag,
  whyDue,
} from '../src/areas/compliance/view-rows.js'
import { nationalRuleBook } from './compliance-scenarios.js'

const rules = nationalRuleBook()
const item = (overrides: Partial<DueItem> = {}): DueItem => ({
  childId: 7,
  family: 'looked_after_visit',
  ruleId: 'cpr.visit.year1',
  dueDate: '2026-03-15',
  fromEvent: 'last_visit',
  fromDate: '2026-02-01',
  subjectId: 3,
  visitType: 'looked_after',
  ...overrides,
})

describe('words for limits, statuses and reasons', () => {
  it('describes a limit in plain English', () => {
    expect(describeLimit({ timeLimit: 1, unit: 'working_days' })).toBe('1 working day')
    expect(describeLimit({ timeLimit: 6, unit: 'calendar_weeks' })).toBe('6 weeks')
    expect(describeLimit({ timeLimit: 3, unit: 'calendar_months' })).toBe('3 months')
    expect(describeLimit(null)).toBe('no fixed limit')
  })

  it('says what a status means in words, not only colour', () => {
    expect(statusTag('overdue', 1)).toContain('Overdue by 1 day<')
    expect(statusTag('overdue', 3)).toContain('Overdue by 3 days')
    expect(statusTag('this_week', 0)).toContain('Due this week')
    expect(statusTag('later', 0)).toContain('Due later')
  })

  it('explains why an item is due: limit, event, date and rule', () => {
    expect(whyDue(item(), rules)).toBe(
      '6 weeks from the last visit when the child was seen on 1 February 2026. Visits during first year of any placement.',
    )
  })

  it('labels missed-visit reasons, with the text for "other"', () => {
    expect(reasonLabel('child_refused', null)).toBe('Child refused to be seen')
    expect(reasonLabel('other', 'Court hearing')).toBe('Other reason: Court hearing')
  })

  it('escapes text put into HTML cells', () => {
    expect(escapeHtml('<b>"O\'Neil" & co</b>')).toBe('&#60;b&#62;&#34;O&#39;Neil&#34; &#38; co&#60;/b&#62;')
  })
})

describe('rows for the child’s page', () => {
  it('offers "Record why" on an overdue visit without a reason, and shows the reason once recorded', () => {
    const reasons = new Map()
    const [row] = childDueRows([item()], rules, '2026-03-20', { childId: 7, canRecordReason: true, reasons })
    expect(row?.[2]).toEqual({ html: expect.stringContaining('Overdue by 5 days') })
    expect(JSON.stringify(row?.[4])).toContain('/children/7/visits/missed/new?visitType=looked_after')
    reasons.set('looked_after|2026-03-15', { reason: 'missing', reasonText: null, rearrangedFor: '2026-03-23' })
    const [explained] = childDueRows([item()], rules, '2026-03-20', { childId: 7, canRecordReason: true, reasons })
    expect(JSON.stringify(explained?.[4])).toContain('Child was missing. Now planned for 23 March 2026')
  })
})

describe('work trays', () => {
  const tray = (overrides: Partial<TrayItem>): TrayItem => ({
    ...item(),
    childName: 'A Child',
    laChildId: 'A1',
    workerId: 1,
    workerName: 'Worker',
    teamId: 1,
    teamName: 'Team',
    status: 'later',
    daysOverdue: 0,
    missedReason: null,
    ...overrides,
  })

  it('sorts items into overdue, due this week (the next 7 days) and later', () => {
    expect(trayStatus('2026-03-01', '2026-03-02')).toBe('overdue')
    expect(trayStatus('2026-03-02', '2026-03-02')).toBe('this_week')
    expect(trayStatus('2026-03-08', '2026-03-02')).toBe('this_week')
    expect(trayStatus('2026-03-09', '2026-03-02')).toBe('later')
  })

  it('filters, sorts and counts', () => {
    const items = [
      tray({ childId: 1, childName: 'Zed', status: 'overdue', dueDate: '2026-01-01' }),
      tray({ childId: 2, childName: 'Amy', status: 'overdue', dueDate: '2026-02-01', family: 'health_assessment' }),
      tray({ childId: 2, childName: 'Amy', status: 'later', dueDate: '2026-05-01', workerId: 2 }),
    ]
    expect(filterTray(items, { status: 'overdue' }).map((row) => row.childName)).toEqual(['Zed', 'Amy'])
    expect(filterTray(items, { status: 'overdue', sort: 'child' }).map((row) => row.childName)).toEqual(['Amy', 'Zed'])
    expect(filterTray(items, { family: 'health_assessment' })).toHaveLength(1)
    expect(filterTray(items, { workerId: 2 })).toHaveLength(1)
    expect(countTray(items)).toEqual({ overdue: 2, thisWeek: 0, later: 1, total: 3, childrenOverdue: 2 })
  })

  it('gives care-leaver work to the personal adviser and the rest to the social worker', () => {
    const allocations = [
      { childId: 7, role: 'social_worker' as const, userId: 1, userName: 'SW', teamId: 1, teamName: 'T1' },
      { childId: 7, role: 'personal_adviser' as const, userId: 2, userName: 'PA', teamId: 2, teamName: 'T2' },
    ]
    expect(responsibleAllocation(item(), allocations)?.userId).toBe(1)
    expect(responsibleAllocation(item({ family: 'pathway_review' }), allocations)?.userId).toBe(2)
  })
})

describe('young people’s codes and the address limit', () => {
  it('makes 12-character codes from an alphabet without I, L, O or U, and reads them forgivingly', () => {
    const code = generateCode()
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/)
    expect(formatCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN')
    expect(normaliseCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN')
    expect(normaliseCode('O1L0-IIII-0000')).toBe('011011110000')
    expect([...CODE_ALPHABET]).toHaveLength(32)
  })

  it('allows a number of attempts per window, then refuses until the window has passed', () => {
    let now = 0
    const limiter = new RateLimiter(2, 1000, () => now)
    expect([limiter.attempt('a'), limiter.attempt('a'), limiter.attempt('a'), limiter.attempt('b')]).toEqual([
      true,
      true,
      false,
      true,
    ])
    now = 1000
    expect(limiter.attempt('a')).toBe(true)
  })
})

describe('the timeliness period', () => {
  it('defaults to last calendar month, and refuses an end before the start', () => {
    expect(reportPeriod({}, '2026-03-15')).toMatchObject({ from: '2026-02-01', to: '2026-02-28' })
    const bad = reportPeriod(
      { 'from-day': '10', 'from-month': '3', 'from-year': '2026', 'to-day': '1', 'to-month': '3', 'to-year': '2026' },
      '2026-03-15',
    )
    expect(bad.errors.errorList.map((error) => error.text)).toEqual([
      'The end of the period must be the same as or after the start',
    ])
  })
})
