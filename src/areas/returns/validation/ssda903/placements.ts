import type { Row903 } from '../../ssda903/tables.js'
import { blank, type Context903 } from './context.js'
import {
  ADOPTION_PLACES,
  codeRule,
  episodeDays,
  forEachChildEpisodes,
  FOSTER_PLACES,
  NO_PROVIDER_PLACES,
  RESPITE_LS,
  rowRule,
  TEMPORARY_PLACES,
  type Rule903,
} from './helpers.js'
import { dayFromParts } from '../dates.js'

/** Placements: placement type, provider, postcodes, ages for a placement type, temporary placements. */

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i
const squash = (value: string | undefined) => (value ?? '').replace(/\s+/g, '').toUpperCase()

function minimumAgeRule(code: string, place: string, minimum: number, dob: [string, string]): Rule903 {
  return rowRule(
    code,
    'Episodes',
    (row, context) => {
      const age = context.ageOn(row['CHILD'] ?? '', context.day(row['DECOM']))
      return row['PLACE'] === place && age !== null && age < minimum
    },
    {
      pass: { Header: [{ DOB: dob[0] }], Episodes: [{ PLACE: place, PLACE_PROVIDER: 'PR4' }] },
      fail: { Header: [{ DOB: dob[1] }], Episodes: [{ PLACE: place, PLACE_PROVIDER: 'PR4' }] },
    },
  )
}

function temporaryLengthRule(code: string, place: string, maxDays: number): Rule903 {
  return rowRule(
    code,
    'Episodes',
    (row, context) => {
      const days = episodeDays(context, row)
      return row['PLACE'] === place && days !== null && days > maxDays
    },
    {
      pass: { Episodes: [{ PLACE: place, PLACE_PROVIDER: '', RNE: 'P', DEC: '02/05/2025', REC: 'X1' }] },
      fail: { Episodes: [{ PLACE: place, PLACE_PROVIDER: '', RNE: 'P', DEC: '01/03/2026', REC: 'X1' }] },
    },
  )
}

function providerExclusionRule(code: string, provider: string, places: string[], allowed: string): Rule903 {
  return rowRule(code, 'Episodes', (row) => row['PLACE_PROVIDER'] === provider && places.includes(row['PLACE'] ?? ''), {
    pass: { Episodes: [{ PLACE_PROVIDER: provider, PLACE: allowed }] },
    fail: { Episodes: [{ PLACE_PROVIDER: provider, PLACE: places[0] ?? '' }] },
  })
}

const inUasc = (context: Context903, row: Row903) => context.rowsOf('UASC', row['CHILD'] ?? '').length > 0
const FROM_2015 = dayFromParts(2015, 4, 1)

export const PLACEMENT_RULES: Rule903[] = [
  codeRule('178', 'Episodes', 'PLACE_PROVIDER', 'PLACE_PROVIDER', 'PR2'),
  rowRule(
    '213',
    'Episodes',
    (row) => NO_PROVIDER_PLACES.includes(row['PLACE'] ?? '') && !blank(row['PLACE_PROVIDER']),
    {
      pass: { Episodes: [{ PLACE: 'T1', PLACE_PROVIDER: '' }] },
      fail: { Episodes: [{ PLACE: 'T1', PLACE_PROVIDER: 'PR1' }] },
    },
  ),
  rowRule(
    '214',
    'Episodes',
    (row) =>
      [...TEMPORARY_PLACES, 'Z11', 'Z12', 'Z13', 'Z14'].includes(row['PLACE'] ?? '') &&
      (!blank(row['PL_POST']) || !blank(row['URN'])),
    {
      pass: { Episodes: [{ PLACE: 'T1', PLACE_PROVIDER: '', PL_POST: '', URN: '' }] },
      fail: { Episodes: [{ PLACE: 'T1', PLACE_PROVIDER: '', PL_POST: 'FY2 2BB', URN: '' }] },
    },
  ),
  rowRule(
    '217',
    'Episodes',
    (row, context) => {
      const start = context.day(row['DECOM'])
      return (
        ['A3', 'A5'].includes(row['PLACE'] ?? '') &&
        start !== null &&
        start >= FROM_2015 &&
        !['S', 'T', 'U'].includes(row['RNE'] ?? '')
      )
    },
    {
      pass: { Episodes: [{ PLACE: 'A5', LS: 'E1', RNE: 'T' }] },
      fail: { Episodes: [{ PLACE: 'A5', LS: 'E1', RNE: 'P' }] },
    },
  ),
  minimumAgeRule('371', 'K3', 16, ['01/04/2009', '01/06/2012']),
  minimumAgeRule('372', 'R5', 10, ['01/06/2012', '01/06/2017']),
  minimumAgeRule('373', 'S1', 4, ['01/06/2012', '01/06/2023']),
  minimumAgeRule('374', 'P3', 14, ['01/06/2010', '01/06/2012']),
  temporaryLengthRule('375', 'T1', 42),
  temporaryLengthRule('376', 'T3', 21),
  temporaryLengthRule('379', 'T4', 7),
  {
    code: '377',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        const holidays = positions.filter((_p, i) => rows[i]?.['PLACE'] === 'T3')
        if (holidays.length > 2) for (const position of holidays) report('Episodes', position)
      })
    },
    examples: {
      pass: { Episodes: [{ PLACE: 'T3', PLACE_PROVIDER: '' }] },
      fail: {
        Episodes: ['01/06/2025', '01/08/2025', '01/10/2025'].map((DECOM) => ({
          DECOM,
          PLACE: 'T3',
          PLACE_PROVIDER: '',
        })),
      },
    },
  },
  rowRule('378', 'Episodes', (row) => row['PLACE'] === 'P1' && row['LS'] === 'V2', {
    pass: { Episodes: [{ PLACE: 'P1', LS: 'C2', PLACE_PROVIDER: 'PR0' }] },
    fail: { Episodes: [{ PLACE: 'P1', LS: 'V2', PLACE_PROVIDER: 'PR0' }] },
  }),
  rowRule('380', 'Episodes', (row) => row['RNE'] === 'S' && TEMPORARY_PLACES.includes(row['PLACE'] ?? ''), {
    pass: { Episodes: [{ RNE: 'S', PLACE: 'U4' }] },
    fail: { Episodes: [{ RNE: 'S', PLACE: 'T4', PLACE_PROVIDER: '' }] },
  }),
  rowRule(
    '381',
    'Episodes',
    (row) => !blank(row['REC']) && row['REC'] !== 'X1' && TEMPORARY_PLACES.includes(row['PLACE'] ?? ''),
    {
      pass: { Episodes: [{ PLACE: 'U4', DEC: '01/08/2025', REC: 'E13' }] },
      fail: { Episodes: [{ PLACE: 'T1', PLACE_PROVIDER: '', DEC: '01/08/2025', REC: 'E13' }] },
    },
  ),
  rowRule(
    '382',
    'Episodes',
    (row) => RESPITE_LS.includes(row['LS'] ?? '') && TEMPORARY_PLACES.includes(row['PLACE'] ?? ''),
    {
      pass: { Episodes: [{ LS: 'V3', PLACE: 'U4' }] },
      fail: { Episodes: [{ LS: 'V3', PLACE: 'T1', PLACE_PROVIDER: '' }] },
    },
  ),
  {
    code: '383',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        rows.forEach((row, i) => {
          const before = rows[i - 1]
          const after = rows[i + 1]
          if (!TEMPORARY_PLACES.includes(row['PLACE'] ?? '') || before === undefined || after === undefined) return
          if (before['PLACE'] !== after['PLACE'] || squash(before['PL_POST']) !== squash(after['PL_POST']))
            report('Episodes', positions[i] ?? -1)
        })
      })
    },
    examples: {
      pass: {
        Episodes: [
          { DEC: '01/08/2025', REC: 'X1' },
          {
            DECOM: '01/08/2025',
            RNE: 'P',
            PLACE: 'T1',
            PLACE_PROVIDER: '',
            PL_POST: '',
            URN: '',
            DEC: '05/08/2025',
            REC: 'X1',
          },
          { DECOM: '05/08/2025', RNE: 'P' },
        ],
      },
      fail: {
        Episodes: [
          { DEC: '01/08/2025', REC: 'X1' },
          {
            DECOM: '01/08/2025',
            RNE: 'P',
            PLACE: 'T1',
            PLACE_PROVIDER: '',
            PL_POST: '',
            URN: '',
            DEC: '05/08/2025',
            REC: 'X1',
          },
          { DECOM: '05/08/2025', RNE: 'P', PLACE: 'K2', PL_POST: 'FY3 3CC' },
        ],
      },
    },
  },
  rowRule(
    '384',
    'Episodes',
    (row) => RESPITE_LS.includes(row['LS'] ?? '') && ['U1', 'U4'].includes(row['PLACE'] ?? ''),
    {
      pass: { Episodes: [{ LS: 'V3', PLACE: 'U6' }] },
      fail: { Episodes: [{ LS: 'V3', PLACE: 'U4' }] },
    },
  ),
  rowRule(
    '392b',
    'Episodes',
    (row, context) =>
      !RESPITE_LS.includes(row['LS'] ?? '') &&
      ![...TEMPORARY_PLACES, 'Z11', 'Z12', 'Z13', 'Z14'].includes(row['PLACE'] ?? '') &&
      !inUasc(context, row) &&
      (blank(row['HOME_POST']) || blank(row['PL_POST'])),
    { pass: { Episodes: [{}] }, fail: { Episodes: [{ HOME_POST: '' }] } },
  ),
  rowRule(
    '392c',
    'Episodes',
    (row) => ['HOME_POST', 'PL_POST'].some((field) => !blank(row[field]) && !POSTCODE.test((row[field] ?? '').trim())),
    { pass: { Episodes: [{ HOME_POST: 'FY1 1AA' }] }, fail: { Episodes: [{ HOME_POST: 'FY1' }] } },
  ),
  rowRule(
    '392d',
    'Episodes',
    (row) => row['PLACE'] !== 'P1' && !blank(row['HOME_POST']) && squash(row['HOME_POST']) === squash(row['PL_POST']),
    {
      pass: { Episodes: [{ PLACE: 'P1', PLACE_PROVIDER: 'PR0', PL_POST: 'FY1 1AA' }] },
      fail: { Episodes: [{ PLACE: 'U4', PL_POST: 'FY1 1AA' }] },
    },
  ),
  rowRule(
    '398',
    'Episodes',
    (row) => RESPITE_LS.includes(row['LS'] ?? '') && (!blank(row['HOME_POST']) || !blank(row['PL_POST'])),
    {
      pass: { Episodes: [{ LS: 'V3', HOME_POST: '', PL_POST: '' }] },
      fail: { Episodes: [{ LS: 'V3' }] },
    },
  ),
  rowRule(
    '408',
    'Episodes',
    (row) => ['A5', 'A6'].includes(row['PLACE'] ?? '') && !['E1', 'D1'].includes(row['LS'] ?? ''),
    {
      pass: { Episodes: [{ PLACE: 'A6', LS: 'E1' }] },
      fail: { Episodes: [{ PLACE: 'A6', LS: 'C2' }] },
    },
  ),
  rowRule(
    '526',
    'Episodes',
    (row) => !blank(row['PLACE']) && !NO_PROVIDER_PLACES.includes(row['PLACE'] ?? '') && blank(row['PLACE_PROVIDER']),
    { pass: { Episodes: [{ PLACE_PROVIDER: 'PR1' }] }, fail: { Episodes: [{ PLACE_PROVIDER: '' }] } },
  ),
  providerExclusionRule('527', 'PR1', ['P1', 'R2', 'R5'], 'U4'),
  providerExclusionRule('528', 'PR2', ['P1', 'R2', 'R5'], 'U4'),
  providerExclusionRule('529', 'PR3', ['P1', ...ADOPTION_PLACES, 'K1', 'K2', ...FOSTER_PLACES], 'R2'),
  providerExclusionRule('530', 'PR4', ['P1'], 'U4'),
  providerExclusionRule('531', 'PR5', ['P1'], 'U4'),
  rowRule('550', 'Episodes', (row) => row['PLACE_PROVIDER'] === 'PR0' && row['PLACE'] !== 'P1', {
    pass: { Episodes: [{ PLACE_PROVIDER: 'PR0', PLACE: 'P1' }] },
    fail: { Episodes: [{ PLACE_PROVIDER: 'PR0', PLACE: 'U4' }] },
  }),
  {
    code: '336',
    check: (context, report) => {
      forEachChildEpisodes(context, (_child, positions, rows) => {
        rows.forEach((row, i) => {
          const before = rows[i - 1]
          if (['A3', 'A5'].includes(row['PLACE'] ?? '') && before !== undefined && before['DEC'] === row['DECOM']) {
            if (!FOSTER_PLACES.includes(before['PLACE'] ?? '') && !['A3', 'A5'].includes(before['PLACE'] ?? ''))
              report('Episodes', positions[i] ?? -1)
          }
        })
      })
    },
    examples: {
      pass: {
        Episodes: [
          { DEC: '01/08/2025', REC: 'X1' },
          { DECOM: '01/08/2025', RNE: 'U', LS: 'E1', PLACE: 'A5' },
        ],
      },
      fail: {
        Episodes: [
          { PLACE: 'K2', DEC: '01/08/2025', REC: 'X1' },
          { DECOM: '01/08/2025', RNE: 'U', LS: 'E1', PLACE: 'A5' },
        ],
      },
    },
  },
]
