import type { Row903 } from '../../ssda903/tables.js'
import { blank, type Context903 } from './context.js'
import { forEachChildEpisodes, type Rule903 } from './helpers.js'

/** Rules that compare this year's return with last year's (tables named *_last). Run only when it is given. */

const UNKNOWN_UPN = /^UN\d$/

function headerChangeRule(
  code: string,
  field: string,
  changed: (now: string, before: string) => boolean,
  other: string,
  base: Record<string, string> = {},
): Rule903 {
  return {
    code,
    needsLastYear: true,
    check: (context, report) => {
      context.rows('Header').forEach((row, index) => {
        const before = context.header(row['CHILD'] ?? '', true)
        if (before === undefined || blank(row[field]) || blank(before[field])) return
        if (changed(row[field] ?? '', before[field] ?? '')) report('Header', index, [field])
      })
    },
    examples: {
      pass: { Header: [base], Header_last: [base] },
      fail: { Header: [{ ...base, [field]: other }], Header_last: [base] },
    },
  }
}

const differs = (now: string, before: string) => now.trim() !== before.trim()

/** Last year's open episode for each child (DEC blank), as a row. */
function lastOpenEpisode(context: Context903, child: string): Row903 | undefined {
  return context
    .rowsOf('Episodes', child, true)
    .map((p) => context.lastRows('Episodes')[p] ?? {})
    .find((row) => blank(row['DEC']))
}

/** First episode this year compared with last year's open episode, field by field. */
function carriedOverRule(code: string, field: string, other: string): Rule903 {
  return {
    code,
    needsLastYear: true,
    check: (context, report) => {
      forEachChildEpisodes(context, (child, positions, rows) => {
        const open = lastOpenEpisode(context, child)
        const first = rows[0]
        if (open === undefined || first === undefined || first['DECOM'] !== open['DECOM']) return
        if ((first[field] ?? '').trim() !== (open[field] ?? '').trim()) report('Episodes', positions[0] ?? -1, [field])
      })
    },
    examples: {
      pass: { Episodes: [{ DECOM: '01/01/2025' }], Episodes_last: [{ DECOM: '01/01/2025' }] },
      fail: { Episodes: [{ DECOM: '01/01/2025', [field]: other }], Episodes_last: [{ DECOM: '01/01/2025' }] },
    },
  }
}

export const LAST_YEAR_RULES: Rule903[] = [
  headerChangeRule('202', 'SEX', differs, 'F'),
  headerChangeRule('203', 'DOB', differs, '02/06/2012'),
  headerChangeRule('204', 'ETHNIC', differs, 'WIRI'),
  headerChangeRule(
    '208',
    'UPN',
    (now, before) => !UNKNOWN_UPN.test(now) && !UNKNOWN_UPN.test(before) && differs(now, before),
    'A123456789099',
  ),
  headerChangeRule('624', 'MC_DOB', differs, '02/01/2025', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }),
  headerChangeRule('207', 'MOTHER', (now, before) => before === '1' && now === '0', '0', { SEX: 'F', MOTHER: '1' }),
  {
    code: '502',
    needsLastYear: true,
    check: (context, report) => {
      forEachChildEpisodes(context, (child, positions, rows) => {
        const open = lastOpenEpisode(context, child)
        if (open !== undefined && rows[0] !== undefined && rows[0]['DECOM'] !== open['DECOM'])
          report('Episodes', positions[0] ?? -1, ['DECOM'])
      })
    },
    examples: {
      pass: { Episodes: [{ DECOM: '01/01/2025' }], Episodes_last: [{ DECOM: '01/01/2025' }] },
      fail: { Episodes: [{ DECOM: '02/01/2025' }], Episodes_last: [{ DECOM: '01/01/2025' }] },
    },
  },
  carriedOverRule('503A', 'RNE', 'P'),
  carriedOverRule('503B', 'LS', 'C1'),
  carriedOverRule('503C', 'CIN', 'N4'),
  carriedOverRule('503D', 'PLACE', 'U6'),
  carriedOverRule('503E', 'PLACE_PROVIDER', 'PR2'),
  carriedOverRule('503F', 'URN', 'SC999999'),
  {
    code: '562',
    needsLastYear: true,
    check: (context, report) => {
      forEachChildEpisodes(context, (child, positions, rows) => {
        const first = rows[0]
        const start = context.day(first?.['DECOM'])
        if (first === undefined || start === null || start >= context.year.start) return
        const before = context.rowsOf('Episodes', child, true)
        if (before.length === 0) return // NoE reports a child with no episodes at all last year
        if (!before.some((p) => context.lastRows('Episodes')[p]?.['DECOM'] === first['DECOM']))
          report('Episodes', positions[0] ?? -1)
      })
    },
    examples: {
      pass: { Episodes: [{ DECOM: '01/01/2025' }], Episodes_last: [{ DECOM: '01/01/2025' }] },
      fail: {
        Episodes: [{ DECOM: '01/02/2025' }],
        Episodes_last: [{ DECOM: '01/01/2025', DEC: '01/02/2025', REC: 'X1' }],
      },
    },
  },
  {
    code: 'NoE',
    needsLastYear: true,
    check: (context, report) => {
      forEachChildEpisodes(context, (child, positions, rows) => {
        const start = context.day(rows[0]?.['DECOM'])
        if (start !== null && start < context.year.start && context.rowsOf('Episodes', child, true).length === 0)
          report('Episodes', positions[0] ?? -1)
      })
    },
    examples: {
      pass: { Episodes: [{ DECOM: '01/01/2025' }], Episodes_last: [{ DECOM: '01/01/2025' }] },
      fail: { Episodes: [{ DECOM: '01/01/2025' }], Episodes_last: [{ CHILD: '2', DECOM: '01/01/2025' }] },
    },
  },
  {
    code: '576',
    needsLastYear: true,
    check: (context, report) => {
      context.lastRows('Missing').forEach((row, index) => {
        if (blank(row['MIS_START']) || !blank(row['MIS_END'])) return
        const carried = context
          .rowsOf('Missing', row['CHILD'] ?? '')
          .some((p) => context.rows('Missing')[p]?.['MIS_START'] === row['MIS_START'])
        if (!carried) report('Missing_last', index, ['CHILD'])
      })
    },
    examples: {
      pass: { Missing: [{ MIS_START: '20/03/2025' }], Missing_last: [{ MIS_START: '20/03/2025', MIS_END: '' }] },
      fail: { Missing: [{}], Missing_last: [{ MIS_START: '20/03/2025', MIS_END: '' }] },
    },
  },
  {
    code: '348',
    needsLastYear: true,
    check: (context, report) => {
      context.rows('OC3').forEach((row, index) => {
        const died = context
          .rowsOf('OC3', row['CHILD'] ?? '', true)
          .some((p) => context.lastRows('OC3')[p]?.['IN_TOUCH'] === 'DIED')
        if (died) report('OC3', index)
      })
    },
    examples: {
      pass: { OC3: [{}], OC3_last: [{}] },
      fail: {
        OC3: [{ IN_TOUCH: 'DIED', ACTIV: '', ACCOM: '' }],
        OC3_last: [{ IN_TOUCH: 'DIED', ACTIV: '', ACCOM: '' }],
      },
    },
  },
  {
    code: '560',
    needsLastYear: true,
    check: (context, report) => {
      context.rows('PlacedAdoption').forEach((row, index) => {
        const before = context
          .rowsOf('PlacedAdoption', row['CHILD'] ?? '', true)
          .map((p) => context.lastRows('PlacedAdoption')[p] ?? {})
        const open = before.find((b) => blank(b['DATE_PLACED_CEASED']))
        if (
          open !== undefined &&
          !blank(row['DATE_PLACED']) &&
          open['DATE_PLACED'] !== row['DATE_PLACED'] &&
          !before.some((b) => b['DATE_PLACED'] === row['DATE_PLACED'])
        )
          report('PlacedAdoption', index)
      })
    },
    examples: {
      pass: { PlacedAdoption: [{ DATE_PLACED: '01/02/2025' }], PlacedAdoption_last: [{ DATE_PLACED: '01/02/2025' }] },
      fail: { PlacedAdoption: [{ DATE_PLACED: '01/06/2025' }], PlacedAdoption_last: [{ DATE_PLACED: '01/02/2025' }] },
    },
  },
  {
    code: '561',
    needsLastYear: true,
    check: (context, report) => {
      context.rows('PlacedAdoption').forEach((row, index) => {
        const ceasedSame = context
          .rowsOf('PlacedAdoption', row['CHILD'] ?? '', true)
          .map((p) => context.lastRows('PlacedAdoption')[p] ?? {})
          .some(
            (b) =>
              b['DATE_PLACED'] === row['DATE_PLACED'] &&
              !blank(b['DATE_PLACED_CEASED']) &&
              blank(row['DATE_PLACED_CEASED']),
          )
        if (ceasedSame) report('PlacedAdoption', index)
      })
    },
    examples: {
      pass: { PlacedAdoption: [{ DATE_PLACED: '01/02/2025' }], PlacedAdoption_last: [{ DATE_PLACED: '01/02/2025' }] },
      fail: {
        PlacedAdoption: [{ DATE_PLACED: '01/02/2025' }],
        PlacedAdoption_last: [
          { DATE_PLACED: '01/02/2025', DATE_PLACED_CEASED: '01/03/2025', REASON_PLACED_CEASED: 'RD1' },
        ],
      },
    },
  },
]
