import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Rng } from './rng.js'

/** Upper-tier local authority codes (ONS GSS) found in the vendored postcode file. */
export const BLACKPOOL_UTLA = 'E06000009'
export const LANCASHIRE_UTLA = 'E10000017'
export const BLACKBURN_UTLA = 'E06000008'

export interface Postcode {
  postcode: string
  easting: number
  northing: number
  utlaCode: string
}

export interface PostcodePool {
  /** Inside the council's boundary (Blackpool: utla_code E06000009). */
  inBorough: readonly Postcode[]
  /** Elsewhere in Lancashire and Blackburn with Darwen: out-of-borough placements. */
  outOfBorough: readonly Postcode[]
}

const POSTCODE_FILE = fileURLToPath(new URL('../../../reference/postcodes/postcodes.csv', import.meta.url))

let cache: Postcode[] | undefined

/** Reads reference/postcodes/postcodes.csv once (about 24,000 rows, under 1 MB). */
export function loadPostcodes(): readonly Postcode[] {
  if (cache !== undefined) return cache
  const text = fs.readFileSync(POSTCODE_FILE, 'utf8')
  const rows: Postcode[] = []
  for (const line of text.split('\n').slice(1)) {
    const [postcode, easting, northing, utlaCode] = line.trim().split(',')
    if (!postcode || !easting || !northing || !utlaCode) continue
    rows.push({ postcode, easting: Number(easting), northing: Number(northing), utlaCode })
  }
  cache = rows
  return rows
}

/**
 * Blackpool's own postcodes are its borough. A synthetic council elsewhere in England has no real
 * postcodes of its own in the vendored file, so it borrows Lancashire's as "in borough" and Blackpool's
 * and Blackburn's as "out of borough": the codes are real-looking, the geography is notional.
 */
export function postcodePool(isBlackpool: boolean): PostcodePool {
  const all = loadPostcodes()
  const home = isBlackpool ? BLACKPOOL_UTLA : LANCASHIRE_UTLA
  return {
    inBorough: all.filter((row) => row.utlaCode === home),
    outOfBorough: all.filter((row) => row.utlaCode !== home),
  }
}

export function pickPostcode(rng: Rng, rows: readonly Postcode[]): Postcode {
  return rng.pick(rows)
}

/** The 903 placement distance (PL_DISTANCE): straight-line miles between grid references, 1 decimal place. */
export function distanceMiles(from: Postcode, to: Postcode): number {
  const metres = Math.hypot(from.easting - to.easting, from.northing - to.northing)
  return Math.round((metres / 1000 / 1.6093) * 10) / 10
}
