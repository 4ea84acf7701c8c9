import type { CinRow, CinTable } from '../../cin/tables.js'
import { absent } from './context.js'
import { before, cinCodeRule, cinRowRule, outsideYear, overlapping, type CinRule } from './helpers.js'
import type { CinContext } from './context.js'

/** CIN plans, child protection plans and their reviews. */

const referralOf = (context: CinContext, row: CinRow) => context.episodeOf(row)?.['CINreferralDate']
const deathOf = (context: CinContext, row: CinRow) => context.identifiers(row['LAchildID'] ?? '')?.['PersonDeathDate']
const DIED = { ChildIdentifiers: [{ PersonDeathDate: '2025-09-01' }] }

function perChildOverlapRule(
  code: string,
  table: CinTable,
  startField: string,
  endField: string,
  second: Record<string, string>,
  overlap: Record<string, string>,
): CinRule {
  return {
    code,
    check: (context, report) => {
      for (const positions of context.index(table).values()) {
        const periods = positions.map((position) => {
          const row = context.rows(table)[position] ?? {}
          return { position, start: context.day(row[startField]), end: context.day(row[endField]) }
        })
        for (const p of overlapping(periods)) report(table, p)
      }
    },
    examples: {
      pass: { [table]: [{ [endField]: '2025-09-01' }, second] },
      fail: { [table]: [{ [endField]: '2025-09-01' }, overlap] },
    },
  }
}

function moreThanOneOpenRule(code: string, table: CinTable, endField: string, second: Record<string, string>): CinRule {
  return {
    code,
    check: (context, report) => {
      for (const positions of context.index(table).values()) {
        const open = positions.filter((p) => absent(context.rows(table)[p]?.[endField]))
        if (open.length > 1) for (const p of open) report(table, p)
      }
    },
    examples: { pass: { [table]: [{ [endField]: '2025-09-01' }, second] }, fail: { [table]: [{}, second] } },
  }
}

export const CIN_PLAN_RULES: CinRule[] = [
  moreThanOneOpenRule('4004', 'CINplanDates', 'CINPlanEndDate', { CINPlanStartDate: '2025-10-01' }),
  cinRowRule(
    '4010',
    'CINplanDates',
    (row, context) => {
      const start = context.day(row['CINPlanStartDate'])
      return start === null || start > context.year.end
    },
    { pass: { CINplanDates: [{}] }, fail: { CINplanDates: [{ CINPlanStartDate: '' }] } },
  ),
  cinRowRule(
    '4011',
    'CINplanDates',
    (row, context) => before(context, row['CINPlanEndDate'], row['CINPlanStartDate']),
    {
      pass: { CINplanDates: [{ CINPlanEndDate: '2025-09-01' }] },
      fail: { CINplanDates: [{ CINPlanEndDate: '2025-06-01' }] },
    },
  ),
  cinRowRule(
    '4012Q',
    'CINplanDates',
    (row) => !absent(row['CINPlanEndDate']) && row['CINPlanEndDate'] === row['CINPlanStartDate'],
    {
      pass: { CINplanDates: [{ CINPlanEndDate: '2025-09-01' }] },
      fail: { CINplanDates: [{ CINPlanEndDate: '2025-06-10' }] },
    },
  ),
  cinRowRule('4013', 'CINplanDates', (row, context) => outsideYear(context, row['CINPlanEndDate']), {
    pass: { CINplanDates: [{ CINPlanEndDate: '2025-09-01' }] },
    fail: { CINplanDates: [{ CINPlanEndDate: '2026-04-02' }] },
  }),
  perChildOverlapRule(
    '4014',
    'CINplanDates',
    'CINPlanStartDate',
    'CINPlanEndDate',
    { CINPlanStartDate: '2025-10-01' },
    { CINPlanStartDate: '2025-08-01' },
  ),
  cinRowRule(
    '4015',
    'CINplanDates',
    (row, context) => before(context, row['CINPlanStartDate'], referralOf(context, row)),
    {
      pass: { CINdetails: [{}], CINplanDates: [{}] },
      fail: { CINdetails: [{}], CINplanDates: [{ CINPlanStartDate: '2025-04-30' }] },
    },
  ),
  cinRowRule(
    '4008',
    'CINplanDates',
    (row, context) => before(context, deathOf(context, row), row['CINPlanStartDate']),
    {
      pass: { ...DIED, CINplanDates: [{ CINPlanEndDate: '2025-09-01' }] },
      fail: { ...DIED, CINplanDates: [{ CINPlanStartDate: '2025-09-02' }] },
    },
  ),
  cinRowRule('4009Q', 'CINplanDates', (row, context) => before(context, deathOf(context, row), row['CINPlanEndDate']), {
    pass: { ...DIED, CINplanDates: [{ CINPlanEndDate: '2025-09-01' }] },
    fail: { ...DIED, CINplanDates: [{ CINPlanEndDate: '2025-09-02' }] },
  }),
  {
    code: '4001',
    check: (context, report) => {
      context.rows('CINplanDates').forEach((row, index) => {
        const start = context.day(row['CINPlanStartDate'])
        const end = context.day(row['CINPlanEndDate'])
        if (start === null) return
        const concurrent = context.ofChild('ChildProtectionPlans', row['LAchildID'] ?? '').some((plan) => {
          const from = context.day(plan['CPPstartDate'])
          const to = context.day(plan['CPPendDate'])
          return from !== null && (end === null || from < end) && (to === null || start < to)
        })
        if (concurrent) report('CINplanDates', index)
      })
    },
    examples: {
      pass: {
        CINplanDates: [{ CINPlanStartDate: '2025-09-01' }],
        ChildProtectionPlans: [{ CPPendDate: '2025-09-01' }],
      },
      fail: {
        CINplanDates: [{ CINPlanStartDate: '2025-08-01' }],
        ChildProtectionPlans: [{ CPPendDate: '2025-09-01' }],
      },
    },
  },
]

export const PROTECTION_PLAN_RULES: CinRule[] = [
  cinRowRule(
    '1105',
    'ChildProtectionPlans',
    (row, context) => before(context, row['CPPstartDate'], referralOf(context, row)),
    {
      pass: { CINdetails: [{}], ChildProtectionPlans: [{}] },
      fail: { CINdetails: [{ CINreferralDate: '2025-05-21' }], ChildProtectionPlans: [{}] },
    },
  ),
  cinRowRule(
    '8720',
    'ChildProtectionPlans',
    (row, context) => {
      const start = context.day(row['CPPstartDate'])
      return start === null || start > context.year.end
    },
    { pass: { ChildProtectionPlans: [{}] }, fail: { ChildProtectionPlans: [{ CPPstartDate: '' }] } },
  ),
  cinRowRule('8730', 'ChildProtectionPlans', (row) => !/^\d+$/.test(row['NumberOfPreviousCPP'] ?? ''), {
    pass: { ChildProtectionPlans: [{ NumberOfPreviousCPP: '2' }] },
    fail: { ChildProtectionPlans: [{ NumberOfPreviousCPP: '' }] },
  }),
  cinRowRule(
    '8840',
    'ChildProtectionPlans',
    (row) => !absent(row['CPPendDate']) && row['CPPendDate'] === row['CPPstartDate'],
    {
      pass: { ChildProtectionPlans: [{ CPPendDate: '2025-09-01' }] },
      fail: { ChildProtectionPlans: [{ CPPendDate: '2025-05-20' }] },
    },
  ),
  cinCodeRule('8905', 'ChildProtectionPlans', 'InitialCategoryOfAbuse', 'CategoryOfAbuse', 'PHY', { required: true }),
  cinCodeRule('8910', 'ChildProtectionPlans', 'LatestCategoryOfAbuse', 'CategoryOfAbuse', 'EMO', { required: true }),
  cinRowRule(
    '8915',
    'ChildProtectionPlans',
    (row, context) => before(context, deathOf(context, row), row['CPPstartDate']),
    {
      pass: { ...DIED, ChildProtectionPlans: [{ CPPendDate: '2025-09-01' }] },
      fail: { ...DIED, ChildProtectionPlans: [{ CPPstartDate: '2025-09-02' }] },
    },
  ),
  cinRowRule(
    '8920',
    'ChildProtectionPlans',
    (row, context) => before(context, deathOf(context, row), row['CPPendDate']),
    {
      pass: { ...DIED, ChildProtectionPlans: [{ CPPendDate: '2025-09-01' }] },
      fail: { ...DIED, ChildProtectionPlans: [{ CPPendDate: '2025-09-02' }] },
    },
  ),
  cinRowRule(
    '8925',
    'ChildProtectionPlans',
    (row, context) => before(context, row['CPPendDate'], row['CPPstartDate']),
    {
      pass: { ChildProtectionPlans: [{ CPPendDate: '2025-09-01' }] },
      fail: { ChildProtectionPlans: [{ CPPendDate: '2025-05-19' }] },
    },
  ),
  cinRowRule('8930', 'ChildProtectionPlans', (row, context) => outsideYear(context, row['CPPendDate']), {
    pass: { ChildProtectionPlans: [{ CPPendDate: '2025-09-01' }] },
    fail: { ChildProtectionPlans: [{ CPPendDate: '2026-04-01' }] },
  }),
  moreThanOneOpenRule('8935', 'ChildProtectionPlans', 'CPPendDate', { CPPID: '2', CPPstartDate: '2025-10-01' }),
  perChildOverlapRule(
    '8940',
    'ChildProtectionPlans',
    'CPPstartDate',
    'CPPendDate',
    { CPPID: '2', CPPstartDate: '2025-10-01' },
    { CPPID: '2', CPPstartDate: '2025-08-01' },
  ),
  cinRowRule(
    '2885',
    'ChildProtectionPlans',
    (row, context) => {
      const conferences = [
        ...context.ofEpisode('Section47', row).map((s) => s['DateOfInitialCPC']),
        context.episodeOf(row)?.['DateOfInitialCPC'],
      ].filter((date): date is string => !absent(date))
      return conferences.length > 0 && !conferences.includes(row['CPPstartDate'] ?? '')
    },
    {
      pass: { Section47: [{}], ChildProtectionPlans: [{}] },
      fail: { Section47: [{}], ChildProtectionPlans: [{ CPPstartDate: '2025-05-21' }] },
    },
  ),
  cinRowRule(
    '8841',
    'Reviews',
    (row, context) => {
      const plan = context.ofEpisode('ChildProtectionPlans', row).find((p) => p['CPPID'] === row['CPPID'])
      const review = context.day(row['CPPreviewDate'])
      const start = context.day(plan?.['CPPstartDate'])
      return review !== null && start !== null && review <= start
    },
    {
      pass: { ChildProtectionPlans: [{}], Reviews: [{}] },
      fail: { ChildProtectionPlans: [{}], Reviews: [{ CPPreviewDate: '2025-05-20' }] },
    },
  ),
  cinRowRule('8842Q', 'Reviews', (row) => absent(row['CPPreviewDate']), {
    pass: { Reviews: [{}] },
    fail: { Reviews: [{ CPPreviewDate: '' }] },
  }),
]
