import { dayFromParts } from './dates.js'

/** A collection year label as the DfE writes it: '2025/26' covers 1 April 2025 to 31 March 2026. */
export type CollectionYearLabel = `${number}/${number}`

export interface CollectionYear {
  label: CollectionYearLabel
  /** The year the collection ends (2026 for 2025/26), as Return903.year and CinReturn.year. */
  endYear: number
  /** 1 April, as a day number. */
  start: number
  /** 31 March, as a day number. */
  end: number
}

const LABEL = /^(\d{4})\/(\d{2})$/

export function collectionYear(label: string): CollectionYear {
  const match = LABEL.exec(label)
  const startYear = match === null ? NaN : Number(match[1])
  if (!Number.isInteger(startYear) || (startYear + 1) % 100 !== Number(match?.[2])) {
    throw new Error(`Not a collection year: ${label} (expected e.g. 2025/26)`)
  }
  return {
    label: label as CollectionYearLabel,
    endYear: startYear + 1,
    start: dayFromParts(startYear, 4, 1),
    end: dayFromParts(startYear + 1, 3, 31),
  }
}

/** The label of the collection year that ends in `endYear` (2026 -> '2025/26'). */
export function yearLabel(endYear: number): CollectionYearLabel {
  return `${endYear - 1}/${String(endYear % 100).padStart(2, '0')}` as CollectionYearLabel
}

/** The collection year a date falls in (1 April to 31 March), as its end year. */
export function collectionEndYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4))
  const month = Number(isoDate.slice(5, 7))
  return month >= 4 ? year + 1 : year
}
