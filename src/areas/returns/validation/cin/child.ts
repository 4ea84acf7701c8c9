import { isValidCode } from '../../../codes/code-lists.js'
import { absent, isTrue } from './context.js'
import { cinCodeRule, cinRowRule, type CinRule } from './helpers.js'
import { addYears, isoFromDay } from '../dates.js'

/** Header and the child: identifiers, sex, dates of birth and death, ethnicity, disabilities. */

const UPN_CHARS_5_12 = /^.{4}\d{8}/
const UPN_LAST = /^.{12}[0-9A-HJ-NP-RT-Z]$/
const UPN_FORMAT = /^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/

function duplicatesRule(code: string, field: string, other: Record<string, string>): CinRule {
  return {
    code,
    check: (context, report) => {
      const seen = new Map<string, number[]>()
      context.rows('ChildIdentifiers').forEach((row, index) => {
        const value = row[field]
        if (absent(value)) return
        seen.set(value ?? '', [...(seen.get(value ?? '') ?? []), index])
      })
      for (const positions of seen.values())
        if (positions.length > 1) for (const p of positions) report('ChildIdentifiers', p)
    },
    examples: {
      pass: { ChildIdentifiers: [{}, { LAchildID: '2', UPN: 'A123456789013' }] },
      fail: { ChildIdentifiers: [{}, { ...other }] },
    },
  }
}

export const CHILD_RULES: CinRule[] = [
  cinRowRule('100', 'Header', (row, context) => row['ReferenceDate'] !== isoFromDay(context.year.end), {
    pass: { Header: [{}] },
    fail: { Header: [{ ReferenceDate: '2026-03-30' }] },
  }),
  cinRowRule('1540', 'ChildIdentifiers', (row) => !absent(row['UPN']) && !UPN_CHARS_5_12.test(row['UPN'] ?? ''), {
    pass: { ChildIdentifiers: [{}] },
    fail: { ChildIdentifiers: [{ UPN: 'A1234X6789012' }] },
  }),
  cinRowRule('1550', 'ChildIdentifiers', (row) => !absent(row['UPN']) && !UPN_LAST.test(row['UPN'] ?? ''), {
    pass: { ChildIdentifiers: [{}] },
    fail: { ChildIdentifiers: [{ UPN: 'A12345678901I' }] },
  }),
  duplicatesRule('1520', 'UPN', { LAchildID: '2' }),
  cinRowRule(
    '1560Q',
    'ChildIdentifiers',
    (row) => !absent(row['FormerUPN']) && !UPN_FORMAT.test(row['FormerUPN'] ?? ''),
    {
      pass: { ChildIdentifiers: [{ FormerUPN: 'B123456789012' }] },
      fail: { ChildIdentifiers: [{ FormerUPN: 'B12' }] },
    },
  ),
  cinRowRule('1570', 'ChildIdentifiers', (row) => (row['LAchildID'] ?? '').length > 20, {
    pass: { ChildIdentifiers: [{ LAchildID: 'A'.repeat(20) }] },
    fail: { ChildIdentifiers: [{ LAchildID: 'A'.repeat(21) }] },
  }),
  cinRowRule('1580', 'ChildIdentifiers', (row) => !/^[A-Za-z0-9]*$/.test(row['LAchildID'] ?? ''), {
    pass: { ChildIdentifiers: [{ LAchildID: 'AB12' }] },
    fail: { ChildIdentifiers: [{ LAchildID: 'AB-12' }] },
  }),
  cinCodeRule('4180', 'ChildIdentifiers', 'Sex', 'Sex', 'F', { required: true }),
  cinRowRule('8500', 'ChildIdentifiers', (row) => absent(row['LAchildID']), {
    pass: { ChildIdentifiers: [{}] },
    fail: { ChildIdentifiers: [{ LAchildID: '' }] },
  }),
  duplicatesRule('8510', 'LAchildID', { UPN: 'A123456789013' }),
  cinRowRule(
    '8520',
    'ChildIdentifiers',
    (row, context) => {
      const born = context.day(row['PersonBirthDate'])
      return born !== null && born > context.year.end
    },
    { pass: { ChildIdentifiers: [{}] }, fail: { ChildIdentifiers: [{ PersonBirthDate: '2026-04-01' }] } },
  ),
  cinRowRule(
    '8525Q',
    'ChildIdentifiers',
    (row) => absent(row['PersonBirthDate']) === absent(row['ExpectedPersonBirthDate']),
    {
      pass: { ChildIdentifiers: [{}] },
      fail: { ChildIdentifiers: [{ ExpectedPersonBirthDate: '2026-05-01' }] },
    },
  ),
  cinRowRule(
    '8535Q',
    'ChildIdentifiers',
    (row, context) => {
      const born = context.day(row['PersonBirthDate'])
      const died = context.day(row['PersonDeathDate'])
      return born !== null && died !== null && died < born
    },
    {
      pass: { ChildIdentifiers: [{ PersonDeathDate: '2025-06-01' }] },
      fail: { ChildIdentifiers: [{ PersonDeathDate: '2015-05-01' }] },
    },
  ),
  cinRowRule(
    '8545Q',
    'ChildIdentifiers',
    (row, context) => {
      const died = context.day(row['PersonDeathDate'])
      return died !== null && (died < context.year.start || died > context.year.end)
    },
    {
      pass: { ChildIdentifiers: [{ PersonDeathDate: '2025-06-01' }] },
      fail: { ChildIdentifiers: [{ PersonDeathDate: '2024-06-01' }] },
    },
  ),
  cinRowRule(
    '8590',
    'ChildIdentifiers',
    (row, context) => context.ofChild('CINdetails', row['LAchildID'] ?? '').length === 0,
    {
      pass: { ChildIdentifiers: [{}], CINdetails: [{}] },
      fail: { ChildIdentifiers: [{}] },
    },
  ),
  cinRowRule(
    '8750',
    'ChildIdentifiers',
    (row) => absent(row['PersonBirthDate']) && !absent(row['ExpectedPersonBirthDate']) && row['Sex'] !== 'U',
    {
      pass: { ChildIdentifiers: [{ PersonBirthDate: '', ExpectedPersonBirthDate: '2026-05-01', Sex: 'U' }] },
      fail: { ChildIdentifiers: [{ PersonBirthDate: '', ExpectedPersonBirthDate: '2026-05-01', Sex: 'F' }] },
    },
  ),
  cinRowRule(
    '8772',
    'ChildIdentifiers',
    (row, context) =>
      row['UPNunknown'] === 'UN7' &&
      context.ofChild('CINdetails', row['LAchildID'] ?? '').some((detail) => !isTrue(detail['ReferralNFA'])),
    {
      pass: { ChildIdentifiers: [{ UPN: '', UPNunknown: 'UN7' }], CINdetails: [{ ReferralNFA: 'true' }] },
      fail: { ChildIdentifiers: [{ UPN: '', UPNunknown: 'UN7' }], CINdetails: [{}] },
    },
  ),
  cinRowRule(
    '8775Q',
    'ChildIdentifiers',
    (row, context) => {
      const born = context.day(row['PersonBirthDate'])
      return born !== null && addYears(born, 25) < context.year.start
    },
    { pass: { ChildIdentifiers: [{}] }, fail: { ChildIdentifiers: [{ PersonBirthDate: '1999-01-01' }] } },
  ),
  cinCodeRule('4220', 'ChildCharacteristics', 'Ethnicity', 'Ethnicity', 'WIRI', { required: true }),
  cinRowRule('8540', 'Disabilities', (row) => !isValidCode('Disability', row['Disability']), {
    pass: { Disabilities: [{ Disability: 'AUT' }] },
    fail: { Disabilities: [{ Disability: 'XYZ' }] },
  }),
  {
    code: '8790',
    check: (context, report) => {
      for (const positions of context.index('Disabilities').values()) {
        const codes = positions.map((p) => context.rows('Disabilities')[p]?.['Disability'])
        if (codes.includes('NONE') && codes.some((code) => code !== 'NONE'))
          for (const p of positions) report('Disabilities', p)
      }
    },
    examples: {
      pass: { Disabilities: [{ Disability: 'AUT' }, { Disability: 'HEAR' }] },
      fail: { Disabilities: [{ Disability: 'NONE' }, { Disability: 'HEAR' }] },
    },
  },
  {
    code: '8794',
    check: (context, report) => {
      for (const positions of context.index('Disabilities').values()) {
        const seen = new Set<string>()
        for (const p of positions) {
          const code = context.rows('Disabilities')[p]?.['Disability'] ?? ''
          if (seen.has(code)) report('Disabilities', p)
          seen.add(code)
        }
      }
    },
    examples: {
      pass: { Disabilities: [{ Disability: 'AUT' }, { Disability: 'HEAR' }] },
      fail: { Disabilities: [{ Disability: 'AUT' }, { Disability: 'AUT' }] },
    },
  },
]
