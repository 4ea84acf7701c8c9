import { codeList, type CodeListName } from '../../areas/codes/code-lists.js'

/** Radios or select items for a DfE or Harbour code list: plain-English label, the code as hint. */
export function codeRadioItems(name: CodeListName, selected?: string | null, options: { exclude?: string[] } = {}) {
  return codeList(name)
    .filter((code) => !(options.exclude ?? []).includes(code.code))
    .map((code) => ({
      value: code.code,
      text: code.label,
      hint: { text: `Code ${code.code}` },
      checked: code.code === selected,
    }))
}

export function codeSelectItems(name: CodeListName, selected?: string | null) {
  return [
    { value: '', text: 'Choose one' },
    ...codeList(name).map((code) => ({
      value: code.code,
      text: `${code.label} (${code.code})`,
      selected: code.code === selected,
    })),
  ]
}

export function codeCheckboxItems(name: CodeListName, selected: readonly string[] = []) {
  return codeList(name).map((code) => ({
    value: code.code,
    text: code.label,
    hint: { text: `Code ${code.code}` },
    checked: selected.includes(code.code),
  }))
}
