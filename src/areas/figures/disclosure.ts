/**
 * Disclosure control for figures shown to councillors or marked for committee: counts from 1 to 5
 * could identify a child, so they are shown as a suppression marker instead. Zero is safe to show.
 *
 * Tables get secondary suppression too (suppressTable): a single hidden cell in a row whose total is
 * published could be worked out by subtraction, so more cells are hidden until no hidden cell can be
 * solved from the published totals (checked with recoverableCells, which tries to solve each one).
 */
export const SUPPRESSED = '[c]'
export const SMALL_COUNT_MAX = 5

export type Suppressed = typeof SUPPRESSED
export type PublishedCount = number | Suppressed

export function isSmallCount(value: number): boolean {
  return value >= 1 && value <= SMALL_COUNT_MAX
}

export function suppressSmallCount(value: number): string {
  return isSmallCount(value) ? SUPPRESSED : value.toLocaleString('en-GB')
}

export interface TotalsShown {
  /** Each row's total is published (a column of row totals). */
  rowTotals: boolean
  /** Each column's total is published (a row of column totals). */
  columnTotals: boolean
}

/** A table as published: cells, and the totals shown (null when not shown). The grand total is shown when both are. */
export interface PublishedTable {
  cells: PublishedCount[][]
  rowTotals: PublishedCount[] | null
  columnTotals: PublishedCount[] | null
  grandTotal: PublishedCount | null
}

/** Primary and secondary suppression of a table of counts; returns the cells only (see suppressTableWithTotals). */
export function suppressTable(cells: number[][], options: TotalsShown): PublishedCount[][] {
  return suppressTableWithTotals(cells, options).cells
}

/**
 * Suppresses a table of counts for publication: primary suppression of every count from 1 to 5
 * (cells and totals), then secondary suppression so no suppressed cell can be recovered from the
 * published totals: in any row or column with exactly one suppressed cell, the next smallest non-zero
 * cell is suppressed too, until stable; then any cell the totals still determine (a chain of rows and
 * columns can pin one down even when each has two hidden cells) gets a partner, until none can be solved.
 */
export function suppressTableWithTotals(cells: number[][], options: TotalsShown): PublishedTable {
  const grid = augmentedGrid(cells, options)
  const lines = linesOf(grid.rows, grid.columns, cells.length, widthOf(cells), options)
  const hidden = grid.values.map((row) => row.map((value) => isSmallCount(value)))

  for (;;) {
    let changed = false
    for (const line of lines) {
      const suppressedInLine = line.filter(([r, c]) => hidden[r]![c]!)
      if (suppressedInLine.length !== 1) continue
      const partner = smallestCandidate(line, grid.values, hidden)
      if (partner === undefined) continue
      hidden[partner[0]]![partner[1]] = true
      changed = true
    }
    if (changed) continue
    const determined = determinedCells(grid.values, hidden, lines)
    const first = determined[0]
    if (first === undefined) break
    const ownLines = lines.filter((line) => line.some(([r, c]) => r === first[0] && c === first[1]))
    const candidates = ownLines.flat().filter(([r, c]) => !hidden[r]![c]!)
    // Prefer a partner whose other line already hides a cell: that closes a loop at once.
    const closesLoop = (cell: Cell) =>
      lines.some(
        (line) =>
          !ownLines.includes(line) &&
          line.some(([r, c]) => r === cell[0] && c === cell[1]) &&
          line.some(([r, c]) => hidden[r]![c]!),
      )
    const partner =
      smallestCandidate(candidates.filter(closesLoop), grid.values, hidden) ??
      smallestCandidate(candidates, grid.values, hidden)
    if (partner === undefined) break
    hidden[partner[0]]![partner[1]] = true
  }

  const publish = (r: number, c: number): PublishedCount => (hidden[r]![c]! ? SUPPRESSED : grid.values[r]![c]!)
  const width = widthOf(cells)
  const height = cells.length
  return {
    cells: cells.map((row, r) => row.map((_value, c) => publish(r, c))),
    rowTotals: options.rowTotals ? cells.map((_row, r) => publish(r, width)) : null,
    columnTotals: options.columnTotals ? Array.from({ length: width }, (_value, c) => publish(height, c)) : null,
    grandTotal: options.rowTotals && options.columnTotals ? publish(height, width) : null,
  }
}

/**
 * The suppressed cells of a published table that can be worked out exactly from the published cells
 * and totals (solving the row and column equations together), as [row, column] pairs in the augmented
 * table (row totals in column `width`, column totals in row `height`). Empty when the table is safe.
 */
export function recoverableCells(table: PublishedTable): [number, number][] {
  const height = table.cells.length
  const width = widthOf(table.cells)
  const options = { rowTotals: table.rowTotals !== null, columnTotals: table.columnTotals !== null }
  const rows = height + (options.columnTotals ? 1 : 0)
  const columns = width + (options.rowTotals ? 1 : 0)
  const at = (r: number, c: number): PublishedCount => {
    if (r < height && c < width) return table.cells[r]![c]!
    if (r < height) return table.rowTotals![r]!
    if (c < width) return table.columnTotals![c]!
    return table.grandTotal ?? SUPPRESSED
  }
  const values: number[][] = []
  const hidden: boolean[][] = []
  for (let r = 0; r < rows; r++) {
    values.push([])
    hidden.push([])
    for (let c = 0; c < columns; c++) {
      const value = at(r, c)
      values[r]!.push(value === SUPPRESSED ? 0 : value)
      hidden[r]!.push(value === SUPPRESSED)
    }
  }
  return determinedCells(values, hidden, linesOf(rows, columns, height, width, options))
}

/**
 * A percentage safe to publish beside suppressed counts: suppressed when the numerator or denominator
 * is suppressed or is itself a count from 1 to 5 (the percentage and the other count would give it
 * away). Null when the denominator is zero.
 */
export function percentageOrSuppressed(
  numerator: PublishedCount,
  denominator: PublishedCount,
  decimals = 1,
): number | Suppressed | null {
  if (numerator === SUPPRESSED || denominator === SUPPRESSED) return SUPPRESSED
  if (isSmallCount(numerator) || isSmallCount(denominator)) return SUPPRESSED
  if (denominator === 0) return null
  const scale = 10 ** decimals
  return Math.round((100 * numerator * scale) / denominator) / scale
}

// ------------------------------------------------------------------------------------- internals

type Cell = [number, number]

function widthOf(cells: number[][] | PublishedCount[][]): number {
  const width = cells[0]?.length ?? 0
  if (cells.some((row) => row.length !== width)) throw new RangeError('Every row of a table must have the same length')
  return width
}

/** The table with its totals as extra cells: row totals in the last column, column totals in the last row. */
function augmentedGrid(cells: number[][], options: TotalsShown) {
  const height = cells.length
  const width = widthOf(cells)
  for (const row of cells) {
    for (const value of row) {
      if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('Counts must be whole numbers, 0 or more')
    }
  }
  const values = cells.map((row) =>
    options.rowTotals ? [...row, row.reduce((sum, value) => sum + value, 0)] : [...row],
  )
  if (options.columnTotals) {
    const totals = Array.from({ length: width }, (_value, c) => cells.reduce((sum, row) => sum + row[c]!, 0))
    if (options.rowTotals) totals.push(totals.reduce((sum, value) => sum + value, 0))
    values.push(totals)
  }
  return { values, rows: height + (options.columnTotals ? 1 : 0), columns: width + (options.rowTotals ? 1 : 0) }
}

/** Each published relation as its cells, the total last: parts sum to the total. */
function linesOf(rows: number, columns: number, height: number, width: number, options: TotalsShown): Cell[][] {
  const lines: Cell[][] = []
  if (options.rowTotals) {
    const lastRow = options.columnTotals ? rows : height
    for (let r = 0; r < lastRow; r++) lines.push(Array.from({ length: columns }, (_v, c): Cell => [r, c]))
  }
  if (options.columnTotals) {
    const lastColumn = options.rowTotals ? columns : width
    for (let c = 0; c < lastColumn; c++) lines.push(Array.from({ length: rows }, (_v, r): Cell => [r, c]))
  }
  return lines
}

/** The smallest non-zero unsuppressed cell (a zero only if nothing else is left), first in reading order on ties. */
function smallestCandidate(cells: readonly Cell[], values: number[][], hidden: boolean[][]): Cell | undefined {
  let best: Cell | undefined
  const rank = ([r, c]: Cell) => {
    const value = values[r]![c]!
    return value === 0 ? Number.MAX_SAFE_INTEGER : value
  }
  for (const cell of cells) {
    if (hidden[cell[0]]![cell[1]]!) continue
    if (best === undefined || rank(cell) < rank(best)) best = cell
  }
  return best
}

/**
 * Which hidden cells the published relations determine: each line gives one equation (parts minus
 * total = 0) over its hidden cells; a cell is determined exactly when its unit vector lies in the span
 * of those equations, i.e. its column is a pivot whose reduced row has no other entry.
 */
function determinedCells(values: number[][], hidden: boolean[][], lines: readonly Cell[][]): Cell[] {
  const unknowns: Cell[] = []
  const index = new Map<string, number>()
  values.forEach((row, r) =>
    row.forEach((_value, c) => {
      if (hidden[r]![c]!) {
        index.set(`${r},${c}`, unknowns.length)
        unknowns.push([r, c])
      }
    }),
  )
  if (unknowns.length === 0) return []
  const matrix: number[][] = []
  for (const line of lines) {
    const equation = new Array<number>(unknowns.length).fill(0)
    let any = false
    line.forEach(([r, c], position) => {
      const k = index.get(`${r},${c}`)
      if (k === undefined) return
      equation[k] = position === line.length - 1 ? -1 : 1
      any = true
    })
    if (any) matrix.push(equation)
  }
  const pivots = reduce(matrix, unknowns.length)
  const determined: Cell[] = []
  for (const [row, column] of pivots) {
    const equation = matrix[row]!
    if (equation.every((value, k) => k === column || Math.abs(value) < 1e-9)) determined.push(unknowns[column]!)
  }
  return determined
}

/** Reduced row echelon form in place; returns [row, pivot column] pairs. */
function reduce(matrix: number[][], width: number): [number, number][] {
  const pivots: [number, number][] = []
  let row = 0
  for (let column = 0; column < width && row < matrix.length; column++) {
    let pivot = -1
    for (let r = row; r < matrix.length; r++) {
      if (Math.abs(matrix[r]![column]!) > 1e-9) {
        pivot = r
        break
      }
    }
    if (pivot < 0) continue
    ;[matrix[row], matrix[pivot]] = [matrix[pivot]!, matrix[row]!]
    const lead = matrix[row]![column]!
    matrix[row] = matrix[row]!.map((value) => value / lead)
    for (let r = 0; r < matrix.length; r++) {
      if (r === row) continue
      const factor = matrix[r]![column]!
      if (Math.abs(factor) < 1e-9) continue
      matrix[r] = matrix[r]!.map((value, k) => value - factor * matrix[row]![k]!)
    }
    pivots.push([row, column])
    row++
  }
  return pivots
}
