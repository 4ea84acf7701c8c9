import { describe, expect, it } from 'vitest'
import { birthDatesClose, isPossibleDuplicate, levenshtein, nameAlike, nameMatch, normaliseName } from './duplicates.js'

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('', '')).toBe(0)
    expect(levenshtein('smith', 'smith')).toBe(0)
    expect(levenshtein('smith', 'smyth')).toBe(1)
    expect(levenshtein('kitten', 'sitting')).toBe(3)
    expect(levenshtein('', 'abc')).toBe(3)
    expect(levenshtein('jon', 'john')).toBe(1)
  })
})

describe('names', () => {
  it('normalises case, accents and punctuation', () => {
    expect(normaliseName(' O’Brien-Smith ')).toBe('obriensmith')
    expect(normaliseName('Zoë')).toBe('zoe')
  })

  it('treats prefixes, typos and case as the same name, but not different short names', () => {
    expect(nameAlike('SAM', 'samantha')).toBe(true)
    expect(nameAlike('Jonathon', 'Jonathan')).toBe(true)
    expect(nameAlike('Katherine', 'Kathryn')).toBe(false)
    expect(nameAlike('Amy', 'Ava')).toBe(false)
    expect(nameAlike('Amy', 'Ami')).toBe(true)
    expect(nameAlike('Jo', 'Joseph')).toBe(false)
    expect(nameAlike('', '')).toBe(false)
  })

  it('grades a whole name: strong when both names are alike (either way round), weak on the last name alone', () => {
    expect(nameMatch({ firstName: 'Jayden', lastName: 'Smith' }, { firstName: 'jaydon', lastName: 'SMYTH' })).toBe(
      'strong',
    )
    expect(nameMatch({ firstName: 'Smith', lastName: 'Jayden' }, { firstName: 'Jayden', lastName: 'Smith' })).toBe(
      'strong',
    )
    expect(nameMatch({ firstName: 'Baby', lastName: 'Smith' }, { firstName: 'Olivia', lastName: 'Smith' })).toBe('weak')
    expect(nameMatch({ firstName: 'Olivia', lastName: 'Smith' }, { firstName: 'Olivia', lastName: 'Jones' })).toBe(
      'weak',
    )
    expect(nameMatch({ firstName: 'Olivia', lastName: 'Smith' }, { firstName: 'Harry', lastName: 'Jones' })).toBe(
      'none',
    )
  })
})

describe('birthDatesClose', () => {
  const born = (date: string) => ({ dateOfBirth: date, expectedDateOfBirth: null })
  const expected = (date: string) => ({ dateOfBirth: null, expectedDateOfBirth: date })
  it('allows a few days between dates of birth, more against an expected date, and a day-month swap', () => {
    expect(birthDatesClose(born('2020-03-01'), born('2020-03-04'))).toBe(true)
    expect(birthDatesClose(born('2020-03-01'), born('2020-03-05'))).toBe(false)
    expect(birthDatesClose(born('2020-02-28'), born('2020-03-01'))).toBe(true)
    expect(birthDatesClose(expected('2026-05-01'), born('2026-04-10'))).toBe(true)
    expect(birthDatesClose(expected('2026-05-01'), born('2026-07-01'))).toBe(false)
    expect(birthDatesClose(born('2015-06-01'), born('2015-01-06'))).toBe(true)
    expect(birthDatesClose(born('2015-06-01'), { dateOfBirth: null, expectedDateOfBirth: null })).toBe(false)
  })
})

describe('isPossibleDuplicate', () => {
  const child = {
    firstName: 'Jayden',
    lastName: 'Smith',
    dateOfBirth: '2015-06-01',
    expectedDateOfBirth: null,
    homePostcode: 'FY1 1AA',
  }
  it('needs a similar name and a close date of birth or the same postcode', () => {
    expect(isPossibleDuplicate(child, { ...child, firstName: 'Jaydon', dateOfBirth: '2015-06-03' })).toBe(true)
    expect(isPossibleDuplicate(child, { ...child, dateOfBirth: '2012-01-01', homePostcode: 'fy11aa' })).toBe(true)
    expect(isPossibleDuplicate(child, { ...child, dateOfBirth: '2012-01-01', homePostcode: 'FY2 9ZZ' })).toBe(false)
    expect(isPossibleDuplicate(child, { ...child, firstName: 'Harry', lastName: 'Jones' })).toBe(false)
  })

  it('does not flag a brother or sister at the same address, but does flag a named baby near the expected date', () => {
    expect(isPossibleDuplicate(child, { ...child, firstName: 'Chloe', dateOfBirth: '2017-09-12' })).toBe(false)
    expect(
      isPossibleDuplicate(
        { ...child, firstName: 'Olivia', dateOfBirth: '2026-04-20' },
        { ...child, firstName: 'Baby', dateOfBirth: null, expectedDateOfBirth: '2026-05-01', homePostcode: null },
      ),
    ).toBe(true)
  })
})
