import { describe, it, expect } from 'vitest'
import { codeLabel, codeList, codeListNames, codeListSource, isValidCode } from './code-lists.js'

describe('code lists', () => {
  it('loads every SSDA903, CIN census and Harbour list with a label for every code', () => {
    expect(codeListNames).toContain('PLACE')
    expect(codeListNames).toContain('ReferralSource')
    expect(codeListNames).toContain('ACCOM_TYPE')
    for (const name of codeListNames) {
      const list = codeList(name)
      expect(list.length, name).toBeGreaterThan(0)
      for (const entry of list) expect(entry.label.trim(), `${name} ${entry.code}`).not.toBe('')
      expect(new Set(list.map((entry) => entry.code)).size, name).toBe(list.length)
    }
  })

  it('knows the 2025/26 placement types', () => {
    expect(isValidCode('PLACE', 'U3')).toBe(true)
    expect(isValidCode('PLACE', 'K3')).toBe(true)
    expect(isValidCode('PLACE', 'Z14')).toBe(true)
    expect(isValidCode('PLACE', 'P2')).toBe(false) // invalid from 28 October 2023
    expect(isValidCode('PLACE', 'H5')).toBe(false)
    expect(isValidCode('PLACE', 'k3')).toBe(false)
    expect(isValidCode('PLACE', null)).toBe(false)
  })

  it('gives plain-English labels and keeps the DfE text', () => {
    const u6 = codeList('PLACE').find((entry) => entry.code === 'U6')
    expect(u6?.label).toBe('Foster care with other carers')
    expect(u6?.dfeDescription).toContain('not long term')
    expect(codeLabel('LS', 'V2')).toBe('Accommodated by agreement (section 20)')
    expect(codeLabel('REC', 'E11')).toBe('Adopted (application not opposed)')
    expect(codeLabel('ReferralSource', '6')).toBe('Police')
    expect(codeLabel('PrimaryNeedCode', 'N1')).toBe('Abuse or neglect')
    expect(codeLabel('ReasonForClosure', 'RC8')).toBe('Case closed after assessment, no further action')
    expect(codeLabel('LS', 'XX')).toBeUndefined()
  })

  it('marks labels Harbour had to infer as provisional', () => {
    expect(codeList('SW_REASON').every((entry) => entry.provisional && entry.dfeDescription === null)).toBe(true)
    expect(codeList('PLACE').find((entry) => entry.code === 'U3')?.provisional).toBe(false)
  })

  it('derives accommodation types from the 903 ACCOM codes', () => {
    expect(codeLabel('ACCOM_TYPE', 'D')).toBe('Semi-independent, transitional accommodation')
    expect(isValidCode('ACCOM_TYPE', 'X')).toBe(true)
    expect(isValidCode('ACCOM_TYPE', '0')).toBe(false)
    for (const type of codeList('ACCOM_TYPE')) {
      expect(isValidCode('ACCOM', `${type.code}1`) || isValidCode('ACCOM', `${type.code}2`)).toBe(true)
    }
  })

  it('covers the CIN census lists under plain names', () => {
    expect(codeList('CategoryOfAbuse').map((entry) => entry.code)).toEqual(['NEG', 'PHY', 'SAB', 'EMO', 'MUL'])
    expect(codeList('PrimaryNeedCode')).toHaveLength(10)
    expect(isValidCode('AssessmentFactors', '24A')).toBe(true)
    expect(isValidCode('AssessmentFactors', '18A')).toBe(true) // legacy, flagged by query rule 8945Q
    expect(codeListSource('AssessmentFactors')).toBe('cin_census')
    expect(codeListSource('RNE')).toBe('ssda903')
    expect(codeListSource('MISSED_VISIT_REASON')).toBe('harbour')
  })

  it('throws for an unknown list', () => {
    expect(() => codeList('NOPE' as never)).toThrow('Unknown code list')
  })
})
