import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { emptyCinTables, type CinReturn, type CinRow, type CinTable } from '../src/areas/returns/cin/tables.js'
import { emptyReturn903, type Row903, type Table903 } from '../src/areas/returns/ssda903/tables.js'
import { coverage, coverageMarkdown, staleReasons } from '../src/areas/returns/validation/coverage.js'
import { effectiveRuleYear, validate903, validateCin } from '../src/areas/returns/validation/engine.js'
import { exampleReturnCin } from '../src/areas/returns/validation/cin/examples.js'
import { CIN_RULES } from '../src/areas/returns/validation/cin/index.js'
import { ruleSpecs } from '../src/areas/returns/validation/rule-specs.js'
import { exampleReturns903 } from '../src/areas/returns/validation/ssda903/examples.js'
import { RULES_903 } from '../src/areas/returns/validation/ssda903/index.js'
import type { ExampleTables } from '../src/areas/returns/validation/rule.js'

function run903(code: string, tables: ExampleTables, year: string) {
  const { ret, last } = exampleReturns903(tables, year)
  return validate903(ret, year, { codes: [code], ...(last ? { lastYear: last } : {}) })
}

describe('each SSDA903 rule: its passing and failing example', () => {
  it.each(RULES_903.map((rule) => [rule.code, rule] as const))('%s', (code, rule) => {
    const year = rule.examples.year ?? '2025/26'
    expect(ruleSpecs('903').get(code)?.years, `rule ${code} is active in ${year}`).toContain(year)
    expect(run903(code, rule.examples.pass, year)).toEqual([])
    const failures = run903(code, rule.examples.fail, year)
    expect(failures.length).toBeGreaterThan(0)
    expect(failures[0]).toMatchObject({ code, message: ruleSpecs('903').get(code)?.message })
  })
})

describe('each CIN census rule: its passing and failing example', () => {
  it.each(CIN_RULES.map((rule) => [rule.code, rule] as const))('%s', (code, rule) => {
    const year = rule.examples.year ?? '2025/26'
    expect(validateCin(exampleReturnCin(rule.examples.pass, year), year, { codes: [code] })).toEqual([])
    const failures = validateCin(exampleReturnCin(rule.examples.fail, year), year, { codes: [code] })
    expect(failures.length).toBeGreaterThan(0)
    expect(failures[0]).toMatchObject({ code, childId: expect.any(String) })
  })
})

describe('a fixture of deliberately wrong records', () => {
  const fixture = JSON.parse(fs.readFileSync('tests/fixtures/returns/wrong-records.json', 'utf8')) as {
    year: string
    ssda903: { tables: Record<Table903, Row903[]>; expect: Record<string, string[]> }
    cin: { tables: Partial<Record<CinTable, CinRow[]>>; expect: Record<string, string[]> }
  }

  it('catches every planted SSDA903 error, on the right child', () => {
    const ret = emptyReturn903(2026)
    for (const [table, rows] of Object.entries(fixture.ssda903.tables)) ret.tables[table as Table903] = rows
    const failures = validate903(ret, fixture.year)
    for (const [child, codes] of Object.entries(fixture.ssda903.expect)) {
      const found = failures.filter((failure) => failure.childId === child).map((failure) => failure.code)
      expect(found).toEqual(expect.arrayContaining(codes))
    }
  })

  it('catches every planted CIN census error', () => {
    const ret: CinReturn = { year: 2026, tables: { ...emptyCinTables(), ...fixture.cin.tables } }
    const failures = validateCin(ret, fixture.year)
    for (const [child, codes] of Object.entries(fixture.cin.expect)) {
      expect(failures.filter((failure) => failure.childId === child).map((failure) => failure.code)).toEqual(
        expect.arrayContaining(codes),
      )
    }
  })
})

describe('rule years and coverage', () => {
  it('keeps each year’s set selectable: 2026/27 adds the DoLo rules to 2025/26', () => {
    const dolo = exampleReturns903({ DoLo: [{ DOLO_END: '01/05/2026' }] }, '2026/27').ret
    expect(validate903(dolo, '2026/27').map((f) => f.code)).toContain('702')
    expect(validate903(dolo, '2025/26').map((f) => f.code)).not.toContain('702')
  })

  it('checks the CIN census in a year with no rule set of its own with the latest earlier set', () => {
    expect(effectiveRuleYear('cin', '2026/27')).toBe('2025/26')
    expect(effectiveRuleYear('903', '2026/27')).toBe('2026/27')
  })

  it('explains every rule it does not implement, and docs/returns.md says so as generated', () => {
    expect(staleReasons('903')).toEqual([])
    expect(staleReasons('cin')).toEqual([])
    expect(coverage('903').length).toBe(ruleSpecs('903').size)
    expect(RULES_903.length + CIN_RULES.length).toBeGreaterThanOrEqual(150)
    expect(fs.readFileSync('docs/returns.md', 'utf8')).toContain(coverageMarkdown())
  })

  it('waits for the year to end before checking year-end rules', () => {
    const { ret } = exampleReturns903({ Episodes: [{}] }, '2025/26')
    expect(validate903(ret, '2025/26', { codes: ['SW17STG2'], asAt: '2026-03-01' })).toEqual([])
    expect(validate903(ret, '2025/26', { codes: ['SW17STG2'], asAt: '2026-04-01' })).toHaveLength(1)
  })
})
