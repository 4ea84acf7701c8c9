import fs from 'node:fs/promises'
import path from 'node:path'
import type { Writable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import { csvFileName, HEADERS_903, tablesForYear, type Return903, type Row903, type Table903 } from './tables.js'

/** One table as CSV text: the exact header row, then one line per row ('' for blank). */
export function csv903Text(table: Table903, rows: readonly Row903[]): string {
  const columns = [...HEADERS_903[table]]
  return stringify(
    rows.map((row) => columns.map((column) => row[column] ?? '')),
    { header: true, columns, record_delimiter: 'unix' },
  )
}

/** Writes every table of the year to `directory` as <Table>_<year>.csv; returns the file paths. */
export async function write903Csv(return903: Return903, directory: string): Promise<string[]> {
  await fs.mkdir(directory, { recursive: true })
  const written: string[] = []
  for (const table of tablesForYear(return903.year)) {
    const file = path.join(directory, csvFileName(table, return903.year))
    await fs.writeFile(file, csv903Text(table, return903.tables[table]), 'utf8')
    written.push(file)
  }
  return written
}

/** Writes one table to a stream (for a download). */
export function write903CsvTable(return903: Return903, table: Table903, stream: Writable): void {
  stream.write(csv903Text(table, return903.tables[table]))
}
