import type { Row903 } from '../../ssda903/tables.js'
import { blank, type Context903 } from './context.js'
import { ceasedCare, codeRule, dateRule, forEachChildEpisodes, RESPITE_LS, rowRule, type Rule903 } from './helpers.js'

/** Reviews (participation at looked-after reviews) and missing or away from placement. */

const ageAtReview = (context: Context903, row: Row903) => context.ageOn(row['CHILD'] ?? '', context.day(row['REVIEW']))

export const REVIEW_RULES: Rule903[] = [
  dateRule('166', 'Reviews', 'REVIEW', { required: true }),
  codeRule('167', 'Reviews', 'REVIEW_CODE', 'REVIEW_CODE', 'PN3', { required: true }),
  rowRule(
    '440',
    'Reviews',
    (row, context) => {
      const age = ageAtReview(context, row)
      return row['REVIEW_CODE'] === 'PN0' && age !== null && age >= 4
    },
    {
      pass: { Header: [{ DOB: '01/06/2023' }], Reviews: [{ DOB: '01/06/2023', REVIEW_CODE: 'PN0' }] },
      fail: { Header: [{ DOB: '01/06/2012' }], Reviews: [{ REVIEW_CODE: 'PN0' }] },
    },
  ),
  rowRule(
    '441',
    'Reviews',
    (row, context) => {
      const age = ageAtReview(context, row)
      return !blank(row['REVIEW_CODE']) && row['REVIEW_CODE'] !== 'PN0' && age !== null && age < 4
    },
    {
      pass: { Header: [{ DOB: '01/06/2012' }], Reviews: [{ REVIEW_CODE: 'PN1' }] },
      fail: { Header: [{ DOB: '01/06/2023' }], Reviews: [{ DOB: '01/06/2023', REVIEW_CODE: 'PN1' }] },
    },
  ),
  {
    code: '399',
    check: (context, report) => {
      forEachChildEpisodes(context, (child, _positions, rows) => {
        if (rows.length === 0 || !rows.every((row) => RESPITE_LS.includes(row['LS'] ?? ''))) return
        const header = context.rowsOf('Header', child)[0]
        if (header !== undefined && !blank(context.rows('Header')[header]?.['MOTHER']))
          report('Header', header, ['MOTHER'])
        for (const review of context.rowsOf('Reviews', child)) report('Reviews', review, ['REVIEW', 'REVIEW_CODE'])
      })
    },
    examples: {
      pass: { Episodes: [{ LS: 'V3', HOME_POST: '', PL_POST: '' }] },
      fail: { Episodes: [{ LS: 'V3', HOME_POST: '', PL_POST: '' }], Reviews: [{}] },
    },
  },
]

const missingDay = (context: Context903, row: Row903, field: 'MIS_START' | 'MIS_END') => context.day(row[field])

export const MISSING_RULES: Rule903[] = [
  rowRule('564', 'Missing', (row) => !blank(row['MISSING']) && blank(row['MIS_START']), {
    pass: { Missing: [{}] },
    fail: { Missing: [{ MIS_START: '' }] },
  }),
  rowRule('565', 'Missing', (row) => !blank(row['MIS_START']) && blank(row['MISSING']), {
    pass: { Missing: [{}] },
    fail: { Missing: [{ MISSING: '' }] },
  }),
  rowRule('566', 'Missing', (row) => !blank(row['MIS_END']) && blank(row['MISSING']), {
    pass: { Missing: [{ MISSING: '', MIS_START: '', MIS_END: '' }] },
    fail: { Missing: [{ MISSING: '', MIS_START: '' }] },
  }),
  rowRule(
    '567',
    'Missing',
    (row, context) => {
      const start = missingDay(context, row, 'MIS_START')
      const end = missingDay(context, row, 'MIS_END')
      return start !== null && end !== null && end < start
    },
    { pass: { Missing: [{}] }, fail: { Missing: [{ MIS_END: '31/07/2025' }] } },
  ),
  rowRule(
    '570',
    'Missing',
    (row, context) => {
      const start = missingDay(context, row, 'MIS_START')
      return start !== null && start > context.year.end
    },
    { pass: { Missing: [{}] }, fail: { Missing: [{ MIS_START: '01/04/2026', MIS_END: '' }] } },
  ),
  rowRule(
    '571',
    'Missing',
    (row, context) => {
      const end = missingDay(context, row, 'MIS_END')
      return end !== null && (end < context.year.start || end > context.year.end)
    },
    { pass: { Missing: [{}] }, fail: { Missing: [{ MIS_END: '02/04/2026' }] } },
  ),
  {
    code: '574',
    check: (context, report) => {
      const rows = context.rows('Missing')
      for (const positions of context.byChild('Missing').values()) {
        const sorted = positions
          .filter((p) => missingDay(context, rows[p] ?? {}, 'MIS_START') !== null)
          .sort(
            (a, b) =>
              (missingDay(context, rows[a] ?? {}, 'MIS_START') ?? 0) -
              (missingDay(context, rows[b] ?? {}, 'MIS_START') ?? 0),
          )
        for (let i = 1; i < sorted.length; i++) {
          const previous = rows[sorted[i - 1] ?? -1] ?? {}
          const current = rows[sorted[i] ?? -1] ?? {}
          const previousEnd = missingDay(context, previous, 'MIS_END')
          const start = missingDay(context, current, 'MIS_START') ?? 0
          if (previousEnd === null || start < previousEnd) report('Missing', sorted[i] ?? -1)
        }
      }
    },
    examples: {
      pass: { Missing: [{}, { MIS_START: '05/08/2025', MIS_END: '06/08/2025' }] },
      fail: { Missing: [{ MIS_END: '' }, { MIS_START: '05/08/2025', MIS_END: '06/08/2025' }] },
    },
  },
  {
    code: '575',
    check: (context, report) => {
      context.rows('Missing').forEach((row, index) => {
        const start = missingDay(context, row, 'MIS_START')
        if (start === null || !blank(row['MIS_END'])) return
        const placementEnded = context.episodesOf(row['CHILD'] ?? '').some((position) => {
          const episode = context.episode(position)
          const from = context.day(episode['DECOM'])
          const to = context.day(episode['DEC'])
          return from !== null && to !== null && from <= start && start <= to
        })
        if (placementEnded) report('Missing', index)
      })
    },
    examples: {
      pass: { Episodes: [{}], Missing: [{ MIS_END: '' }] },
      fail: { Episodes: [{ DEC: '01/09/2025', REC: 'E13' }], Missing: [{ MIS_END: '' }] },
    },
  },
  {
    code: '577',
    check: (context, report) => {
      forEachChildEpisodes(context, (child, _positions, rows) => {
        if (ceasedCare(rows) === undefined) return
        for (const position of context.rowsOf('Missing', child)) {
          const row = context.rows('Missing')[position]
          if (row && !blank(row['MIS_START']) && blank(row['MIS_END'])) report('Missing', position)
        }
      })
    },
    examples: {
      pass: { Episodes: [{ DEC: '01/09/2025', REC: 'E13' }], Missing: [{}] },
      fail: { Episodes: [{ DEC: '01/09/2025', REC: 'E13' }], Missing: [{ MIS_END: '' }] },
    },
  },
  {
    code: '578',
    check: (context, report) => {
      forEachChildEpisodes(context, (child, _positions, rows) => {
        const ceased = context.day(ceasedCare(rows)?.['DEC'])
        if (ceased === null) return
        for (const position of context.rowsOf('Missing', child)) {
          const start = missingDay(context, context.rows('Missing')[position] ?? {}, 'MIS_START')
          if (start !== null && start > ceased) report('Missing', position)
        }
      })
    },
    examples: {
      pass: { Episodes: [{ DEC: '01/09/2025', REC: 'E13' }], Missing: [{}] },
      fail: {
        Episodes: [{ DEC: '01/09/2025', REC: 'E13' }],
        Missing: [{ MIS_START: '02/09/2025', MIS_END: '03/09/2025' }],
      },
    },
  },
  {
    code: '580',
    check: (context, report) => {
      forEachChildEpisodes(context, (child, positions, rows) => {
        const last = ceasedCare(rows)
        const ceased = context.day(last?.['DEC'])
        if (last === undefined || ceased === null || last['REC'] === 'E8') return
        const missingAtEnd = context.rowsOf('Missing', child).some((position) => {
          const row = context.rows('Missing')[position] ?? {}
          const start = missingDay(context, row, 'MIS_START')
          const end = missingDay(context, row, 'MIS_END')
          return start !== null && start <= ceased && (end === null || end > ceased)
        })
        if (missingAtEnd) report('Episodes', positions[positions.length - 1] ?? -1, ['REC'])
      })
    },
    examples: {
      pass: { Episodes: [{ DEC: '01/09/2025', REC: 'E8' }], Missing: [{ MIS_START: '30/08/2025', MIS_END: '' }] },
      fail: { Episodes: [{ DEC: '01/09/2025', REC: 'E13' }], Missing: [{ MIS_START: '30/08/2025', MIS_END: '' }] },
    },
  },
  {
    code: '581',
    check: (context, report) => {
      context.rows('Missing').forEach((row, index) => {
        const start = missingDay(context, row, 'MIS_START')
        const episodes = context.episodesOf(row['CHILD'] ?? '')
        const first = context.day(context.episode(episodes[0] ?? -1)['DECOM'])
        if (start !== null && first !== null && start < first) report('Missing', index)
      })
    },
    examples: {
      pass: { Episodes: [{}], Missing: [{}] },
      fail: { Episodes: [{ DECOM: '01/09/2025' }], Missing: [{}] },
    },
  },
  rowRule(
    '586',
    'Missing',
    (row, context) => {
      const start = missingDay(context, row, 'MIS_START')
      const dob = context.day(row['DOB']) ?? context.dob(row['CHILD'] ?? '')
      return start !== null && dob !== null && start < dob
    },
    { pass: { Missing: [{}] }, fail: { Missing: [{ DOB: '01/09/2025' }] } },
  ),
  dateRule('1004', 'Missing', 'MIS_START'),
  dateRule('1005', 'Missing', 'MIS_END'),
  codeRule('1006', 'Missing', 'MISSING', 'MISSING', 'A'),
]
