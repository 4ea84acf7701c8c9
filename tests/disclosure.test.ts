import { describe, expect, it } from 'vitest'
import {
  percentageOrSuppressed,
  recoverableCells,
  SUPPRESSED,
  suppressTable,
  suppressTableWithTotals,
  type PublishedTable,
  type TotalsShown,
} from '../src/areas/figures/disclosure.js'

const BOTH: TotalsShown = { rowTotals: true, columnTotals: true }

/** Every published number between 1 and 5, anywhere in the table (cells and totals). */
function smallCountsShown(table: PublishedTable): number[] {
  const all = [...table.cells.flat(), ...(table.rowTotals ?? []), ...(table.columnTotals ?? []), table.grandTotal]
  return all.filter((value): value is number => typeof value === 'number' && value >= 1 && value <= 5)
}

/** Published values that disagree with the real table (only suppression may change what is shown). */
function changedValues(cells: number[][], table: PublishedTable): string[] {
  const problems: string[] = []
  cells.forEach((row, r) =>
    row.forEach((value, c) => {
      const shown = table.cells[r]![c]
      if (shown !== SUPPRESSED && shown !== value) problems.push(`cell ${r},${c}`)
    }),
  )
  return problems
}

/** A deterministic pseudo-random generator (mulberry32), so the property test is repeatable. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('recoverableCells (the checker: tries to solve each suppressed cell from the totals)', () => {
  it('solves a lone suppressed cell from its row total', () => {
    const table: PublishedTable = {
      cells: [
        [SUPPRESSED, 10],
        [20, 30],
      ],
      rowTotals: [13, 50],
      columnTotals: null,
      grandTotal: null,
    }
    expect(recoverableCells(table)).toEqual([[0, 0]])
  })

  it('cannot solve a 2 × 2 block of suppressed cells', () => {
    const table: PublishedTable = {
      cells: [
        [SUPPRESSED, SUPPRESSED, 10],
        [SUPPRESSED, SUPPRESSED, 20],
        [30, 40, 50],
      ],
      rowTotals: [20, 30, 120],
      columnTotals: [40, 50, 80],
      grandTotal: 170,
    }
    expect(recoverableCells(table)).toEqual([])
  })

  it('solves a cell that bridges two suppressed blocks, even though each row and column hides two cells', () => {
    // Rows 0-1 × columns 0-1 and rows 2-3 × columns 2-3 are hidden blocks; (1, 2) joins them. Adding
    // rows 0 and 1 and taking away columns 0 and 1 leaves exactly cell (1, 2).
    const c = SUPPRESSED
    const table: PublishedTable = {
      cells: [
        [c, c, 10, 10],
        [c, c, c, 10],
        [10, 10, c, c],
        [10, 10, c, c],
      ],
      rowTotals: [28, 35, 26, 27],
      columnTotals: [27, 26, 28, 35],
      grandTotal: 116,
    }
    expect(recoverableCells(table)).toEqual([[1, 2]])
  })
})

describe('suppressTable', () => {
  it('suppresses counts from 1 to 5 and leaves zeros and larger counts', () => {
    expect(suppressTable([[0, 1, 5, 6, 120]], { rowTotals: false, columnTotals: false })).toEqual([
      [0, SUPPRESSED, SUPPRESSED, 6, 120],
    ])
  })

  it('hides the next smallest non-zero cell when one suppressed cell could be worked out from a row total', () => {
    // 3 + 0 + 7 + 40 = 50: with only the 3 hidden, 50 − 0 − 7 − 40 gives it away.
    const result = suppressTableWithTotals([[3, 0, 7, 40]], { rowTotals: true, columnTotals: false })
    expect(result.cells).toEqual([[SUPPRESSED, 0, SUPPRESSED, 40]])
    expect(result.rowTotals).toEqual([50])
    expect(recoverableCells(result)).toEqual([])
  })

  it('follows the chain across rows and columns until no suppressed cell can be solved', () => {
    const cells = [
      [2, 15, 20, 9],
      [14, 30, 11, 25],
      [8, 12, 40, 4],
      [22, 18, 16, 30],
    ]
    const result = suppressTableWithTotals(cells, BOTH)
    expect(smallCountsShown(result)).toEqual([])
    expect(changedValues(cells, result)).toEqual([])
    expect(recoverableCells(result)).toEqual([])
    // Each row and column with a suppressed cell has at least two.
    for (const row of result.cells) expect(row.filter((value) => value === SUPPRESSED).length).not.toBe(1)
  })

  it('suppresses a total from 1 to 5 and keeps the table unsolvable', () => {
    const cells = [
      [1, 2, 0],
      [10, 12, 30],
      [9, 14, 20],
    ]
    const result = suppressTableWithTotals(cells, BOTH)
    expect(result.rowTotals![0]).toBe(SUPPRESSED)
    expect(smallCountsShown(result)).toEqual([])
    expect(recoverableCells(result)).toEqual([])
  })

  it('breaks a bridge between two suppressed blocks that the row-and-column rule alone would leave', () => {
    // Found by the random test below: with only the row-and-column rule, cell (1, 2) stays solvable.
    const cells = [
      [64, 18, 45],
      [2, 0, 3],
      [50, 0, 46],
    ]
    const result = suppressTableWithTotals(cells, BOTH)
    expect(smallCountsShown(result)).toEqual([])
    expect(recoverableCells(result)).toEqual([])
  })

  it('handles tables with only column totals, and with no totals at all', () => {
    const cells = [
      [4, 10],
      [20, 30],
    ]
    const columns = suppressTableWithTotals(cells, { rowTotals: false, columnTotals: true })
    expect(columns.cells).toEqual([
      [SUPPRESSED, 10],
      [SUPPRESSED, 30],
    ])
    expect(recoverableCells(columns)).toEqual([])
    expect(suppressTable(cells, { rowTotals: false, columnTotals: false })).toEqual([
      [SUPPRESSED, 10],
      [20, 30],
    ])
  })

  it('never leaves a recoverable cell or a count from 1 to 5 in 300 random tables', () => {
    const next = random(20260331)
    for (let trial = 0; trial < 300; trial++) {
      const height = 1 + Math.floor(next() * 6)
      const width = 1 + Math.floor(next() * 6)
      const cells = Array.from({ length: height }, () =>
        Array.from({ length: width }, () => {
          const roll = next()
          return roll < 0.15 ? 0 : roll < 0.5 ? 1 + Math.floor(next() * 5) : 6 + Math.floor(next() * 60)
        }),
      )
      const options = [BOTH, { rowTotals: true, columnTotals: false }, { rowTotals: false, columnTotals: true }][
        trial % 3
      ]!
      const result = suppressTableWithTotals(cells, options)
      expect(smallCountsShown(result), JSON.stringify(cells)).toEqual([])
      expect(changedValues(cells, result), JSON.stringify(cells)).toEqual([])
      expect(recoverableCells(result), JSON.stringify({ cells, options })).toEqual([])
    }
  })

  it('refuses ragged tables and counts that are not whole numbers', () => {
    expect(() => suppressTable([[1, 2], [3]], BOTH)).toThrow(RangeError)
    expect(() => suppressTable([[1.5]], BOTH)).toThrow(RangeError)
  })
})

describe('percentageOrSuppressed', () => {
  it.each([
    [45, 60, 75],
    [0, 60, 0],
    [SUPPRESSED, 60, SUPPRESSED],
    [45, SUPPRESSED, SUPPRESSED],
    [3, 60, SUPPRESSED],
    [45, 4, SUPPRESSED],
    [0, 0, null],
    [1, 3, SUPPRESSED],
    [20, 30, 66.7],
  ] as const)('%s out of %s gives %s', (numerator, denominator, expected) => {
    expect(percentageOrSuppressed(numerator, denominator)).toBe(expected)
  })
})
