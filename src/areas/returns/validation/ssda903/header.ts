import { addYears } from '../dates.js'
import { blank } from './context.js'
import { atYearEnd, codeRule, dateRule, RESPITE_LS, rowRule, type Rule903 } from './helpers.js'

/** Header: the child's sex, date of birth, ethnicity, UPN and motherhood. */

const UPN_PATTERN = /^[A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z])$/
const UPN_UNKNOWN = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5']

export const HEADER_RULES: Rule903[] = [
  codeRule('101', 'Header', 'SEX', 'SEX', 'F', { required: true }),
  dateRule('102', 'Header', 'DOB', { required: true }),
  codeRule('103', 'Header', 'ETHNIC', 'ETHNIC', 'WBRI', { required: true }),
  rowRule(
    '168',
    'Header',
    (row) => {
      const upn = (row['UPN'] ?? '').trim()
      return !UPN_PATTERN.test(upn) && !UPN_UNKNOWN.includes(upn)
    },
    { pass: { Header: [{ UPN: 'UN2' }] }, fail: { Header: [{ UPN: 'I12345678901' }] } },
  ),
  dateRule('171', 'Header', 'MC_DOB'),
  rowRule('174', 'Header', (row) => row['SEX'] === 'M' && !blank(row['MC_DOB']), {
    pass: { Header: [{ SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }] },
    fail: { Header: [{ SEX: 'M', MC_DOB: '01/01/2025' }] },
  }),
  rowRule(
    '209',
    'Header',
    (row, context) => {
      const age = context.ageOn(row['CHILD'] ?? '', context.year.start)
      return row['UPN'] === 'UN1' && age !== null && age >= 6 && age < 16
    },
    { pass: { Header: [{ UPN: 'UN1', DOB: '01/06/2023' }] }, fail: { Header: [{ UPN: 'UN1', DOB: '01/06/2012' }] } },
  ),
  // The position at 31 March: checked once the year has ended, so starting care in the year is not blocked.
  atYearEnd(
    rowRule(
      '210',
      'Header',
      (row, context) =>
        row['UPN'] === 'UN4' &&
        context.rowsOf('Episodes', row['CHILD'] ?? '').some((position) => {
          const episode = context.episode(position)
          const start = context.day(episode['DECOM'])
          return blank(episode['DEC']) && start !== null && start < context.year.end - 7
        }),
      {
        pass: { Header: [{ UPN: 'UN4' }], Episodes: [{ DECOM: '28/03/2026' }] },
        fail: { Header: [{ UPN: 'UN4' }], Episodes: [{ DECOM: '01/05/2025' }] },
      },
    ),
  ),
  rowRule('232', 'Header', (row) => row['SEX'] === 'U', {
    pass: { Header: [{ SEX: 'F' }] },
    fail: { Header: [{ SEX: 'U' }] },
  }),
  rowRule(
    '301',
    'Header',
    (row, context) => {
      const dob = context.day(row['DOB'])
      return dob !== null && dob > context.year.end
    },
    { pass: { Header: [{ DOB: '31/03/2026' }] }, fail: { Header: [{ DOB: '01/04/2026' }] } },
  ),
  rowRule(
    '351',
    'Header',
    (row, context) => {
      const dob = context.day(row['DOB'])
      return dob !== null && addYears(dob, 25) < context.year.start
    },
    { pass: { Header: [{ DOB: '01/06/2004' }] }, fail: { Header: [{ DOB: '01/06/1999' }] } },
  ),
  rowRule(
    '442',
    'Header',
    (row, context) => blank(row['UPN']) && context.rowsOf('Episodes', row['CHILD'] ?? '').length > 0,
    { pass: { Header: [{ UPN: 'UN2' }], Episodes: [{}] }, fail: { Header: [{ UPN: '' }], Episodes: [{}] } },
  ),
  {
    code: '444',
    check: (context, report) => {
      const byUpn = new Map<string, number[]>()
      context.rows('Header').forEach((row, index) => {
        const upn = (row['UPN'] ?? '').trim()
        if (upn === '' || UPN_UNKNOWN.includes(upn)) return
        byUpn.set(upn, [...(byUpn.get(upn) ?? []), index])
      })
      for (const positions of byUpn.values()) if (positions.length > 1) for (const p of positions) report('Header', p)
    },
    examples: {
      pass: { Header: [{}, { CHILD: '2', UPN: 'A123456789013' }] },
      fail: { Header: [{}, { CHILD: '2' }] },
    },
  },
  rowRule(
    '393',
    'Header',
    (row, context) => {
      const child = row['CHILD'] ?? ''
      const age = context.ageOn(child, context.year.end)
      return (
        row['SEX'] === 'F' &&
        age !== null &&
        age >= 12 &&
        blank(row['MOTHER']) &&
        context.rowsOf('Episodes', child).some((p) => !RESPITE_LS.includes(context.episode(p)['LS'] ?? ''))
      )
    },
    {
      pass: { Header: [{ SEX: 'F', MOTHER: '0' }], Episodes: [{}] },
      fail: { Header: [{ SEX: 'F', MOTHER: '' }], Episodes: [{}] },
    },
  ),
  rowRule('611', 'Header', (row) => row['MOTHER'] === '1' && blank(row['MC_DOB']), {
    pass: { Header: [{ SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }] },
    fail: { Header: [{ SEX: 'F', MOTHER: '1', MC_DOB: '' }] },
  }),
  rowRule('612', 'Header', (row) => row['SEX'] === 'F' && row['MOTHER'] !== '1' && !blank(row['MC_DOB']), {
    pass: { Header: [{ SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }] },
    fail: { Header: [{ SEX: 'F', MOTHER: '0', MC_DOB: '01/01/2025' }] },
  }),
  rowRule(
    '620',
    'Header',
    (row, context) => {
      const age = context.ageOn(row['CHILD'] ?? '', context.year.start)
      return row['MOTHER'] === '1' && age !== null && age < 11
    },
    {
      pass: { Header: [{ SEX: 'F', MOTHER: '1', DOB: '01/06/2009', MC_DOB: '01/01/2025' }] },
      fail: { Header: [{ SEX: 'F', MOTHER: '1', DOB: '01/06/2016', MC_DOB: '01/01/2025' }] },
    },
  ),
  rowRule(
    '621',
    'Header',
    (row, context) => {
      const dob = context.day(row['DOB'])
      const mcDob = context.day(row['MC_DOB'])
      return dob !== null && mcDob !== null && mcDob <= dob
    },
    {
      pass: { Header: [{ SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }] },
      fail: { Header: [{ SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2010' }] },
    },
  ),
  rowRule(
    '625',
    'Header',
    (row, context) => {
      const mcDob = context.day(row['MC_DOB'])
      if (mcDob === null) return false
      if (mcDob > context.year.end) return true
      const episodes = context.episodesOf(row['CHILD'] ?? '')
      const lastEpisode = episodes.length > 0 ? context.episode(episodes[episodes.length - 1] ?? -1) : undefined
      const ceased = context.day(lastEpisode?.['DEC'])
      return ceased !== null && lastEpisode?.['REC'] !== 'X1' && mcDob > ceased
    },
    {
      pass: { Header: [{ SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }] },
      fail: { Header: [{ SEX: 'F', MOTHER: '1', MC_DOB: '01/05/2026' }] },
    },
  ),
  rowRule(
    '628',
    'Header',
    (row, context) => {
      const child = row['CHILD'] ?? ''
      return (
        !blank(row['MOTHER']) &&
        context.rowsOf('OC3', child).length > 0 &&
        context.rowsOf('Episodes', child).length === 0
      )
    },
    {
      pass: { Header: [{ MOTHER: '' }], OC3: [{}] },
      fail: { Header: [{ MOTHER: '0' }], OC3: [{}] },
    },
  ),
]
