import type { Row903 } from '../../ssda903/tables.js'
import { addYears, ageOn } from '../dates.js'
import { blank, type Context903 } from './context.js'
import { anyFilled, atYearEnd, codeRule, rowRule, type Rule903 } from './helpers.js'

/** OC2 (children looked after for 12 months at 31 March) and OC3 (care leavers' outcomes). */

const HEALTH = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE']
const OC2_FLAGS = [
  'CONVICTED',
  'HEALTH_CHECK',
  'IMMUNISATIONS',
  'TEETH_CHECK',
  'HEALTH_ASSESSMENT',
  'SUBSTANCE_MISUSE',
  'INTERVENTION_RECEIVED',
  'INTERVENTION_OFFERED',
]
const OC3_FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM']
const AD1_FIELDS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR']

/** Episodes that put the child in the OC2 cohort: looked after since before 1 April, still at 31 March. */
const COHORT = { Episodes: [{ DECOM: '01/01/2024' }] }
const inCohort = (context: Context903, row: Row903) => context.inOc2Cohort(row['CHILD'] ?? '')
const ageAtEnd = (context: Context903, row: Row903) => {
  const dob = context.day(row['DOB']) ?? context.dob(row['CHILD'] ?? '')
  return dob === null ? null : ageOn(dob, context.year.end)
}
const ageAtStart = (context: Context903, row: Row903) => {
  const dob = context.day(row['DOB']) ?? context.dob(row['CHILD'] ?? '')
  return dob === null ? null : ageOn(dob, context.year.start)
}

/** A birthday at this age falls in the collection year. */
function turnsDuringYear(context: Context903, row: Row903, ages: number[]): boolean {
  const dob = context.day(row['DOB']) ?? context.dob(row['CHILD'] ?? '')
  if (dob === null) return false
  const atEnd = ageOn(dob, context.year.end)
  return ages.includes(atEnd) && ageOn(dob, context.year.start - 1) < atEnd
}

export const OC2_RULES: Rule903[] = [
  rowRule('158', 'OC2', (row) => row['INTERVENTION_RECEIVED'] === '1' && !blank(row['INTERVENTION_OFFERED']), {
    pass: { OC2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1', INTERVENTION_OFFERED: '' }] },
    fail: { OC2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1', INTERVENTION_OFFERED: '1' }] },
  }),
  rowRule(
    '159',
    'OC2',
    (row) =>
      row['SUBSTANCE_MISUSE'] === '1' && row['INTERVENTION_RECEIVED'] === '0' && blank(row['INTERVENTION_OFFERED']),
    {
      pass: { OC2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0', INTERVENTION_OFFERED: '1' }] },
      fail: { OC2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0', INTERVENTION_OFFERED: '' }] },
    },
  ),
  rowRule(
    '180',
    'OC2',
    (row) => {
      const score = (row['SDQ_SCORE'] ?? '').trim()
      return score !== '' && !(/^\d{1,2}$/.test(score) && Number(score) <= 40)
    },
    { pass: { OC2: [{ SDQ_SCORE: '40' }] }, fail: { OC2: [{ SDQ_SCORE: '41' }] } },
  ),
  rowRule(
    '181',
    'OC2',
    (row) => OC2_FLAGS.some((field) => !blank(row[field]) && !['0', '1'].includes(row[field] ?? '')),
    {
      pass: { OC2: [{}] },
      fail: { OC2: [{ TEETH_CHECK: '2' }] },
    },
  ),
  rowRule(
    '182',
    'OC2',
    (row) =>
      HEALTH.some((field) => blank(row[field])) &&
      ['CONVICTED', 'HEALTH_CHECK', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'].some(
        (field) => !blank(row[field]),
      ),
    { pass: { OC2: [{}] }, fail: { OC2: [{ TEETH_CHECK: '' }] } },
  ),
  atYearEnd(
    rowRule('185', 'OC2', (row, context) => !blank(row['SDQ_SCORE']) && !inCohort(context, row), {
      pass: { ...COHORT, OC2: [{}] },
      fail: { Episodes: [{}], OC2: [{}] },
    }),
  ),
  rowRule(
    '188',
    'OC2',
    (row, context) => {
      const age = ageAtEnd(context, row)
      return age !== null && age < 4 && (!blank(row['SDQ_SCORE']) || !blank(row['SDQ_REASON']))
    },
    { pass: { OC2: [{}] }, fail: { OC2: [{ DOB: '01/06/2023' }] } },
  ),
  rowRule(
    '189',
    'OC2',
    (row, context) => {
      const age = ageAtStart(context, row)
      return age !== null && age >= 17 && (!blank(row['SDQ_SCORE']) || !blank(row['SDQ_REASON']))
    },
    { pass: { OC2: [{}] }, fail: { OC2: [{ DOB: '01/06/2007' }] } },
  ),
  atYearEnd(
    rowRule('190', 'OC2', (row, context) => anyFilled(row, OC2_FLAGS) && !inCohort(context, row), {
      pass: { ...COHORT, OC2: [{}] },
      fail: { Episodes: [{}], OC2: [{}] },
    }),
  ),
  atYearEnd(
    rowRule('191', 'OC2', (row, context) => inCohort(context, row) && HEALTH.some((field) => blank(row[field])), {
      pass: { ...COHORT, OC2: [{}] },
      fail: { ...COHORT, OC2: [{ IMMUNISATIONS: '', CONVICTED: '' }] },
    }),
  ),
  rowRule('192', 'OC2', (row) => row['SUBSTANCE_MISUSE'] === '1' && blank(row['INTERVENTION_RECEIVED']), {
    pass: { OC2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1' }] },
    fail: { OC2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '' }] },
  }),
  rowRule(
    '193',
    'OC2',
    (row) =>
      row['SUBSTANCE_MISUSE'] !== '1' && (!blank(row['INTERVENTION_RECEIVED']) || !blank(row['INTERVENTION_OFFERED'])),
    {
      pass: { OC2: [{ SUBSTANCE_MISUSE: '0' }] },
      fail: { OC2: [{ SUBSTANCE_MISUSE: '0', INTERVENTION_RECEIVED: '0' }] },
    },
  ),
  codeRule('196', 'OC2', 'SDQ_REASON', 'SDQ_REASON', 'SDQ1'),
  rowRule('197a', 'OC2', (row) => !blank(row['SDQ_SCORE']) && !blank(row['SDQ_REASON']), {
    pass: { OC2: [{ SDQ_SCORE: '10', SDQ_REASON: '' }] },
    fail: { OC2: [{ SDQ_SCORE: '10', SDQ_REASON: 'SDQ1' }] },
  }),
  atYearEnd(
    rowRule(
      '197B',
      'OC2',
      (row, context) => {
        const start = ageAtStart(context, row)
        const end = ageAtEnd(context, row)
        return (
          inCohort(context, row) &&
          start !== null &&
          end !== null &&
          start >= 4 &&
          end < 17 &&
          blank(row['SDQ_SCORE']) &&
          blank(row['SDQ_REASON'])
        )
      },
      { pass: { ...COHORT, OC2: [{}] }, fail: { ...COHORT, OC2: [{ SDQ_SCORE: '' }] } },
    ),
  ),
  atYearEnd(
    rowRule('198', 'OC2', (row, context) => !blank(row['SDQ_REASON']) && !inCohort(context, row), {
      pass: { ...COHORT, OC2: [{ SDQ_SCORE: '', SDQ_REASON: 'SDQ1' }] },
      fail: { Episodes: [{}], OC2: [{ SDQ_SCORE: '', SDQ_REASON: 'SDQ1' }] },
    }),
  ),
  rowRule(
    '542',
    'OC2',
    (row, context) => {
      const age = ageAtEnd(context, row)
      return age !== null && age < 10 && !blank(row['CONVICTED'])
    },
    { pass: { OC2: [{ DOB: '01/06/2018', CONVICTED: '' }] }, fail: { OC2: [{ DOB: '01/06/2018', CONVICTED: '0' }] } },
  ),
  atYearEnd(
    rowRule(
      '543',
      'OC2',
      (row, context) => {
        const age = ageAtEnd(context, row)
        return inCohort(context, row) && age !== null && age >= 10 && blank(row['CONVICTED'])
      },
      { pass: { ...COHORT, OC2: [{}] }, fail: { ...COHORT, OC2: [{ CONVICTED: '' }] } },
    ),
  ),
  rowRule('544', 'OC2', (row) => !blank(row['CONVICTED']) && HEALTH.some((field) => blank(row[field])), {
    pass: { OC2: [{}] },
    fail: { OC2: [{ HEALTH_ASSESSMENT: '' }] },
  }),
  atYearEnd(
    rowRule(
      '545',
      'OC2',
      (row, context) => {
        const age = ageAtEnd(context, row)
        return inCohort(context, row) && age !== null && age < 5 && blank(row['HEALTH_CHECK'])
      },
      {
        pass: {
          Header: [{ DOB: '01/06/2022' }],
          Episodes: [{ DECOM: '01/01/2024' }],
          OC2: [{ DOB: '01/06/2022', CONVICTED: '', HEALTH_CHECK: '1', SDQ_SCORE: '' }],
        },
        fail: {
          Header: [{ DOB: '01/06/2022' }],
          Episodes: [{ DECOM: '01/01/2024' }],
          OC2: [{ DOB: '01/06/2022', CONVICTED: '', SDQ_SCORE: '' }],
        },
      },
    ),
  ),
  rowRule(
    '546',
    'OC2',
    (row, context) => {
      const age = ageAtEnd(context, row)
      return age !== null && age >= 5 && !blank(row['HEALTH_CHECK'])
    },
    { pass: { OC2: [{ HEALTH_CHECK: '' }] }, fail: { OC2: [{ HEALTH_CHECK: '1' }] } },
  ),
  rowRule('547', 'OC2', (row) => !blank(row['HEALTH_CHECK']) && HEALTH.some((field) => blank(row[field])), {
    pass: { OC2: [{ DOB: '01/06/2022', CONVICTED: '', HEALTH_CHECK: '1' }] },
    fail: { OC2: [{ DOB: '01/06/2022', CONVICTED: '', HEALTH_CHECK: '1', TEETH_CHECK: '' }] },
  }),
]

const hasOc3Data = (row: Row903) => anyFilled(row, OC3_FIELDS)

export const OC3_RULES: Rule903[] = [
  codeRule('131', 'OC3', 'IN_TOUCH', 'IN_TOUCH', 'NO'),
  codeRule('132', 'OC3', 'ACTIV', 'ACTIV', 'F2'),
  codeRule('133', 'OC3', 'ACCOM', 'ACCOM', 'B2'),
  rowRule('153', 'OC3', (row) => hasOc3Data(row) && OC3_FIELDS.some((field) => blank(row[field])), {
    pass: { OC3: [{}] },
    fail: { OC3: [{ ACCOM: '' }] },
  }),
  rowRule(
    '344',
    'OC3',
    (row) => ['DIED', 'RHOM'].includes(row['IN_TOUCH'] ?? '') && (row['ACTIV'] !== '0' || row['ACCOM'] !== '0'),
    {
      pass: { OC3: [{ IN_TOUCH: 'DIED', ACTIV: '0', ACCOM: '0' }] },
      fail: { OC3: [{ IN_TOUCH: 'DIED' }] },
    },
  ),
  rowRule(
    '345',
    'OC3',
    (row) =>
      ['YES', 'NREQ'].includes(row['IN_TOUCH'] ?? '') &&
      (['', '0'].includes((row['ACTIV'] ?? '').trim()) || ['', '0'].includes((row['ACCOM'] ?? '').trim())),
    { pass: { OC3: [{}] }, fail: { OC3: [{ ACTIV: '0' }] } },
  ),
  rowRule('391', 'OC3', (row, context) => hasOc3Data(row) && !turnsDuringYear(context, row, [17, 18, 19, 20, 21]), {
    pass: { OC3: [{ DOB: '01/06/2006' }] },
    fail: { OC3: [{ DOB: '01/06/2010' }] },
  }),
  rowRule(
    '1000',
    'OC3',
    (row, context) =>
      hasOc3Data(row) && context.rowsOf('Episodes', row['CHILD'] ?? '').some((p) => context.episode(p)['REC'] === 'E2'),
    {
      pass: { Episodes: [{ DEC: '01/08/2025', REC: 'E13' }], OC3: [{}] },
      fail: { Episodes: [{ DEC: '01/08/2025', REC: 'E2' }], OC3: [{}] },
    },
  ),
  rowRule(
    '1007',
    'OC3',
    (row, context) => {
      const dob = context.day(row['DOB']) ?? context.dob(row['CHILD'] ?? '')
      if (dob === null || !hasOc3Data(row)) return false
      return [17, 18].some((age) => {
        const birthday = context.day(row['DOB']) === null ? null : addYears(dob, age)
        return (
          birthday !== null &&
          birthday >= context.year.start &&
          birthday <= context.year.end &&
          context.lookedAfterOn(row['CHILD'] ?? '', birthday, false)
        )
      })
    },
    {
      pass: {
        Header: [{ DOB: '01/06/2008' }],
        Episodes: [{ DECOM: '01/01/2023', DEC: '01/01/2025', REC: 'E13' }],
        OC3: [{ DOB: '01/06/2008' }],
      },
      fail: { Header: [{ DOB: '01/06/2008' }], Episodes: [{ DECOM: '01/01/2023' }], OC3: [{ DOB: '01/06/2008' }] },
    },
  ),
  rowRule(
    '1011',
    'OC3',
    (row, context) => {
      const episodes = context.episodesOf(row['CHILD'] ?? '')
      return hasOc3Data(row) && context.episode(episodes[episodes.length - 1] ?? -1)['REC'] === 'E3'
    },
    {
      pass: { Episodes: [{ DEC: '01/08/2025', REC: 'E13' }], OC3: [{}] },
      fail: { Episodes: [{ DEC: '01/08/2025', REC: 'E3' }], OC3: [{}] },
    },
  ),
  {
    code: '1012',
    check: (context, report) => {
      for (const child of context.byChild('OC3').keys()) {
        if (context.rowsOf('Episodes', child).length > 0) continue
        for (const table of ['Reviews', 'Missing', 'OC2', 'AD1', 'PlacedAdoption', 'PrevPerm'] as const)
          for (const position of context.rowsOf(table, child)) report(table, position, ['CHILD'])
      }
    },
    examples: { pass: { OC3: [{}] }, fail: { OC3: [{}], Reviews: [{}] } },
  },
  {
    code: '1014',
    check: (context, report) => {
      for (const child of context.byChild('OC3').keys()) {
        if (context.rowsOf('Episodes', child).length > 0) continue
        for (const position of context.rowsOf('UASC', child)) report('UASC', position)
      }
    },
    examples: { pass: { OC3: [{}] }, fail: { OC3: [{}], UASC: [{ DOB: '01/06/2006' }] } },
  },
  rowRule(
    '134',
    'OC3',
    (row, context) =>
      hasOc3Data(row) &&
      context.rowsOf('AD1', row['CHILD'] ?? '').some((p) => anyFilled(context.rows('AD1')[p], AD1_FIELDS)),
    { pass: { OC3: [{}] }, fail: { OC3: [{}], AD1: [{ DOB: '01/06/2006' }] } },
  ),
  rowRule(
    '215',
    'OC3',
    (row, context) =>
      hasOc3Data(row) &&
      context.rowsOf('OC2', row['CHILD'] ?? '').some((p) => anyFilled(context.rows('OC2')[p], OC2_FLAGS)),
    { pass: { OC3: [{}] }, fail: { OC3: [{}], OC2: [{ DOB: '01/06/2006', SDQ_SCORE: '' }] } },
  ),
  {
    code: '187',
    check: (context, report) => {
      for (const child of context.byChild('Episodes').keys()) {
        if (!context.inOc2Cohort(child)) continue
        for (const p of context.rowsOf('OC3', child)) if (hasOc3Data(context.rows('OC3')[p] ?? {})) report('OC3', p)
        for (const p of context.rowsOf('AD1', child))
          if (anyFilled(context.rows('AD1')[p], AD1_FIELDS)) report('AD1', p)
      }
    },
    examples: { pass: { ...COHORT, OC2: [{}] }, fail: { ...COHORT, OC3: [{}] } },
  },
]
