import type { CinRow } from '../../cin/tables.js'
import { absent, isTrue, type CinContext } from './context.js'
import { before, cinCodeRule, cinRowRule, outsideYear, overlapping, type CinRule } from './helpers.js'

/** CIN episodes (CINdetails): referral, closure, need, and what may happen on a referral with no further action. */

const activityOf = (context: CinContext, row: CinRow) => ({
  assessments: context.ofEpisode('Assessments', row),
  plans: context.ofEpisode('CINplanDates', row),
  enquiries: context.ofEpisode('Section47', row),
  protection: context.ofEpisode('ChildProtectionPlans', row),
})

const NO_ACTIVITY = { Assessments: [], Section47: [], CINplanDates: [], ChildProtectionPlans: [] }
const NFA = { CINdetails: [{ ReferralNFA: 'true', PrimaryNeedCode: '' }] }

export const REFERRAL_RULES: CinRule[] = [
  cinRowRule('8568', 'CINdetails', (row) => !['true', 'false', '1', '0'].includes(row['ReferralNFA'] ?? ''), {
    pass: { CINdetails: [{ ReferralNFA: 'false' }] },
    fail: { CINdetails: [{ ReferralNFA: '' }] },
  }),
  cinRowRule(
    '8600',
    'CINdetails',
    (row, context) => {
      const referred = context.day(row['CINreferralDate'])
      return referred === null || referred > context.year.end
    },
    { pass: { CINdetails: [{}] }, fail: { CINdetails: [{ CINreferralDate: '2026-04-01' }] } },
  ),
  cinRowRule(
    '8606',
    'CINdetails',
    (row, context) => {
      const referred = context.day(row['CINreferralDate'])
      const child = context.identifiers(row['LAchildID'] ?? '')
      const born = context.day(child?.['PersonBirthDate']) ?? context.day(child?.['ExpectedPersonBirthDate'])
      return referred !== null && born !== null && referred < born - 280
    },
    {
      pass: { ChildIdentifiers: [{ PersonBirthDate: '2025-12-01' }], CINdetails: [{}] },
      fail: { ChildIdentifiers: [{ PersonBirthDate: '2026-03-01' }], CINdetails: [{}] },
    },
  ),
  cinRowRule('8610', 'CINdetails', (row) => !isTrue(row['ReferralNFA']) && absent(row['PrimaryNeedCode']), {
    pass: { CINdetails: [{}] },
    fail: { CINdetails: [{ PrimaryNeedCode: '' }] },
  }),
  cinRowRule('8620', 'CINdetails', (row, context) => outsideYear(context, row['CINclosureDate']), {
    pass: { CINdetails: [{ CINclosureDate: '2026-01-01', ReasonForClosure: 'RC7' }] },
    fail: { CINdetails: [{ CINclosureDate: '2026-04-01', ReasonForClosure: 'RC7' }] },
  }),
  cinRowRule('8630', 'CINdetails', (row, context) => before(context, row['CINclosureDate'], row['CINreferralDate']), {
    pass: { CINdetails: [{ CINclosureDate: '2026-01-01', ReasonForClosure: 'RC7' }] },
    fail: { CINdetails: [{ CINclosureDate: '2025-04-30', ReasonForClosure: 'RC7' }] },
  }),
  cinCodeRule('8640', 'CINdetails', 'ReasonForClosure', 'ReasonForClosure', 'RC7'),
  cinCodeRule('8650', 'CINdetails', 'PrimaryNeedCode', 'PrimaryNeedCode', 'N4'),
  cinCodeRule('8866', 'CINdetails', 'ReferralSource', 'ReferralSource', '6', { required: true }),
  cinRowRule('8805', 'CINdetails', (row) => !absent(row['CINclosureDate']) && absent(row['ReasonForClosure']), {
    pass: { CINdetails: [{ CINclosureDate: '2026-01-01', ReasonForClosure: 'RC7' }] },
    fail: { CINdetails: [{ CINclosureDate: '2026-01-01' }] },
  }),
  cinRowRule('8810', 'CINdetails', (row) => absent(row['CINclosureDate']) && !absent(row['ReasonForClosure']), {
    pass: { CINdetails: [{ CINclosureDate: '2026-01-01', ReasonForClosure: 'RC7' }] },
    fail: { CINdetails: [{ ReasonForClosure: 'RC7' }] },
  }),
  {
    code: '8815',
    check: (context, report) => {
      for (const positions of context.index('CINdetails').values()) {
        const open = positions.filter((p) => {
          const row = context.rows('CINdetails')[p] ?? {}
          return absent(row['CINclosureDate']) && !isTrue(row['ReferralNFA'])
        })
        if (open.length > 1) for (const p of open) report('CINdetails', p)
      }
    },
    examples: {
      pass: {
        CINdetails: [
          { CINclosureDate: '2025-06-01', ReasonForClosure: 'RC7' },
          { CINdetailsID: '2', CINreferralDate: '2025-07-01' },
        ],
      },
      fail: { CINdetails: [{}, { CINdetailsID: '2', CINreferralDate: '2025-07-01' }] },
    },
  },
  {
    code: '8820',
    check: (context, report) => {
      for (const positions of context.index('CINdetails').values()) {
        const periods = positions.map((position) => {
          const row = context.rows('CINdetails')[position] ?? {}
          return { position, start: context.day(row['CINreferralDate']), end: context.day(row['CINclosureDate']) }
        })
        for (const p of overlapping(periods)) report('CINdetails', p)
      }
    },
    examples: {
      pass: {
        CINdetails: [
          { CINclosureDate: '2025-06-01', ReasonForClosure: 'RC7' },
          { CINdetailsID: '2', CINreferralDate: '2025-07-01' },
        ],
      },
      fail: {
        CINdetails: [
          { CINclosureDate: '2025-08-01', ReasonForClosure: 'RC7' },
          { CINdetailsID: '2', CINreferralDate: '2025-07-01' },
        ],
      },
    },
  },
  cinRowRule(
    '8555Q',
    'CINdetails',
    (row, context) =>
      before(context, context.identifiers(row['LAchildID'] ?? '')?.['PersonDeathDate'], row['CINreferralDate']),
    {
      pass: { ChildIdentifiers: [{ PersonDeathDate: '2025-06-01' }], CINdetails: [{}] },
      fail: { ChildIdentifiers: [{ PersonDeathDate: '2025-04-20' }], CINdetails: [{}] },
    },
  ),
  cinRowRule(
    '8585Q',
    'CINdetails',
    (row, context) =>
      row['ReasonForClosure'] === 'RC2' && absent(context.identifiers(row['LAchildID'] ?? '')?.['PersonDeathDate']),
    {
      pass: {
        ChildIdentifiers: [{ PersonDeathDate: '2025-06-01' }],
        CINdetails: [{ CINclosureDate: '2025-06-01', ReasonForClosure: 'RC2' }],
      },
      fail: { ChildIdentifiers: [{}], CINdetails: [{ CINclosureDate: '2025-06-01', ReasonForClosure: 'RC2' }] },
    },
  ),
  cinRowRule(
    '8831',
    'CINdetails',
    (row, context) => {
      const activity = activityOf(context, row)
      return isTrue(row['ReferralNFA']) && (activity.assessments.length > 0 || activity.enquiries.length > 0)
    },
    { pass: { ...NFA, ...NO_ACTIVITY }, fail: { ...NFA, Assessments: [{}] } },
  ),
  cinRowRule(
    '4000',
    'CINdetails',
    (row, context) => isTrue(row['ReferralNFA']) && activityOf(context, row).plans.length > 0,
    {
      pass: { ...NFA },
      fail: { ...NFA, CINplanDates: [{}] },
    },
  ),
  cinRowRule(
    '8832',
    'CINdetails',
    (row, context) => isTrue(row['ReferralNFA']) && activityOf(context, row).protection.length > 0,
    {
      pass: { ...NFA },
      fail: { ...NFA, ChildProtectionPlans: [{}] },
    },
  ),
  cinRowRule(
    '8867',
    'CINdetails',
    (row, context) =>
      !absent(row['CINclosureDate']) &&
      activityOf(context, row).assessments.some((a) => absent(a['AssessmentAuthorisationDate'])),
    {
      pass: { CINdetails: [{ CINclosureDate: '2026-01-01', ReasonForClosure: 'RC7' }], Assessments: [{}] },
      fail: {
        CINdetails: [{ CINclosureDate: '2026-01-01', ReasonForClosure: 'RC7' }],
        Assessments: [{ AssessmentAuthorisationDate: '', AssessmentFactors: '' }],
      },
    },
  ),
  cinRowRule(
    '8868',
    'CINdetails',
    (row, context) =>
      !absent(row['CINclosureDate']) &&
      activityOf(context, row).enquiries.some((s) => absent(s['DateOfInitialCPC']) && !isTrue(s['ICPCnotRequired'])),
    {
      pass: { CINdetails: [{ CINclosureDate: '2026-01-01', ReasonForClosure: 'RC7' }], Section47: [{}] },
      fail: {
        CINdetails: [{ CINclosureDate: '2026-01-01', ReasonForClosure: 'RC7' }],
        Section47: [{ DateOfInitialCPC: '' }],
      },
    },
  ),
]
