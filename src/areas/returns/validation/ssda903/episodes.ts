import { isValidCode } from '../../../codes/code-lists.js'
import type { Row903 } from '../../ssda903/tables.js'
import { dayFromParts } from '../dates.js'
import { blank, type Context903 } from './context.js'
import {
  ADOPTED,
  codeRule,
  CONTINUATION_RNE,
  dateRule,
  episodeDays,
  forEachChildEpisodes,
  rowRule,
  type Rule903,
} from './helpers.js'

/** Episodes: dates, codes and the sequence of a child's episodes. */

const EARLIEST_DECOM = dayFromParts(1991, 10, 14)
const E1_FROM = dayFromParts(2005, 12, 1)

/** Age in years on an episode's date field. */
function ageAt(context: Context903, row: Row903, field: 'DECOM' | 'DEC'): number | null {
  return context.ageOn(row['CHILD'] ?? '', context.day(row[field]))
}

/** A rule on consecutive episodes of a child (previous, current, and the current row's position). */
function sequenceRule(
  code: string,
  fails: (previous: Row903, current: Row903, context: Context903) => boolean,
  examples: Rule903['examples'],
): Rule903 {
  return {
    code,
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        for (let i = 1; i < rows.length; i++) {
          const previous = rows[i - 1]
          const current = rows[i]
          if (previous && current && fails(previous, current, context)) report('Episodes', positions[i] ?? -1)
        }
      })
    },
    examples,
  }
}

const PLACEMENT_FIELDS = ['PLACE', 'PL_POST', 'URN', 'PLACE_PROVIDER']
const samePlacement = (a: Row903, b: Row903) => PLACEMENT_FIELDS.every((field) => (a[field] ?? '') === (b[field] ?? ''))

/** Two episodes: the first ended with X1 (a change) on the day the second began. */
const chain = (second: Record<string, string>): Record<string, string>[] => [
  { DECOM: '01/05/2025', DEC: '01/08/2025', REC: 'X1' },
  { DECOM: '01/08/2025', ...second },
]

function ageAtCeaseRule(code: string, recs: string[], fails: (age: number) => boolean, dob: [string, string]) {
  return rowRule(
    code,
    'Episodes',
    (row, context) => {
      const age = ageAt(context, row, 'DEC')
      return recs.includes(row['REC'] ?? '') && age !== null && fails(age)
    },
    {
      pass: { Header: [{ DOB: dob[0] }], Episodes: [{ DEC: '01/12/2025', REC: recs[0] ?? '' }] },
      fail: { Header: [{ DOB: dob[1] }], Episodes: [{ DEC: '01/12/2025', REC: recs[0] ?? '' }] },
    },
  )
}

function maxDaysRule(code: string, ls: string, maxDays: number): Rule903 {
  const end = (days: number) => {
    const date = new Date(Date.UTC(2025, 4, 1 + days))
    return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`
  }
  return rowRule(
    code,
    'Episodes',
    (row, context) => {
      const days = episodeDays(context, row)
      return row['LS'] === ls && days !== null && days > maxDays
    },
    {
      pass: { Episodes: [{ LS: ls, DEC: end(maxDays), REC: 'E8' }] },
      fail: { Episodes: [{ LS: ls, DEC: end(maxDays + 1), REC: 'E8' }] },
    },
  )
}

export const EPISODE_RULES: Rule903[] = [
  dateRule('141', 'Episodes', 'DECOM', { required: true }),
  {
    code: '142',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        rows.forEach((row, i) => {
          if (i < rows.length - 1 && blank(row['DEC'])) report('Episodes', positions[i] ?? -1)
        })
      })
    },
    examples: {
      pass: { Episodes: chain({ RNE: 'P' }) },
      fail: { Episodes: [{ DECOM: '01/05/2025' }, { DECOM: '01/08/2025', RNE: 'P' }] },
    },
  },
  codeRule('143', 'Episodes', 'RNE', 'RNE', 'P', { required: true }),
  codeRule('144', 'Episodes', 'LS', 'LS', 'C1', { required: true }),
  codeRule('145', 'Episodes', 'CIN', 'CIN', 'N4', { required: true }),
  codeRule('146', 'Episodes', 'PLACE', 'PLACE', 'U6', { required: true }),
  dateRule('147', 'Episodes', 'DEC'),
  rowRule('148', 'Episodes', (row) => blank(row['DEC']) !== blank(row['REC']), {
    pass: { Episodes: [{ DEC: '01/08/2025', REC: 'E8' }] },
    fail: { Episodes: [{ DEC: '01/08/2025', REC: '' }] },
  }),
  codeRule('149', 'Episodes', 'REC', 'REC', 'E13'),
  rowRule(
    '302',
    'Episodes',
    (row, context) => {
      const start = context.day(row['DECOM'])
      const dob = context.dob(row['CHILD'] ?? '')
      return start !== null && dob !== null && start < dob
    },
    {
      pass: { Header: [{ DOB: '01/06/2012' }], Episodes: [{ DECOM: '01/06/2012' }] },
      fail: { Header: [{ DOB: '01/06/2025' }], Episodes: [{ DECOM: '01/05/2025' }] },
    },
  ),
  rowRule(
    '352',
    'Episodes',
    (row, context) => {
      const age = ageAt(context, row, 'DECOM')
      return row['RNE'] === 'S' && age !== null && age >= 18
    },
    {
      pass: { Header: [{ DOB: '01/06/2008' }], Episodes: [{ DECOM: '01/05/2025' }] },
      fail: { Header: [{ DOB: '01/04/2007' }], Episodes: [{ DECOM: '01/05/2025' }] },
    },
  ),
  rowRule(
    '353',
    'Episodes',
    (row, context) => {
      const start = context.day(row['DECOM'])
      return start !== null && start < EARLIEST_DECOM
    },
    { pass: { Episodes: [{ DECOM: '14/10/1991' }] }, fail: { Episodes: [{ DECOM: '13/10/1991' }] } },
  ),
  rowRule(
    '354',
    'Episodes',
    (row, context) => {
      const start = context.day(row['DECOM'])
      return start !== null && start > context.year.end
    },
    { pass: { Episodes: [{ DECOM: '31/03/2026' }] }, fail: { Episodes: [{ DECOM: '01/04/2026' }] } },
  ),
  rowRule(
    '355',
    'Episodes',
    (row, context) => {
      const start = context.day(row['DECOM'])
      return start !== null && start === context.day(row['DEC'])
    },
    {
      pass: { Episodes: [{ DECOM: '01/05/2025', DEC: '02/05/2025', REC: 'E8' }] },
      fail: { Episodes: [{ DECOM: '01/05/2025', DEC: '01/05/2025', REC: 'E8' }] },
    },
  ),
  rowRule(
    '356',
    'Episodes',
    (row, context) => {
      const start = context.day(row['DECOM'])
      const end = context.day(row['DEC'])
      return start !== null && end !== null && end < start
    },
    {
      pass: { Episodes: [{ DECOM: '01/05/2025', DEC: '02/05/2025', REC: 'E8' }] },
      fail: { Episodes: [{ DECOM: '01/05/2025', DEC: '30/04/2025', REC: 'E8' }] },
    },
  ),
  {
    code: '357',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        const first = rows[0]
        const start = context.day(first?.['DECOM'])
        if (first && start !== null && start >= context.year.start && first['RNE'] !== 'S') {
          report('Episodes', positions[0] ?? -1)
        }
      })
    },
    examples: { pass: { Episodes: [{ RNE: 'S' }] }, fail: { Episodes: [{ RNE: 'P' }] } },
  },
  rowRule(
    '358',
    'Episodes',
    (row, context) => {
      const age = ageAt(context, row, 'DECOM')
      return ['J1', 'J2', 'J3'].includes(row['LS'] ?? '') && age !== null && age < 10
    },
    {
      pass: { Header: [{ DOB: '01/06/2012' }], Episodes: [{ LS: 'J1' }] },
      fail: { Header: [{ DOB: '01/06/2017' }], Episodes: [{ LS: 'J1' }] },
    },
  ),
  maxDaysRule('361', 'L1', 3),
  maxDaysRule('362', 'L2', 21),
  maxDaysRule('363', 'L3', 7),
  maxDaysRule('365', 'V3', 17),
  rowRule('366', 'Episodes', (row) => row['LS'] === 'V3' && row['RNE'] !== 'S', {
    pass: { Episodes: [{ LS: 'V3', RNE: 'S', DEC: '03/05/2025', REC: 'E13' }] },
    fail: { Episodes: [{ LS: 'V3', RNE: 'P', DEC: '03/05/2025', REC: 'E13' }] },
  }),
  {
    code: '367',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        let total = 0
        const respite: number[] = []
        rows.forEach((row, i) => {
          if (row['LS'] !== 'V3') return
          const start = context.day(row['DECOM'])
          const end = context.day(row['DEC']) ?? context.year.end
          if (start === null) return
          total += end - Math.max(start, context.year.start)
          respite.push(positions[i] ?? -1)
        })
        if (total > 75) for (const position of respite) report('Episodes', position)
      })
    },
    examples: {
      pass: { Episodes: [{ LS: 'V3', DECOM: '01/05/2025', DEC: '15/05/2025', REC: 'E13' }] },
      fail: {
        Episodes: [1, 2, 3, 4, 5, 6].map((month) => ({
          LS: 'V3',
          DECOM: `01/0${month + 3}/2025`,
          DEC: `15/0${month + 3}/2025`,
          REC: 'E13',
        })),
      },
    },
  },
  rowRule(
    '385',
    'Episodes',
    (row, context) => {
      const end = context.day(row['DEC'])
      return end !== null && end > context.year.end
    },
    {
      pass: { Episodes: [{ DEC: '31/03/2026', REC: 'E8' }] },
      fail: { Episodes: [{ DEC: '01/04/2026', REC: 'E8' }] },
    },
  ),
  ageAtCeaseRule('386', ADOPTED, (age) => age >= 18, ['01/06/2012', '01/06/2007']),
  ageAtCeaseRule('387', ['E5', 'E6'], (age) => age < 14, ['01/06/2008', '01/06/2012']),
  {
    code: '388',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        rows.forEach((row, i) => {
          if (row['REC'] !== 'X1') return
          const next = rows[i + 1]
          if (next === undefined || next['DECOM'] !== row['DEC']) report('Episodes', positions[i] ?? -1)
        })
      })
    },
    examples: {
      pass: { Episodes: chain({ RNE: 'P' }) },
      fail: { Episodes: [{ DEC: '01/08/2025', REC: 'X1' }] },
    },
  },
  ageAtCeaseRule('389', ['E7'], (age) => age < 16, ['01/06/2008', '01/06/2012']),
  ageAtCeaseRule('407', ['E45', 'E46', 'E47', 'E48'], (age) => age >= 18, ['01/06/2012', '01/06/2007']),
  ageAtCeaseRule('460', ['E17'], (age) => age < 18, ['01/06/2007', '01/06/2012']),
  {
    code: '426',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        const statuses = new Set(rows.map((row) => row['LS']))
        if (statuses.has('V3') && statuses.has('V4')) {
          rows.forEach((row, i) => {
            if (row['LS'] === 'V3' || row['LS'] === 'V4') report('Episodes', positions[i] ?? -1)
          })
        }
      })
    },
    examples: {
      pass: { Episodes: [{ LS: 'V3', DEC: '03/05/2025', REC: 'E13' }] },
      fail: {
        Episodes: [
          { LS: 'V3', DEC: '03/05/2025', REC: 'E13' },
          { LS: 'V4', DECOM: '01/06/2025' },
        ],
      },
    },
  },
  sequenceRule('431', (previous, current) => current['RNE'] === 'S' && previous['DEC'] === current['DECOM'], {
    pass: {
      Episodes: [
        { DEC: '01/08/2025', REC: 'E13' },
        { DECOM: '02/08/2025', RNE: 'S' },
      ],
    },
    fail: {
      Episodes: [
        { DEC: '01/08/2025', REC: 'E13' },
        { DECOM: '01/08/2025', RNE: 'S' },
      ],
    },
  }),
  sequenceRule(
    '432',
    (previous, current) => !blank(previous['REC']) && previous['REC'] !== 'X1' && current['RNE'] !== 'S',
    {
      pass: { Episodes: [{ DEC: '01/08/2025', REC: 'E13' }, { DECOM: '02/09/2025' }] },
      fail: {
        Episodes: [
          { DEC: '01/08/2025', REC: 'E13' },
          { DECOM: '02/09/2025', RNE: 'P' },
        ],
      },
    },
  ),
  sequenceRule(
    '433',
    (previous, current) =>
      CONTINUATION_RNE.includes(current['RNE'] ?? '') &&
      !blank(previous['DEC']) &&
      previous['DEC'] !== current['DECOM'],
    {
      pass: { Episodes: chain({ RNE: 'P', PLACE: 'U6' }) },
      fail: {
        Episodes: [
          { DEC: '01/08/2025', REC: 'X1' },
          { DECOM: '02/08/2025', RNE: 'P' },
        ],
      },
    },
  ),
  sequenceRule(
    '434',
    (previous, current) =>
      current['RNE'] === 'L' && (previous['LS'] === current['LS'] || !samePlacement(previous, current)),
    {
      pass: { Episodes: chain({ RNE: 'L', LS: 'C1' }) },
      fail: { Episodes: chain({ RNE: 'L', LS: 'C2' }) },
    },
  ),
  sequenceRule(
    '435',
    (previous, current) =>
      ['P', 'T'].includes(current['RNE'] ?? '') &&
      (previous['LS'] !== current['LS'] || samePlacement(previous, current)),
    {
      pass: { Episodes: chain({ RNE: 'P', PLACE: 'U6' }) },
      fail: { Episodes: chain({ RNE: 'P', LS: 'C1', PLACE: 'U6' }) },
    },
  ),
  sequenceRule(
    '436',
    (previous, current) =>
      ['U', 'B'].includes(current['RNE'] ?? '') &&
      (previous['LS'] === current['LS'] || samePlacement(previous, current)),
    {
      pass: { Episodes: chain({ RNE: 'B', LS: 'C1', PLACE: 'U6' }) },
      fail: { Episodes: chain({ RNE: 'B', LS: 'C2', PLACE: 'U6' }) },
    },
  ),
  {
    code: '437',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        rows.forEach((row, i) => {
          if (['E2', 'E15'].includes(row['REC'] ?? '') && i < rows.length - 1) report('Episodes', positions[i] ?? -1)
        })
      })
    },
    examples: {
      pass: { Episodes: [{ DEC: '01/08/2025', REC: 'E2' }] },
      fail: { Episodes: [{ DEC: '01/08/2025', REC: 'E2' }, { DECOM: '01/09/2025' }] },
    },
  },
  rowRule(
    '446',
    'Episodes',
    (row, context) => {
      const start = context.day(row['DECOM'])
      return row['LS'] === 'E1' && start !== null && start < E1_FROM
    },
    {
      pass: { Episodes: [{ LS: 'E1', DECOM: '01/12/2005' }] },
      fail: { Episodes: [{ LS: 'E1', DECOM: '30/11/2005' }] },
    },
  ),
  sequenceRule(
    '501',
    (previous, current, context) => {
      const end = context.day(previous['DEC'])
      const start = context.day(current['DECOM'])
      return end !== null && start !== null && start < end
    },
    {
      pass: { Episodes: chain({ RNE: 'P', PLACE: 'U6' }) },
      fail: {
        Episodes: [
          { DEC: '01/08/2025', REC: 'X1' },
          { DECOM: '31/07/2025', RNE: 'P' },
        ],
      },
    },
  ),
  {
    code: '504',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        let periodNeed: string | undefined
        rows.forEach((row, i) => {
          if (row['RNE'] === 'S' || periodNeed === undefined) periodNeed = row['CIN']
          else if (row['CIN'] !== periodNeed) report('Episodes', positions[i] ?? -1)
        })
      })
    },
    examples: {
      pass: { Episodes: chain({ RNE: 'P', PLACE: 'U6' }) },
      fail: { Episodes: chain({ RNE: 'P', PLACE: 'U6', CIN: 'N4' }) },
    },
  },
  {
    code: '199',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        const adopted = rows.findIndex((row) => ADOPTED.includes(row['REC'] ?? ''))
        if (adopted < 0) return
        for (let i = adopted + 1; i < rows.length; i++) report('Episodes', positions[i] ?? -1)
      })
    },
    examples: {
      pass: { Episodes: [{ PLACE: 'A6', LS: 'E1', DEC: '01/08/2025', REC: 'E11' }] },
      fail: { Episodes: [{ PLACE: 'A6', LS: 'E1', DEC: '01/08/2025', REC: 'E11' }, { DECOM: '01/10/2025' }] },
    },
  },
  rowRule(
    '1009',
    'Episodes',
    (row) => !blank(row['REASON_PLACE_CHANGE']) && !isValidCode('REASON_PLACE_CHANGE', row['REASON_PLACE_CHANGE']),
    {
      pass: { Episodes: [{ DEC: '01/08/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }] },
      fail: { Episodes: [{ DEC: '01/08/2025', REC: 'X1', REASON_PLACE_CHANGE: 'NOPE' }] },
    },
  ),
  rowRule(
    '226',
    'Episodes',
    (row) => !blank(row['REASON_PLACE_CHANGE']) && ['T0', 'T1', 'T2', 'T3', 'T4'].includes(row['PLACE'] ?? ''),
    {
      pass: { Episodes: [{ PLACE: 'U4', DEC: '01/08/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }] },
      fail: { Episodes: [{ PLACE: 'T1', DEC: '01/08/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }] },
    },
  ),
  rowRule('233', 'Episodes', (row) => !blank(row['REASON_PLACE_CHANGE']) && blank(row['DEC']), {
    pass: { Episodes: [{ DEC: '01/08/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }] },
    fail: { Episodes: [{ REASON_PLACE_CHANGE: 'CARPL' }] },
  }),
  rowRule(
    '234',
    'Episodes',
    (row, context) => {
      const age = ageAt(context, row, 'DEC')
      return row['REASON_PLACE_CHANGE'] === 'CUSTOD' && age !== null && age < 10
    },
    {
      pass: {
        Header: [{ DOB: '01/06/2012' }],
        Episodes: [{ DEC: '01/08/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CUSTOD' }],
      },
      fail: {
        Header: [{ DOB: '01/06/2017' }],
        Episodes: [{ DEC: '01/08/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CUSTOD' }],
      },
    },
  ),
  {
    code: '225',
    check: (context, report) => {
      const temporary = ['T0', 'T1', 'T2', 'T3', 'T4']
      forEachChildEpisodes(context, (_child, positions, rows) => {
        rows.forEach((row, i) => {
          const next = rows[i + 1]
          if (
            row['REC'] === 'X1' &&
            next !== undefined &&
            ['P', 'B', 'T', 'U'].includes(next['RNE'] ?? '') &&
            !temporary.includes(row['PLACE'] ?? '') &&
            !temporary.includes(next['PLACE'] ?? '') &&
            blank(row['REASON_PLACE_CHANGE'])
          ) {
            report('Episodes', positions[i] ?? -1)
          }
        })
      })
    },
    examples: {
      pass: {
        Episodes: [
          { DEC: '01/08/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' },
          { DECOM: '01/08/2025', RNE: 'P', PLACE: 'U6' },
        ],
      },
      fail: { Episodes: chain({ RNE: 'P', PLACE: 'U6' }) },
    },
  },
]
