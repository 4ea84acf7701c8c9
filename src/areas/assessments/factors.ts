import { codeLabel, codeList } from '../codes/code-lists.js'

/**
 * The CIN census assessment factors (AssessmentFactors) grouped the way a social worker thinks about
 * them, for the checkboxes on the assessment form. 18A and 19A are old codes the DfE has replaced
 * (by 18B/18C and 19B/19C): they stay valid for imported records but are not offered.
 */
export const FACTOR_GROUPS: readonly { key: string; legend: string; codes: readonly string[] }[] = [
  { key: 'substances', legend: 'Alcohol and drugs', codes: ['1A', '1B', '1C', '2A', '2B', '2C'] },
  { key: 'domestic-abuse', legend: 'Domestic abuse', codes: ['3A', '3B', '3C'] },
  {
    key: 'health',
    legend: 'Mental health, learning disability and physical health',
    codes: ['4A', '4B', '4C', '5A', '5B', '5C', '6A', '6B', '6C'],
  },
  {
    key: 'abuse',
    legend: 'Abuse and neglect',
    codes: ['16A', '17A', '18B', '18C', '19B', '19C', '22A', '23A'],
  },
  {
    key: 'exploitation',
    legend: 'Exploitation and going missing',
    codes: ['10A', '11A', '24A', '12A', '13A'],
  },
  {
    key: 'circumstances',
    legend: 'The child’s circumstances and behaviour',
    codes: ['7A', '8B', '8C', '8D', '8E', '8F', '9A', '14A', '15A'],
  },
  { key: 'other', legend: 'Other', codes: ['20', '21'] },
]

export const RETIRED_FACTORS: readonly string[] = ['18A', '19A']

export const NO_FACTORS_IDENTIFIED = '21'

/** Checkbox groups for the form; the first group's first box has the id `factors` for the error summary link. */
export function factorCheckboxGroups(selected: readonly string[]) {
  return FACTOR_GROUPS.map((group, index) => ({
    idPrefix: index === 0 ? 'factors' : `factors-${group.key}`,
    legend: group.legend,
    items: group.codes.map((code) => ({
      value: code,
      text: codeLabel('AssessmentFactors', code) ?? code,
      hint: { text: `Code ${code}` },
      checked: selected.includes(code),
    })),
  }))
}

/** Codes in the DfE list that no group offers (should be only the retired ones). */
export function ungroupedFactors(): string[] {
  const grouped = new Set(FACTOR_GROUPS.flatMap((group) => group.codes))
  return codeList('AssessmentFactors')
    .map((code) => code.code)
    .filter((code) => !grouped.has(code))
}

export function factorLabels(codes: readonly string[]): string[] {
  return codes.map((code) => codeLabel('AssessmentFactors', code) ?? `Code ${code}`)
}
