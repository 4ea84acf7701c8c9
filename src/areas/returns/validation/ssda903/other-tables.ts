import { isValidCode } from '../../../codes/code-lists.js'
import type { Row903 } from '../../ssda903/tables.js'
import { addYears, dayFromParts, invalidUkDate } from '../dates.js'
import { blank, type Context903 } from './context.js'
import { anyFilled, codeRule, dateRule, rowRule, type Rule903 } from './helpers.js'

/** UASC, previous permanence, social worker episodes and deprivation of liberty orders (DoLo, 2026/27). */

const FROM_2016 = dayFromParts(2016, 4, 1)

export const UASC_RULES: Rule903[] = [
  dateRule('104', 'UASC', 'DUC'),
  rowRule(
    '304',
    'UASC',
    (row, context) => {
      const ceased = context.day(row['DUC'])
      const dob = context.day(row['DOB']) ?? context.dob(row['CHILD'] ?? '')
      return ceased !== null && dob !== null && ceased > addYears(dob, 18)
    },
    { pass: { UASC: [{ DUC: '01/06/2030' }] }, fail: { UASC: [{ DUC: '02/06/2030' }] } },
  ),
]

export const PREVIOUS_PERMANENCE_RULES: Rule903[] = [
  codeRule('631', 'PrevPerm', 'PREV_PERM', 'PREV_PERM', 'P2'),
  rowRule(
    '633',
    'PrevPerm',
    (row) =>
      !blank(row['LA_PERM']) &&
      !/^\d{3}$/.test((row['LA_PERM'] ?? '').trim()) &&
      !isValidCode('LA_PERM_NON_LA', row['LA_PERM']),
    {
      pass: { PrevPerm: [{ PREV_PERM: 'P1', LA_PERM: '888', DATE_PERM: '01/01/2020' }] },
      fail: { PrevPerm: [{ PREV_PERM: 'P1', LA_PERM: 'XYZ', DATE_PERM: '01/01/2020' }] },
    },
  ),
  rowRule(
    '635',
    'PrevPerm',
    (row) => row['PREV_PERM'] === 'Z1' && (!blank(row['LA_PERM']) || !blank(row['DATE_PERM'])),
    {
      pass: { PrevPerm: [{ PREV_PERM: 'Z1' }] },
      fail: { PrevPerm: [{ PREV_PERM: 'Z1', LA_PERM: '888' }] },
    },
  ),
  rowRule(
    '634',
    'PrevPerm',
    (row, context) => {
      const first = context.day(context.episode(context.episodesOf(row['CHILD'] ?? '')[0] ?? -1)['DECOM'])
      return anyFilled(row, ['PREV_PERM', 'LA_PERM', 'DATE_PERM']) && first !== null && first < FROM_2016
    },
    {
      pass: { Episodes: [{}], PrevPerm: [{}] },
      fail: { Episodes: [{ DECOM: '01/01/2016' }], PrevPerm: [{}] },
    },
  ),
  rowRule(
    '630',
    'Episodes',
    (row, context) => {
      const start = context.day(row['DECOM'])
      if (row['RNE'] !== 'S' || start === null || start < context.year.start || start < FROM_2016) return false
      return !context
        .rowsOf('PrevPerm', row['CHILD'] ?? '')
        .some((p) => !blank(context.rows('PrevPerm')[p]?.['PREV_PERM']))
    },
    { pass: { Episodes: [{}], PrevPerm: [{}] }, fail: { Episodes: [{}] } },
  ),
]

const swDay = (context: Context903, row: Row903, field: 'SW_DECOM' | 'SW_DEC') => context.day(row[field])

/** Each child's social worker episodes in start order. */
function forEachChildSw(context: Context903, visit: (child: string, positions: number[], rows: Row903[]) => void) {
  const all = context.rows('SWEpisodes')
  for (const [child, positions] of context.byChild('SWEpisodes')) {
    const sorted = [...positions].sort(
      (a, b) =>
        (swDay(context, all[a] ?? {}, 'SW_DECOM') ?? 0) - (swDay(context, all[b] ?? {}, 'SW_DECOM') ?? 0) || a - b,
    )
    visit(
      child,
      sorted,
      sorted.map((p) => all[p] ?? {}),
    )
  }
}

const TWO_WORKERS: Record<string, string>[] = [
  { SW_ID: 'SW1', SW_DECOM: '01/05/2025', SW_DEC: '01/09/2025', SW_REASON: 'MANAGE' },
  { SW_ID: 'SW2', SW_DECOM: '01/09/2025' },
]

export const SOCIAL_WORKER_RULES: Rule903[] = [
  rowRule('SW01aSTG1', 'SWEpisodes', (row) => blank(row['SW_DECOM']) || blank(row['SW_ID']), {
    pass: { SWEpisodes: [{}] },
    fail: { SWEpisodes: [{ SW_ID: '' }] },
  }),
  rowRule('SW02STG1', 'SWEpisodes', (row) => !blank(row['SW_ID']) && !/^(SW|XX)/.test(row['SW_ID'] ?? ''), {
    pass: { SWEpisodes: [{ SW_ID: 'XX12' }] },
    fail: { SWEpisodes: [{ SW_ID: 'AB12' }] },
  }),
  dateRule('SW04STG1', 'SWEpisodes', 'SW_DECOM'),
  dateRule('SW05STG1', 'SWEpisodes', 'SW_DEC'),
  rowRule(
    'SW06STG2',
    'SWEpisodes',
    (row, context) => {
      const start = swDay(context, row, 'SW_DECOM')
      return start !== null && start > context.year.end
    },
    { pass: { SWEpisodes: [{}] }, fail: { SWEpisodes: [{ SW_DECOM: '01/04/2026' }] } },
  ),
  rowRule(
    'SW07STG2',
    'SWEpisodes',
    (row, context) => {
      const end = swDay(context, row, 'SW_DEC')
      return end !== null && (end < context.year.start || end > context.year.end)
    },
    {
      pass: { SWEpisodes: [{ SW_DEC: '01/09/2025', SW_REASON: 'MANAGE' }] },
      fail: { SWEpisodes: [{ SW_DECOM: '01/01/2025', SW_DEC: '01/03/2025', SW_REASON: 'MANAGE' }] },
    },
  ),
  {
    code: 'SW08STG2',
    check: (context, report) =>
      forEachChildSw(context, (_child, positions, rows) => {
        rows.forEach((row, i) => {
          if (i < rows.length - 1 && blank(row['SW_DEC'])) report('SWEpisodes', positions[i] ?? -1)
        })
      }),
    examples: {
      pass: { SWEpisodes: TWO_WORKERS },
      fail: { SWEpisodes: [{ SW_ID: 'SW1' }, { SW_ID: 'SW2', SW_DECOM: '01/09/2025' }] },
    },
  },
  rowRule(
    'SW09STG2',
    'SWEpisodes',
    (row, context) => {
      const start = swDay(context, row, 'SW_DECOM')
      return start !== null && start === swDay(context, row, 'SW_DEC')
    },
    {
      pass: { SWEpisodes: [{ SW_DEC: '02/05/2025', SW_REASON: 'MANAGE' }] },
      fail: { SWEpisodes: [{ SW_DEC: '01/05/2025', SW_REASON: 'MANAGE' }] },
    },
  ),
  {
    code: 'SW10STG2',
    check: (context, report) =>
      forEachChildSw(context, (_child, positions, rows) => {
        for (let i = 1; i < rows.length; i++) {
          const previousEnd = swDay(context, rows[i - 1] ?? {}, 'SW_DEC')
          const start = swDay(context, rows[i] ?? {}, 'SW_DECOM')
          if (previousEnd !== null && start !== null && start < previousEnd) report('SWEpisodes', positions[i] ?? -1)
        }
      }),
    examples: {
      pass: { SWEpisodes: TWO_WORKERS },
      fail: {
        SWEpisodes: [
          { SW_ID: 'SW1', SW_DECOM: '01/05/2025', SW_DEC: '01/09/2025', SW_REASON: 'MANAGE' },
          { SW_ID: 'SW2', SW_DECOM: '01/08/2025' },
        ],
      },
    },
  },
  {
    atYearEnd: true,
    code: 'SW11bSTG2',
    check: (context, report) =>
      forEachChildSw(context, (child, positions, rows) => {
        const last = rows[rows.length - 1]
        const end = last === undefined ? null : swDay(context, last, 'SW_DEC')
        if (end !== null && end < context.year.end && context.lookedAfterOn(child, context.year.end))
          report('SWEpisodes', positions[positions.length - 1] ?? -1)
      }),
    examples: {
      pass: { Episodes: [{}], SWEpisodes: TWO_WORKERS },
      fail: { Episodes: [{}], SWEpisodes: [{ SW_DEC: '01/09/2025', SW_REASON: 'MANAGE' }] },
    },
  },
  codeRule('SW13STG1', 'SWEpisodes', 'SW_REASON', 'SW_REASON', 'OTHERS'),
  {
    atYearEnd: true,
    code: 'SW17STG2',
    check: (context, report) => {
      for (const [child, episodes] of context.episodes()) {
        if (!context.lookedAfterOn(child, context.year.end)) continue
        const workers = context.rowsOf('SWEpisodes', child)
        const open = workers.some((p) => {
          const row = context.rows('SWEpisodes')[p] ?? {}
          const start = swDay(context, row, 'SW_DECOM')
          const end = swDay(context, row, 'SW_DEC')
          return start !== null && start <= context.year.end && (end === null || end >= context.year.end)
        })
        if (!open) {
          if (workers.length > 0) report('SWEpisodes', workers[workers.length - 1] ?? -1)
          else report('Episodes', episodes[episodes.length - 1] ?? -1, ['CHILD'])
        }
      }
    },
    examples: { pass: { Episodes: [{}], SWEpisodes: [{}] }, fail: { Episodes: [{}] } },
  },
]

const DOLO_YEAR = '2026/27'
const dolo = (rows: Record<string, string>[]) => ({ DoLo: rows })

function doloRule(
  code: string,
  fails: (row: Row903, context: Context903) => boolean,
  pass: object,
  fail: object,
): Rule903 {
  const rule = rowRule(code, 'DoLo', fails, {
    pass: dolo([pass as Record<string, string>]),
    fail: dolo([fail as Record<string, string>]),
  })
  return { ...rule, examples: { ...rule.examples, year: DOLO_YEAR } }
}

export const DOLO_RULES: Rule903[] = [
  doloRule('700', (row) => invalidUkDate(row['DOLO_START']), {}, { DOLO_START: '31/02/2026' }),
  doloRule('701', (row) => invalidUkDate(row['DOLO_END']), { DOLO_END: '01/07/2026' }, { DOLO_END: '31/06/2026' }),
  doloRule(
    '702',
    (row, context) => {
      const start = context.day(row['DOLO_START'])
      const end = context.day(row['DOLO_END'])
      return start !== null && end !== null && end < start
    },
    { DOLO_END: '01/07/2026' },
    { DOLO_END: '01/05/2026' },
  ),
  doloRule(
    '703',
    (row, context) => {
      const start = context.day(row['DOLO_START'])
      return start !== null && start > context.year.end
    },
    {},
    { DOLO_START: '01/04/2027' },
  ),
  doloRule(
    '704',
    (row, context) => {
      const end = context.day(row['DOLO_END'])
      return end !== null && (end < context.year.start || end > context.year.end)
    },
    { DOLO_END: '01/07/2026' },
    { DOLO_END: '01/04/2027' },
  ),
  {
    code: '705',
    check: (context, report) => {
      const rows = context.rows('DoLo')
      for (const positions of context.byChild('DoLo').values()) {
        const sorted = [...positions].sort(
          (a, b) => (context.day(rows[a]?.['DOLO_START']) ?? 0) - (context.day(rows[b]?.['DOLO_START']) ?? 0),
        )
        for (let i = 1; i < sorted.length; i++) {
          const previousEnd = context.day(rows[sorted[i - 1] ?? -1]?.['DOLO_END'])
          const start = context.day(rows[sorted[i] ?? -1]?.['DOLO_START']) ?? 0
          if (previousEnd === null || start < previousEnd) report('DoLo', sorted[i] ?? -1)
        }
      }
    },
    examples: {
      year: DOLO_YEAR,
      pass: dolo([{ DOLO_END: '01/07/2026' }, { DOLO_START: '01/08/2026' }]),
      fail: dolo([{}, { DOLO_START: '01/08/2026' }]),
    },
  },
  {
    code: '707',
    check: (context, report) => {
      for (const [child, positions] of context.byChild('DoLo')) {
        const episodes = context.episodesOf(child).map((p) => context.episode(p))
        const last = episodes[episodes.length - 1]
        if (last === undefined || blank(last['DEC']) || last['REC'] === 'X1') continue
        for (const p of positions) if (blank(context.rows('DoLo')[p]?.['DOLO_END'])) report('DoLo', p)
      }
    },
    examples: {
      year: DOLO_YEAR,
      pass: { Episodes: [{ DECOM: '01/05/2026', DEC: '01/09/2026', REC: 'E13' }], DoLo: [{ DOLO_END: '01/07/2026' }] },
      fail: { Episodes: [{ DECOM: '01/05/2026', DEC: '01/09/2026', REC: 'E13' }], DoLo: [{}] },
    },
  },
  doloRule(
    '708',
    (row, context) => {
      const start = context.day(row['DOLO_START'])
      const dob = context.day(row['DOB']) ?? context.dob(row['CHILD'] ?? '')
      return start !== null && dob !== null && start < dob
    },
    {},
    { DOB: '01/07/2026' },
  ),
]
