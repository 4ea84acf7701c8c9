import { describe, expect, it } from 'vitest'
import {
  distanceMiles,
  gridDistanceMiles,
  isInsideCouncil,
  lookupPostcode,
  normalisePostcode,
  placementGeography,
} from './postcodes.js'

const BLACKPOOL = 'E06000009'
const LANCASHIRE = 'E10000017'

describe('normalising a postcode', () => {
  it('writes capitals with one space before the inward code', () => {
    expect(normalisePostcode('fy11aa')).toBe('FY1 1AA')
    expect(normalisePostcode('  FY8  1aa ')).toBe('FY8 1AA')
    expect(normalisePostcode('la1 1ad')).toBe('LA1 1AD')
    expect(normalisePostcode('SW1A1AA')).toBe('SW1A 1AA')
  })

  it('refuses text that is not shaped like a postcode', () => {
    expect(normalisePostcode('')).toBeNull()
    expect(normalisePostcode('Blackpool')).toBeNull()
    expect(normalisePostcode('FY1')).toBeNull()
    expect(normalisePostcode(null)).toBeNull()
  })
})

describe('looking up a postcode', () => {
  it('finds Blackpool and Lancashire postcodes with their grid reference and council', () => {
    expect(lookupPostcode('fy1 1aa')).toEqual({
      postcode: 'FY1 1AA',
      easting: 330862,
      northing: 436347,
      utlaCode: BLACKPOOL,
    })
    expect(lookupPostcode('FY8 1AA')?.utlaCode).toBe(LANCASHIRE)
  })

  it('does not know postcodes outside the vendored extract', () => {
    expect(lookupPostcode('SW1A 1AA')).toBeUndefined()
    expect(lookupPostcode('not a postcode')).toBeUndefined()
  })
})

describe('the 903 placement distance', () => {
  it('applies the PL_DISTANCE formula to one decimal place', () => {
    // 3 km east and 4 km north: 5 km = 3.107 miles.
    expect(gridDistanceMiles({ easting: 0, northing: 0 }, { easting: 3000, northing: 4000 })).toBe(3.1)
    expect(gridDistanceMiles({ easting: 5, northing: 5 }, { easting: 5, northing: 5 })).toBe(0)
  })

  it('measures between known postcodes', () => {
    // FY1 1AA (330862, 436347) to FY8 1AA (332142, 428529): 7,922 m = 4.92 miles.
    expect(distanceMiles('FY1 1AA', 'FY8 1AA')).toBe(4.9)
    // FY1 1AA to LA1 1AD (347260, 462333): 30,728 m = 19.09 miles.
    expect(distanceMiles('fy11aa', 'la1 1ad')).toBe(19.1)
    expect(distanceMiles('LA1 1AD', 'FY1 1AA')).toBe(19.1)
  })

  it('gives no distance when either postcode is not known, rather than a guess', () => {
    expect(distanceMiles('FY1 1AA', 'SW1A 1AA')).toBeNull()
    expect(distanceMiles(null, 'FY1 1AA')).toBeNull()
  })
})

describe('inside the council’s boundary', () => {
  it('compares the postcode’s upper-tier council with the council’s GSS code', () => {
    expect(isInsideCouncil('FY1 1AA', BLACKPOOL)).toBe(true)
    expect(isInsideCouncil('FY8 1AA', BLACKPOOL)).toBe(false)
    expect(isInsideCouncil('FY8 1AA', LANCASHIRE)).toBe(true)
    expect(isInsideCouncil('SW1A 1AA', BLACKPOOL)).toBeNull()
  })

  it('derives the stored 903 items of a placement together', () => {
    expect(placementGeography('FY1 1AA', 'LA1 1AD', BLACKPOOL)).toEqual({
      distanceMiles: 19.1,
      insideBoundary: false,
      laGssCode: LANCASHIRE,
    })
    // Home not known: the placement's council is still known, the distance is not.
    expect(placementGeography(null, 'FY4 1AA', BLACKPOOL)).toEqual({
      distanceMiles: null,
      insideBoundary: true,
      laGssCode: BLACKPOOL,
    })
    expect(placementGeography('FY1 1AA', 'SW1A 1AA', BLACKPOOL)).toEqual({
      distanceMiles: null,
      insideBoundary: null,
      laGssCode: null,
    })
  })
})
