import fs from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Postcode look-ups for the 903 placement items worked out from postcodes: PL_DISTANCE (straight-line
 * miles from the home postcode), PL_LA (the upper-tier council of the placement) and PL_LOCATION
 * (inside or outside the responsible council's boundary).
 *
 * The directory is the vendored extract in reference/postcodes/ (ONS Postcode Directory; see its
 * README for the licence). It covers Blackpool, Lancashire and Blackburn with Darwen only, so a real
 * postcode elsewhere is "not known" here: callers store null and say so, and never guess.
 */

/** An OS grid reference (British National Grid), in metres. */
export interface GridReference {
  easting: number
  northing: number
}

export interface PostcodeLocation extends GridReference {
  /** The postcode in normal form ('FY1 1AA'). */
  postcode: string
  /** Upper-tier local authority GSS code ('E06000009' is Blackpool). */
  utlaCode: string
}

const DIRECTORY_FILE = fileURLToPath(new URL('../../../reference/postcodes/postcodes.csv', import.meta.url))

// Outward code (area, district, optional sub-district letter or digit), then the inward code.
const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/

let directory: Map<string, PostcodeLocation> | undefined

/** Reads the vendored directory once (about 24,000 rows, under 1 MB) and keeps it in memory. */
function loadDirectory(): Map<string, PostcodeLocation> {
  if (directory !== undefined) return directory
  const rows = new Map<string, PostcodeLocation>()
  const text = fs.readFileSync(DIRECTORY_FILE, 'utf8')
  for (const line of text.split('\n').slice(1)) {
    const [postcode, easting, northing, utlaCode] = line.trim().split(',')
    if (!postcode || !easting || !northing || !utlaCode) continue
    const normal = normalisePostcode(postcode)
    if (normal === null) continue
    rows.set(normal, { postcode: normal, easting: Number(easting), northing: Number(northing), utlaCode })
  }
  directory = rows
  return rows
}

/**
 * A postcode in normal form: capitals, one space before the inward code ('fy11aa' → 'FY1 1AA').
 * Null when the text is not shaped like a UK postcode.
 */
export function normalisePostcode(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null
  const compact = text.toUpperCase().replace(/[^A-Z0-9]/g, '')
  const match = UK_POSTCODE.exec(compact)
  if (match === null) return null
  return `${match[1]} ${match[2]}`
}

/** The directory entry for a postcode, or undefined when it is malformed or not in the directory. */
export function lookupPostcode(text: string | null | undefined): PostcodeLocation | undefined {
  const normal = normalisePostcode(text)
  if (normal === null) return undefined
  return loadDirectory().get(normal)
}

/** The 903 PL_DISTANCE formula: sqrt((E1-E2)^2 + (N1-N2)^2) / 1000 / 1.6093 miles, to 1 decimal place. */
export function gridDistanceMiles(from: GridReference, to: GridReference): number {
  const metres = Math.sqrt((from.easting - to.easting) ** 2 + (from.northing - to.northing) ** 2)
  return Math.round((metres / 1000 / 1.6093) * 10) / 10
}

/** Straight-line miles between two postcodes, or null when either is not known (never a guess). */
export function distanceMiles(a: string | null | undefined, b: string | null | undefined): number | null {
  const from = lookupPostcode(a)
  const to = lookupPostcode(b)
  if (from === undefined || to === undefined) return null
  return gridDistanceMiles(from, to)
}

/**
 * Whether a postcode lies inside a council's boundary (its upper-tier GSS code, council.gss_code).
 * Null when the postcode is not known.
 */
export function isInsideCouncil(postcode: string | null | undefined, councilGssCode: string): boolean | null {
  const location = lookupPostcode(postcode)
  if (location === undefined) return null
  return location.utlaCode === councilGssCode
}

/** The derived 903 items of a placement, as stored on the episode. Each is null when not known. */
export interface PlacementGeography {
  /** 903 PL_DISTANCE. */
  distanceMiles: number | null
  /** 903 PL_LOCATION: true inside the council's boundary. */
  insideBoundary: boolean | null
  /** 903 PL_LA: the GSS code of the placement's upper-tier council. */
  laGssCode: string | null
}

export function placementGeography(
  homePostcode: string | null | undefined,
  placementPostcode: string | null | undefined,
  councilGssCode: string,
): PlacementGeography {
  const placement = lookupPostcode(placementPostcode)
  return {
    distanceMiles: distanceMiles(homePostcode, placementPostcode),
    insideBoundary: placement === undefined ? null : placement.utlaCode === councilGssCode,
    laGssCode: placement?.utlaCode ?? null,
  }
}
