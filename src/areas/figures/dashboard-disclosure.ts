import type { BreakdownRow, Figure } from './engine.js'
import type { IndicatorDefinition } from './indicators/types.js'
import { suppressTableWithTotals } from './disclosure.js'

/**
 * Disclosure control as the dashboards apply it. Counts are laid out as tables with their totals and
 * handed to suppressTable (primary suppression of 1–5, then secondary suppression so no withheld cell
 * can be worked out from a total), and any value derived from a withheld count is withheld too.
 *
 * A figure's counts form one row: [in the numerator, the rest of the denominator, the denominator],
 * so a small numerator cannot be recovered as the denominator minus the rest, nor a small "rest" as
 * the denominator minus the numerator. Where the denominator is not a count of children (a population
 * for rates per 10,000, or a plain count) only the numerator is a count.
 */
export type Cell = number | '[c]'

export interface DisclosedCounts {
  numerator: Cell
  /** null where the indicator has no denominator worth showing (plain counts). */
  denominator: Cell | null
  /** The figure, or '[c]' when it is derived from a withheld count. */
  value: number | null | '[c]'
}

export interface Audience {
  /** Councillors and anything marked for committee: small counts withheld, no child-level rows. */
  suppress: boolean
  /** May follow a figure to the children behind it (figures:drill, and not a committee view). */
  canDrill: boolean
  forCommittee: boolean
}

/** Whether the denominator is a count of the cohort (and so could identify a child). */
export function denominatorIsCohortCount(def: IndicatorDefinition): boolean {
  switch (def.aggregation) {
    case 'share':
    case 'mean':
    case 'ratio':
      return true
    case 'rate_per_10000':
    case 'count':
      return false
  }
}

/** Plain counts have no denominator to show; a rate's denominator is the population (not identifying). */
function shownDenominator(def: IndicatorDefinition, denominator: number): number | null {
  return def.aggregation === 'count' ? null : denominator
}

/** Counts as whole numbers (a ratio's numerator is a sum of whole counts). */
function whole(count: number): number {
  return Math.max(Math.round(count), 0)
}

function rest(numerator: number, denominator: number): number {
  return Math.max(whole(denominator) - whole(numerator), 0)
}

/** One figure's counts for the audience. */
export function discloseFigure(
  def: IndicatorDefinition,
  figure: Pick<Figure, 'numerator' | 'denominator' | 'value'>,
  audience: Pick<Audience, 'suppress'>,
): DisclosedCounts {
  const denominator = shownDenominator(def, figure.denominator)
  if (!audience.suppress) return { numerator: figure.numerator, denominator, value: figure.value }
  if (!denominatorIsCohortCount(def)) {
    const published = suppressTableWithTotals([[whole(figure.numerator)]], { rowTotals: false, columnTotals: false })
    const numerator = published.cells[0]?.[0] ?? '[c]'
    return { numerator, denominator, value: numerator === '[c]' ? '[c]' : figure.value }
  }
  const published = suppressTableWithTotals([[whole(figure.numerator), rest(figure.numerator, figure.denominator)]], {
    rowTotals: true,
    columnTotals: false,
  })
  const row = [...(published.cells[0] ?? []), published.rowTotals?.[0] ?? '[c]']
  const withheld = row.some((cell) => cell === '[c]')
  return { numerator: row[0] ?? '[c]', denominator: row[2] ?? '[c]', value: withheld ? '[c]' : figure.value }
}

export interface DisclosedBreakdownRow extends DisclosedCounts {
  key: string | null
  label: string
  /** Those in the denominator but not the numerator (null where the denominator is not a cohort count). */
  rest: Cell | null
}

/**
 * A breakdown with its total row, for the audience. The total row is the sum of the rows, so the table
 * adds up as printed; suppression then works on rows and columns together.
 */
export function discloseBreakdown(
  def: IndicatorDefinition,
  rows: readonly BreakdownRow[],
  audience: Pick<Audience, 'suppress'>,
): { rows: DisclosedBreakdownRow[]; total: DisclosedCounts & { rest: Cell | null } } {
  const cohortDenominator = denominatorIsCohortCount(def)
  const totalNumerator = rows.reduce((sum, row) => sum + row.numerator, 0)
  const totalDenominator = rows.reduce((sum, row) => sum + row.denominator, 0)
  const totalValue = totalFigureValue(def, rows, totalNumerator, totalDenominator)
  if (!audience.suppress) {
    return {
      rows: rows.map((row) => ({
        ...row,
        denominator: shownDenominator(def, row.denominator),
        rest: cohortDenominator ? rest(row.numerator, row.denominator) : null,
      })),
      total: {
        rest: cohortDenominator ? rest(totalNumerator, totalDenominator) : null,
        numerator: totalNumerator,
        denominator: shownDenominator(def, totalDenominator),
        value: totalValue,
      },
    }
  }
  if (!cohortDenominator) {
    const published = suppressTableWithTotals(
      rows.map((row) => [whole(row.numerator)]),
      { rowTotals: false, columnTotals: true },
    )
    const numeratorAt = (index: number): Cell => published.cells[index]?.[0] ?? '[c]'
    const totalNumeratorShown = published.columnTotals?.[0] ?? '[c]'
    return {
      rows: rows.map((row, index) => ({
        key: row.key,
        label: row.label,
        numerator: numeratorAt(index),
        rest: null,
        denominator: shownDenominator(def, row.denominator),
        value: numeratorAt(index) === '[c]' ? '[c]' : row.value,
      })),
      total: {
        numerator: totalNumeratorShown,
        rest: null,
        denominator: shownDenominator(def, totalDenominator),
        value: totalNumeratorShown === '[c]' ? '[c]' : totalValue,
      },
    }
  }
  const published = suppressTableWithTotals(
    rows.map((row) => [whole(row.numerator), rest(row.numerator, row.denominator)]),
    { rowTotals: true, columnTotals: true },
  )
  const disclosed = (line: Cell[], value: number | null): DisclosedCounts & { rest: Cell } => {
    const withheld = line.some((cell) => cell === '[c]')
    return {
      numerator: line[0] ?? '[c]',
      rest: line[1] ?? '[c]',
      denominator: line[2] ?? '[c]',
      value: withheld ? '[c]' : value,
    }
  }
  return {
    rows: rows.map((row, index) => ({
      key: row.key,
      label: row.label,
      ...disclosed([...(published.cells[index] ?? []), published.rowTotals?.[index] ?? '[c]'], row.value),
    })),
    total: disclosed([...(published.columnTotals ?? []), published.grandTotal ?? '[c]'], totalValue),
  }
}

function totalFigureValue(
  def: IndicatorDefinition,
  rows: readonly BreakdownRow[],
  numerator: number,
  denominator: number,
): number | null {
  switch (def.aggregation) {
    case 'share':
      return denominator === 0 ? null : (100 * numerator) / denominator
    case 'ratio':
      return denominator === 0 ? null : numerator / denominator
    case 'mean': {
      const weighted = rows.reduce((sum, row) => sum + (row.value ?? 0) * row.numerator, 0)
      return numerator === 0 ? null : weighted / numerator
    }
    case 'count':
      return numerator
    case 'rate_per_10000':
      return denominator === 0 ? null : (10000 * numerator) / denominator
  }
}
