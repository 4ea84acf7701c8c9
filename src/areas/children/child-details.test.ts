import { describe, expect, it } from 'vitest'
import {
  childDetailsProblems,
  initialsOf,
  normalisePostcode,
  parseLanguages,
  upnCheckLetter,
  upnProblem,
  type ChildDetails,
} from './child-details.js'

const valid: ChildDetails = {
  firstName: 'Jayden',
  lastName: 'Smith',
  preferredName: null,
  dateOfBirth: '2015-06-01',
  expectedDateOfBirth: null,
  sex: 'M',
  ethnicity: 'WBRI',
  upn: null,
  upnUnknownReason: 'UN2',
  disabilities: [],
  uasc: false,
  homePostcode: 'FY1 1AA',
  languages: ['English'],
}
const today = '2026-03-15'
const fields = (details: Partial<ChildDetails>) =>
  childDetailsProblems({ ...valid, ...details }, today).map((p) => p.field)

describe('UPN', () => {
  it('checks the DfE pattern and the check letter of a permanent UPN', () => {
    // 9 9 0 1 2 3 4 5 6 7 8 9 0 weighted 2..13 sum to 510; 510 mod 23 = 4 → 'E'
    expect(upnCheckLetter('X990123456789')).toBe('E')
    expect(upnProblem('E990123456789')).toBeUndefined()
    expect(upnProblem('A990123456789')).toMatch(/does not match/)
    expect(upnProblem('I990123456789')).toMatch(/correct format/)
    expect(upnProblem('L99012345678')).toMatch(/correct format/)
    // A temporary UPN ends in a letter: pattern only.
    expect(upnProblem('A99012345678Z')).toBeUndefined()
  })
})

describe('postcodes and languages', () => {
  it('normalises a UK postcode or refuses it', () => {
    expect(normalisePostcode('fy11aa')).toBe('FY1 1AA')
    expect(normalisePostcode(' SW1A  2aa ')).toBe('SW1A 2AA')
    expect(normalisePostcode('M1 1AE')).toBe('M1 1AE')
    expect(normalisePostcode('FY1')).toBeUndefined()
    expect(normalisePostcode('12345')).toBeUndefined()
  })

  it('splits languages on commas and drops repeats and blanks', () => {
    expect(parseLanguages('English, Polish ,, English;British Sign Language')).toEqual([
      'English',
      'Polish',
      'British Sign Language',
    ])
    expect(parseLanguages('')).toEqual([])
  })

  it('gives initials only', () => {
    expect(initialsOf('jayden', 'Smith')).toBe('J. S.')
  })
})

describe('childDetailsProblems', () => {
  it('accepts a valid child', () => {
    expect(childDetailsProblems(valid, today)).toEqual([])
  })

  it('needs exactly one of the date of birth and the expected date', () => {
    expect(fields({ dateOfBirth: null })).toEqual(['born'])
    expect(fields({ expectedDateOfBirth: '2026-05-01', sex: 'U' })).toEqual(['born'])
  })

  it('refuses dates that cannot be', () => {
    expect(fields({ dateOfBirth: '2026-03-16' })).toEqual(['dateOfBirth'])
    expect(fields({ dateOfBirth: '2000-03-15' })).toEqual(['dateOfBirth'])
    expect(fields({ dateOfBirth: '2000-03-16' })).toEqual([])
    const unborn = { dateOfBirth: null, sex: 'U' as const }
    expect(fields({ ...unborn, expectedDateOfBirth: '2026-09-01' })).toEqual([])
    expect(fields({ ...unborn, expectedDateOfBirth: '2027-03-01' })).toEqual(['expectedDateOfBirth'])
    expect(fields({ ...unborn, expectedDateOfBirth: '2026-01-01' })).toEqual(['expectedDateOfBirth'])
    expect(fields({ ...unborn, expectedDateOfBirth: '2026-09-01', sex: 'F' })).toEqual(['sex'])
  })

  it('checks codes, the UPN or its reason, disabilities and the postcode', () => {
    expect(fields({ ethnicity: 'XXXX' })).toEqual(['ethnicity'])
    expect(fields({ upnUnknownReason: null })).toEqual(['upnUnknownReason'])
    expect(fields({ upnUnknownReason: 'UN9' })).toEqual(['upnUnknownReason'])
    expect(fields({ upn: 'E990123456789', upnUnknownReason: null })).toEqual([])
    expect(fields({ upn: 'bad', upnUnknownReason: null })).toEqual(['upn'])
    expect(fields({ disabilities: ['AUT', 'LD'] })).toEqual([])
    expect(fields({ disabilities: ['NONE', 'LD'] })).toEqual(['disabilities'])
    expect(fields({ disabilities: ['XYZ'] })).toEqual(['disabilities'])
    expect(fields({ homePostcode: 'fy11aa' })).toEqual(['homePostcode'])
    expect(fields({ languages: Array.from({ length: 11 }, (_, index) => `L${index}`) })).toEqual(['languages'])
  })
})
