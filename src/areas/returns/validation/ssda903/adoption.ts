import type { Row903 } from '../../ssda903/tables.js'
import { blank, type Context903 } from './context.js'
import {
  ADOPTED,
  ADOPTION_PLACES,
  anyFilled,
  ceasedCare,
  codeRule,
  dateRule,
  forEachChildEpisodes,
  rowRule,
  type Rule903,
} from './helpers.js'

/** Adoption: AD1 (children adopted in the year) and PlacedAdoption (decisions to place for adoption). */

const AD1_FIELDS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR']
const COUPLES = ['MM', 'FF', 'MF']

/** An adoption: placed for adoption (A6 under a placement order) then adopted. */
const ADOPTION_EPISODES: Record<string, string>[] = [
  { DECOM: '01/05/2025', DEC: '01/06/2025', REC: 'X1' },
  { DECOM: '01/06/2025', RNE: 'B', LS: 'E1', PLACE: 'A6', DEC: '01/12/2025', REC: 'E11' },
]

function couplesRule(
  code: string,
  status: string,
  fails: (sex: string) => boolean,
  good: string,
  bad: string,
): Rule903 {
  return rowRule(code, 'AD1', (row) => row['LS_ADOPTR'] === status && fails(row['SEX_ADOPTR'] ?? ''), {
    pass: { AD1: [{ LS_ADOPTR: status, SEX_ADOPTR: good }] },
    fail: { AD1: [{ LS_ADOPTR: status, SEX_ADOPTR: bad }] },
  })
}

const decisions = (context: Context903, child: string): Row903[] =>
  context.rowsOf('PlacedAdoption', child).map((p) => context.rows('PlacedAdoption')[p] ?? {})

/** The start of the child's first placement for adoption this year, if any. */
function firstAdoptionPlacement(context: Context903, child: string): number | null {
  for (const position of context.episodesOf(child)) {
    const row = context.episode(position)
    if (ADOPTION_PLACES.includes(row['PLACE'] ?? '')) return context.day(row['DECOM'])
  }
  return null
}

export const ADOPTION_RULES: Rule903[] = [
  dateRule('112', 'AD1', 'DATE_INT'),
  dateRule('113', 'AD1', 'DATE_MATCH'),
  codeRule('114', 'AD1', 'FOSTER_CARE', 'FOSTER_CARE', '1'),
  codeRule('175', 'AD1', 'NB_ADOPTR', 'NB_ADOPTR', '1'),
  codeRule('176', 'AD1', 'SEX_ADOPTR', 'SEX_ADOPTR', 'FF'),
  codeRule('177', 'AD1', 'LS_ADOPTR', 'LS_ADOPTR', 'L12'),
  dateRule('115', 'PlacedAdoption', 'DATE_PLACED'),
  dateRule('116', 'PlacedAdoption', 'DATE_PLACED_CEASED'),
  rowRule('119', 'PlacedAdoption', (row) => blank(row['DATE_PLACED_CEASED']) !== blank(row['REASON_PLACED_CEASED']), {
    pass: { PlacedAdoption: [{ DATE_PLACED_CEASED: '01/09/2025', REASON_PLACED_CEASED: 'RD1' }] },
    fail: { PlacedAdoption: [{ DATE_PLACED_CEASED: '01/09/2025', REASON_PLACED_CEASED: '' }] },
  }),
  codeRule('120', 'PlacedAdoption', 'REASON_PLACED_CEASED', 'REASON_PLACED_CEASED', 'RD2'),
  rowRule('151', 'AD1', (row) => anyFilled(row, AD1_FIELDS) && AD1_FIELDS.some((field) => blank(row[field])), {
    pass: { AD1: [{}] },
    fail: { AD1: [{ FOSTER_CARE: '' }] },
  }),
  rowRule(
    '184',
    'PlacedAdoption',
    (row, context) => {
      const placed = context.day(row['DATE_PLACED'])
      const dob = context.dob(row['CHILD'] ?? '') ?? context.day(row['DOB'])
      return placed !== null && dob !== null && placed < dob
    },
    { pass: { PlacedAdoption: [{}] }, fail: { PlacedAdoption: [{ DOB: '01/07/2025' }] } },
  ),
  rowRule(
    '333',
    'AD1',
    (row, context) => {
      const decided = context.day(row['DATE_INT'])
      const matched = context.day(row['DATE_MATCH'])
      return decided !== null && matched !== null && decided > matched
    },
    { pass: { AD1: [{}] }, fail: { AD1: [{ DATE_INT: '02/07/2025' }] } },
  ),
  rowRule(
    '390',
    'Episodes',
    (row) => ADOPTED.includes(row['REC'] ?? '') && !ADOPTION_PLACES.includes(row['PLACE'] ?? ''),
    {
      pass: { Episodes: [{ PLACE: 'A6', LS: 'E1', DEC: '01/12/2025', REC: 'E11' }] },
      fail: { Episodes: [{ PLACE: 'U4', DEC: '01/12/2025', REC: 'E11' }] },
    },
  ),
  rowRule('511', 'AD1', (row) => row['NB_ADOPTR'] === '2' && !COUPLES.includes(row['SEX_ADOPTR'] ?? ''), {
    pass: { AD1: [{ NB_ADOPTR: '2', SEX_ADOPTR: 'FF', LS_ADOPTR: 'L12' }] },
    fail: { AD1: [{ NB_ADOPTR: '2', SEX_ADOPTR: 'F1', LS_ADOPTR: 'L12' }] },
  }),
  rowRule('514', 'AD1', (row) => row['LS_ADOPTR'] === 'L0' && COUPLES.includes(row['SEX_ADOPTR'] ?? ''), {
    pass: { AD1: [{ NB_ADOPTR: '1', LS_ADOPTR: 'L0', SEX_ADOPTR: 'F1' }] },
    fail: { AD1: [{ NB_ADOPTR: '1', LS_ADOPTR: 'L0', SEX_ADOPTR: 'MF' }] },
  }),
  couplesRule('517', 'L3', (sex) => sex !== 'MF', 'MF', 'FF'),
  couplesRule('518', 'L4', (sex) => !['MM', 'FF'].includes(sex), 'MM', 'MF'),
  couplesRule('519', 'L2', (sex) => !COUPLES.includes(sex), 'FF', 'F1'),
  couplesRule('520', 'L11', (sex) => ['MM', 'FF'].includes(sex), 'MF', 'MM'),
  couplesRule('524', 'L12', (sex) => !['MM', 'FF'].includes(sex), 'FF', 'MF'),
  rowRule(
    '521',
    'AD1',
    (row, context) => {
      const decided = context.day(row['DATE_INT'])
      const placed = firstAdoptionPlacement(context, row['CHILD'] ?? '')
      return decided !== null && placed !== null && decided > placed
    },
    {
      pass: { Episodes: ADOPTION_EPISODES, AD1: [{ DATE_INT: '01/06/2025' }] },
      fail: { Episodes: ADOPTION_EPISODES, AD1: [{ DATE_INT: '02/06/2025', DATE_MATCH: '02/07/2025' }] },
    },
  ),
  rowRule(
    '522',
    'PlacedAdoption',
    (row, context) => {
      const placed = context.day(row['DATE_PLACED'])
      const ceased = context.day(row['DATE_PLACED_CEASED'])
      return placed !== null && ceased !== null && placed > ceased
    },
    {
      pass: { PlacedAdoption: [{ DATE_PLACED_CEASED: '01/09/2025', REASON_PLACED_CEASED: 'RD1' }] },
      fail: { PlacedAdoption: [{ DATE_PLACED_CEASED: '01/05/2025', REASON_PLACED_CEASED: 'RD1' }] },
    },
  ),
  rowRule(
    '523',
    'AD1',
    (row, context) => {
      const made = decisions(context, row['CHILD'] ?? '')
      return !blank(row['DATE_INT']) && made.length > 0 && !made.some((d) => d['DATE_PLACED'] === row['DATE_INT'])
    },
    {
      pass: { AD1: [{}], PlacedAdoption: [{ DATE_PLACED: '01/06/2025' }] },
      fail: { AD1: [{}], PlacedAdoption: [{ DATE_PLACED: '02/06/2025' }] },
    },
  ),
  rowRule(
    '525',
    'AD1',
    (row, context) =>
      anyFilled(row, AD1_FIELDS) && decisions(context, row['CHILD'] ?? '').some((d) => !blank(d['DATE_PLACED_CEASED'])),
    {
      pass: { AD1: [{}], PlacedAdoption: [{}] },
      fail: { AD1: [{}], PlacedAdoption: [{ DATE_PLACED_CEASED: '01/09/2025', REASON_PLACED_CEASED: 'RD1' }] },
    },
  ),
  {
    code: '551',
    check: (context, report) => {
      forEachChildEpisodes(context, (child, positions, rows) => {
        if (decisions(context, child).some((d) => !blank(d['DATE_PLACED']))) return
        rows.forEach((row, i) => {
          if (ADOPTION_PLACES.includes(row['PLACE'] ?? '')) report('Episodes', positions[i] ?? -1)
        })
      })
    },
    examples: {
      pass: { Episodes: ADOPTION_EPISODES, PlacedAdoption: [{}] },
      fail: { Episodes: ADOPTION_EPISODES },
    },
  },
  {
    code: '552',
    check: (context, report) => {
      for (const [child, positions] of context.byChild('PlacedAdoption')) {
        const placed = firstAdoptionPlacement(context, child)
        if (placed === null) continue
        const dates = positions.map((p) => context.day(context.rows('PlacedAdoption')[p]?.['DATE_PLACED']))
        if (dates.every((date) => date !== null && date > placed))
          for (const p of positions) report('PlacedAdoption', p)
      }
    },
    examples: {
      pass: { Episodes: ADOPTION_EPISODES, PlacedAdoption: [{ DATE_PLACED: '01/06/2025' }] },
      fail: { Episodes: ADOPTION_EPISODES, PlacedAdoption: [{ DATE_PLACED: '02/06/2025' }] },
    },
  },
  {
    code: '553',
    check: (context, report) => {
      forEachChildEpisodes(context, (child, positions, rows) => {
        if (decisions(context, child).length > 0) return
        const order = rows.findIndex((row) => row['LS'] === 'E1')
        if (order >= 0) report('Episodes', positions[order] ?? -1, ['CHILD', 'LS'])
      })
    },
    examples: {
      pass: { Episodes: [{ LS: 'E1' }], PlacedAdoption: [{}] },
      fail: { Episodes: [{ LS: 'E1' }] },
    },
  },
  {
    code: '558',
    check: (context, report) => {
      forEachChildEpisodes(context, (child, _positions, rows) => {
        if (!rows.some((row) => ADOPTED.includes(row['REC'] ?? ''))) return
        for (const p of context.rowsOf('PlacedAdoption', child))
          if (!blank(context.rows('PlacedAdoption')[p]?.['DATE_PLACED_CEASED'])) report('PlacedAdoption', p)
      })
    },
    examples: {
      pass: { Episodes: ADOPTION_EPISODES, PlacedAdoption: [{}] },
      fail: {
        Episodes: ADOPTION_EPISODES,
        PlacedAdoption: [{ DATE_PLACED_CEASED: '01/09/2025', REASON_PLACED_CEASED: 'RD1' }],
      },
    },
  },
  rowRule(
    '563',
    'PlacedAdoption',
    (row) => blank(row['DATE_PLACED']) && (!blank(row['REASON_PLACED_CEASED']) || !blank(row['DATE_PLACED_CEASED'])),
    {
      pass: { PlacedAdoption: [{ DATE_PLACED_CEASED: '01/09/2025', REASON_PLACED_CEASED: 'RD1' }] },
      fail: { PlacedAdoption: [{ DATE_PLACED: '', DATE_PLACED_CEASED: '01/09/2025', REASON_PLACED_CEASED: 'RD1' }] },
    },
  ),
  {
    code: '579',
    check: (context, report) => {
      for (const positions of context.byChild('PlacedAdoption').values()) {
        const rows = context.rows('PlacedAdoption')
        const sorted = positions
          .filter((p) => context.day(rows[p]?.['DATE_PLACED']) !== null)
          .sort((a, b) => (context.day(rows[a]?.['DATE_PLACED']) ?? 0) - (context.day(rows[b]?.['DATE_PLACED']) ?? 0))
        for (let i = 1; i < sorted.length; i++) {
          const ceased = context.day(rows[sorted[i - 1] ?? -1]?.['DATE_PLACED_CEASED'])
          const placed = context.day(rows[sorted[i] ?? -1]?.['DATE_PLACED']) ?? 0
          if (ceased === null || ceased > placed) report('PlacedAdoption', sorted[i] ?? -1)
        }
      }
    },
    examples: {
      pass: {
        PlacedAdoption: [
          { DATE_PLACED: '01/05/2025', DATE_PLACED_CEASED: '01/06/2025', REASON_PLACED_CEASED: 'RD1' },
          { DATE_PLACED: '01/07/2025' },
        ],
      },
      fail: { PlacedAdoption: [{ DATE_PLACED: '01/05/2025' }, { DATE_PLACED: '01/07/2025' }] },
    },
  },
  {
    code: '583',
    check: (context, report) => {
      for (const positions of context.byChild('PlacedAdoption').values()) {
        const rows = context.rows('PlacedAdoption')
        const open = positions.filter((p) => !blank(rows[p]?.['DATE_PLACED']) && blank(rows[p]?.['DATE_PLACED_CEASED']))
        if (open.length > 1) for (const p of open) report('PlacedAdoption', p)
      }
    },
    examples: {
      pass: { PlacedAdoption: [{}] },
      fail: { PlacedAdoption: [{ DATE_PLACED: '01/05/2025' }, { DATE_PLACED: '01/07/2025' }] },
    },
  },
  {
    code: '601',
    check: (context, report) => {
      forEachChildEpisodes(context, (child, positions, rows) => {
        const ad1 = context.rowsOf('AD1', child).map((p) => context.rows('AD1')[p] ?? {})
        const complete = ad1.some((row) => AD1_FIELDS.every((field) => !blank(row[field])))
        rows.forEach((row, i) => {
          const ended = context.day(row['DEC'])
          if (ADOPTED.includes(row['REC'] ?? '') && ended !== null && ended >= context.year.start && !complete)
            report('Episodes', positions[i] ?? -1)
        })
      })
    },
    examples: {
      pass: { Episodes: ADOPTION_EPISODES, AD1: [{}] },
      fail: { Episodes: ADOPTION_EPISODES },
    },
  },
  rowRule(
    '602',
    'AD1',
    (row, context) =>
      !context.rowsOf('Episodes', row['CHILD'] ?? '').some((p) => ADOPTED.includes(context.episode(p)['REC'] ?? '')),
    { pass: { Episodes: ADOPTION_EPISODES, AD1: [{}] }, fail: { Episodes: [{}], AD1: [{}] } },
  ),
  rowRule(
    '335',
    'AD1',
    (row, context) => {
      const adoption = context
        .episodesOf(row['CHILD'] ?? '')
        .map((p) => context.episode(p))
        .find((episode) => ADOPTED.includes(episode['REC'] ?? ''))
      if (adoption === undefined) return false
      const withFosterCarer = ['A3', 'A5'].includes(adoption['PLACE'] ?? '')
      return (row['FOSTER_CARE'] === '0' && withFosterCarer) || (row['FOSTER_CARE'] === '1' && !withFosterCarer)
    },
    {
      pass: { Episodes: ADOPTION_EPISODES, AD1: [{ FOSTER_CARE: '0' }] },
      fail: { Episodes: ADOPTION_EPISODES, AD1: [{ FOSTER_CARE: '1' }] },
    },
  ),
  rowRule(
    '1003',
    'PlacedAdoption',
    (row, context) => {
      const placed = context.day(row['DATE_PLACED'])
      const first = context.episode(context.episodesOf(row['CHILD'] ?? '')[0] ?? -1)
      const started = context.day(first['DECOM'])
      return placed !== null && started !== null && first['RNE'] === 'S' && placed < started
    },
    {
      pass: { Episodes: [{}], PlacedAdoption: [{ DATE_PLACED: '01/06/2025' }] },
      fail: { Episodes: [{}], PlacedAdoption: [{ DATE_PLACED: '01/04/2025' }] },
    },
  ),
  rowRule(
    '117',
    'PlacedAdoption',
    (row, context) => {
      const lastCeased = context.day(
        ceasedCare(context.episodesOf(row['CHILD'] ?? '').map((p) => context.episode(p)))?.['DEC'],
      )
      return ['DATE_PLACED', 'DATE_PLACED_CEASED'].some((field) => {
        const date = context.day(row[field])
        return date !== null && (date > context.year.end || (lastCeased !== null && date > lastCeased))
      })
    },
    {
      pass: { PlacedAdoption: [{ DATE_PLACED: '01/06/2025' }] },
      fail: { PlacedAdoption: [{ DATE_PLACED: '01/04/2026' }] },
    },
  ),
  rowRule(
    '118',
    'PlacedAdoption',
    (row, context) => {
      const ceased = context.day(row['DATE_PLACED_CEASED'])
      return ceased !== null && ceased < context.year.start
    },
    {
      pass: {
        PlacedAdoption: [{ DATE_PLACED: '01/01/2025', DATE_PLACED_CEASED: '01/05/2025', REASON_PLACED_CEASED: 'RD1' }],
      },
      fail: {
        PlacedAdoption: [{ DATE_PLACED: '01/01/2025', DATE_PLACED_CEASED: '01/03/2025', REASON_PLACED_CEASED: 'RD1' }],
      },
    },
  ),
]
