import { isValidCode } from '../../../codes/code-lists.js'
import { assessmentFactors, type CinRow } from '../../cin/tables.js'
import { weekday } from '../dates.js'
import { absent, isTrue, type CinContext } from './context.js'
import { before, cinRowRule, outsideYear, overlapping, type CinRule } from './helpers.js'

/** Assessments and section 47 enquiries. */

const referralOf = (context: CinContext, row: CinRow) => context.episodeOf(row)?.['CINreferralDate']
const factorsRule = (code: string, fails: (factors: string[]) => boolean, good: string, bad: string) =>
  cinRowRule(code, 'Assessments', (row) => fails(assessmentFactors(row)), {
    pass: { Assessments: [{ AssessmentFactors: good }] },
    fail: { Assessments: [{ AssessmentFactors: bad }] },
  })

/** Open (not completed) rows of a table within each CIN episode, when more than one. */
function twoOpenRule(
  code: string,
  table: 'Assessments' | 'Section47',
  isOpen: (row: CinRow) => boolean,
  second: Record<string, string>,
): CinRule {
  return {
    code,
    check: (context, report) => {
      for (const positions of context.index(table, true).values()) {
        const open = positions.filter((p) => isOpen(context.rows(table)[p] ?? {}))
        if (open.length > 1) for (const p of open) report(table, p)
      }
    },
    examples: {
      pass: { [table]: [{}, { ...second }] },
      fail: {
        [table]: [
          { AssessmentAuthorisationDate: '', AssessmentFactors: '', DateOfInitialCPC: '' },
          { ...second, AssessmentAuthorisationDate: '', AssessmentFactors: '', DateOfInitialCPC: '' },
        ],
      },
    },
  }
}

const s47Open = (row: CinRow) => absent(row['DateOfInitialCPC']) && !isTrue(row['ICPCnotRequired'])

export const ASSESSMENT_RULES: CinRule[] = [
  cinRowRule(
    '1103',
    'Assessments',
    (row, context) => before(context, row['AssessmentActualStartDate'], referralOf(context, row)),
    {
      pass: { CINdetails: [{}], Assessments: [{}] },
      fail: { CINdetails: [{}], Assessments: [{ AssessmentActualStartDate: '2025-04-30' }] },
    },
  ),
  cinRowRule(
    '8608',
    'Assessments',
    (row, context) => before(context, row['AssessmentAuthorisationDate'], row['AssessmentActualStartDate']),
    {
      pass: { Assessments: [{}] },
      fail: { Assessments: [{ AssessmentAuthorisationDate: '2025-05-01' }] },
    },
  ),
  cinRowRule(
    '8614',
    'Assessments',
    (row) => absent(row['AssessmentAuthorisationDate']) && assessmentFactors(row).length > 0,
    {
      pass: { Assessments: [{}] },
      fail: { Assessments: [{ AssessmentAuthorisationDate: '' }] },
    },
  ),
  cinRowRule('8696', 'Assessments', (row, context) => outsideYear(context, row['AssessmentAuthorisationDate']), {
    pass: { Assessments: [{}] },
    fail: { Assessments: [{ AssessmentActualStartDate: '2026-03-20', AssessmentAuthorisationDate: '2026-04-02' }] },
  }),
  cinRowRule(
    '8736',
    'Assessments',
    (row, context) =>
      absent(row['AssessmentAuthorisationDate']) && outsideYear(context, row['AssessmentActualStartDate']),
    {
      pass: { Assessments: [{ AssessmentAuthorisationDate: '', AssessmentFactors: '' }] },
      fail: {
        Assessments: [
          { AssessmentActualStartDate: '2025-03-01', AssessmentAuthorisationDate: '', AssessmentFactors: '' },
        ],
      },
    },
  ),
  factorsRule('8869', (factors) => factors.includes('21') && factors.length > 1, '21', '21,2A'),
  factorsRule('8898', (factors) => new Set(factors).size !== factors.length, '2A,3A', '2A,2A'),
  factorsRule('8945Q', (factors) => factors.includes('18A'), '18B', '18A'),
  factorsRule('8950Q', (factors) => factors.includes('19A'), '19B', '19A'),
  cinRowRule(
    '8897Q',
    'Assessments',
    (row) =>
      !absent(row['AssessmentAuthorisationDate']) &&
      (assessmentFactors(row).length === 0 || assessmentFactors(row).some((f) => !isValidCode('AssessmentFactors', f))),
    { pass: { Assessments: [{}] }, fail: { Assessments: [{ AssessmentFactors: '' }] } },
  ),
  twoOpenRule('8896', 'Assessments', (row) => absent(row['AssessmentAuthorisationDate']), { AssessmentID: '2' }),
  {
    code: '8863Q',
    check: (context, report) => {
      for (const positions of context.index('Assessments').values()) {
        const periods = positions.map((position) => {
          const row = context.rows('Assessments')[position] ?? {}
          return {
            position,
            start: context.day(row['AssessmentActualStartDate']),
            end: context.day(row['AssessmentAuthorisationDate']),
          }
        })
        for (const p of overlapping(periods)) report('Assessments', p)
      }
    },
    examples: {
      pass: {
        Assessments: [
          {},
          { AssessmentID: '2', AssessmentActualStartDate: '2025-07-01', AssessmentAuthorisationDate: '2025-08-01' },
        ],
      },
      fail: {
        Assessments: [
          {},
          { AssessmentID: '2', AssessmentActualStartDate: '2025-05-20', AssessmentAuthorisationDate: '2025-08-01' },
        ],
      },
    },
  },
]

export const SECTION_47_RULES: CinRule[] = [
  cinRowRule(
    '1104',
    'Section47',
    (row, context) => before(context, row['DateOfInitialCPC'], referralOf(context, row)),
    {
      pass: { CINdetails: [{}], Section47: [{}] },
      fail: { CINdetails: [{ CINreferralDate: '2025-05-21' }], Section47: [{ S47ActualStartDate: '2025-05-21' }] },
    },
  ),
  cinRowRule(
    '2889',
    'Section47',
    (row, context) => before(context, row['S47ActualStartDate'], referralOf(context, row)),
    {
      pass: { CINdetails: [{}], Section47: [{}] },
      fail: { CINdetails: [{}], Section47: [{ S47ActualStartDate: '2025-04-30' }] },
    },
  ),
  cinRowRule(
    '8615',
    'Section47',
    (row, context) =>
      absent(row['S47ActualStartDate']) || before(context, row['DateOfInitialCPC'], row['S47ActualStartDate']),
    { pass: { Section47: [{}] }, fail: { Section47: [{ S47ActualStartDate: '2025-05-21' }] } },
  ),
  cinRowRule('8715', 'Section47', (row, context) => outsideYear(context, row['DateOfInitialCPC']), {
    pass: { Section47: [{}] },
    fail: {
      Section47: [{ S47ActualStartDate: '2026-03-25', InitialCPCtarget: '2026-04-14', DateOfInitialCPC: '2026-04-14' }],
    },
  }),
  cinRowRule('8740', 'Section47', (row, context) => s47Open(row) && outsideYear(context, row['S47ActualStartDate']), {
    pass: { Section47: [{ DateOfInitialCPC: '' }] },
    fail: { Section47: [{ S47ActualStartDate: '2025-03-20', DateOfInitialCPC: '' }] },
  }),
  cinRowRule(
    '8875',
    'Section47',
    (row, context) => {
      const day = context.day(row['DateOfInitialCPC'])
      return day !== null && [0, 6].includes(weekday(day))
    },
    { pass: { Section47: [{}] }, fail: { Section47: [{ DateOfInitialCPC: '2025-05-24' }] } },
  ),
  cinRowRule(
    '8870Q',
    'Section47',
    (row, context) => {
      const day = context.day(row['InitialCPCtarget'])
      return day !== null && [0, 6].includes(weekday(day))
    },
    { pass: { Section47: [{}] }, fail: { Section47: [{ InitialCPCtarget: '2025-05-25' }] } },
  ),
  twoOpenRule('8839', 'Section47', s47Open, {
    S47ActualStartDate: '2025-06-01',
    DateOfInitialCPC: '2025-06-10',
    InitialCPCtarget: '2025-06-10',
  }),
]
