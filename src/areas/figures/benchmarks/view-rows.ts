import type { BenchmarkLoadSummary } from './loader.js'

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' })

const loadedBy = (load: BenchmarkLoadSummary) => load.loadedByName ?? 'Harbour (the file shipped with it)'

/** The current load as summary-list rows, and earlier loads as table rows. */
export function benchmarkLoadRows(loads: readonly BenchmarkLoadSummary[]) {
  const [current, ...earlier] = loads
  return {
    current:
      current === undefined
        ? undefined
        : [
            { key: { text: 'Name' }, value: { text: current.name } },
            { key: { text: 'Source' }, value: { text: current.source } },
            { key: { text: 'File' }, value: { text: current.fileName ?? 'Pasted' } },
            { key: { text: 'Values' }, value: { text: current.rows.toLocaleString('en-GB') } },
            {
              key: { text: 'Loaded' },
              value: { text: `${WHEN.format(new Date(current.loadedAt))} by ${loadedBy(current)}` },
            },
          ],
    earlier: earlier.map((load) => ({
      name: load.name,
      fileName: load.fileName ?? 'Pasted',
      rows: load.rows.toLocaleString('en-GB'),
      loaded: `${WHEN.format(new Date(load.loadedAt))} by ${loadedBy(load)}`,
    })),
  }
}
