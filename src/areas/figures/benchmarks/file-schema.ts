import { z } from 'zod'
import { comparatorYearEnd } from './comparator-years.js'

/**
 * The benchmark data file (reference/benchmarks/benchmarks-YYYY.json): published comparator values
 * with, for each one, where it comes from. See reference/benchmarks/README.md for how to make one.
 */
export const BENCHMARK_FILE_FORMAT = 'harbour-benchmarks'

export const SUPPRESSION_SYMBOLS = ['c', 'x', 'z', 'k', 'u', ':'] as const
export const VERIFIED_FLAGS = ['V', 'derived', 'S', 'R'] as const
export const BENCHMARK_AREA_KINDS = ['england', 'region', 'statistical_neighbours', 'local_authority', 'other'] as const

export const benchmarkValueSchema = z
  .object({
    indicatorId: z
      .string({ error: 'must be an indicator id' })
      .regex(/^[a-z][a-z0-9_]{1,62}$/, { error: 'must be an indicator id in lower case with underscores' }),
    areaKind: z.enum(BENCHMARK_AREA_KINDS, {
      error: `must be one of ${BENCHMARK_AREA_KINDS.join(', ')}`,
    }),
    areaCode: z.string().trim().min(1).max(20).nullable().optional().default(null),
    areaName: z
      .string({ error: 'must be the area’s name' })
      .trim()
      .min(1, { error: 'must be the area’s name' })
      .max(200),
    year: z
      .string({ error: 'must be the year as published, such as 2024-25 or 31 Mar 2025' })
      .refine((year) => comparatorYearEnd(year) !== null, {
        error: 'must be the year as published, such as 2024-25, 2025 or 31 Mar 2025',
      }),
    value: z.number({ error: 'must be a number, or null with a suppression symbol' }).finite().nullable(),
    suppression: z
      .enum(SUPPRESSION_SYMBOLS, { error: `must be one of the DfE symbols ${SUPPRESSION_SYMBOLS.join(' ')}, or null` })
      .nullable()
      .optional()
      .default(null),
    source: z
      .string({ error: 'must name the table or release the value comes from' })
      .trim()
      .min(1, { error: 'must name the table or release the value comes from' })
      .max(1000),
    verified: z
      .enum(VERIFIED_FLAGS, { error: `must be one of ${VERIFIED_FLAGS.join(', ')}, or null` })
      .nullable()
      .optional()
      .default(null),
  })
  .strict()
  .superRefine((row, context) => {
    if (row.value === null && row.suppression === null) {
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'must be a number, or null with a suppression symbol',
      })
    }
    if (row.value !== null && row.suppression !== null) {
      context.addIssue({ code: 'custom', path: ['suppression'], message: 'must be null when there is a value' })
    }
  })

export type BenchmarkValueRow = z.infer<typeof benchmarkValueSchema>

export const benchmarkFileSchema = z
  .object({
    format: z.literal(BENCHMARK_FILE_FORMAT, { error: `must be "${BENCHMARK_FILE_FORMAT}"` }),
    formatVersion: z.literal(1, { error: 'must be 1' }),
    name: z.string({ error: 'must name the file' }).trim().min(1, { error: 'must name the file' }).max(200),
    source: z
      .string({ error: 'must say where the values come from' })
      .trim()
      .min(1, { error: 'must say where the values come from' })
      .max(2000),
    createdOn: z.iso.date({ error: 'must be the date the file was made (yyyy-mm-dd)' }),
    notes: z.string().max(4000).optional(),
    values: z
      .array(benchmarkValueSchema, { error: 'must be a list of values' })
      .min(1, { error: 'must hold at least one value' })
      .max(20_000, { error: 'must hold no more than 20,000 values' }),
  })
  .strict()
  .superRefine((file, context) => {
    const seen = new Map<string, number>()
    file.values.forEach((row, index) => {
      const key = [row.indicatorId, row.areaKind, row.areaName, comparatorYearEnd(row.year)].join('|')
      const first = seen.get(key)
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['values', index, 'year'],
          message: `repeats row ${first + 1} (same indicator, area and year)`,
        })
      } else seen.set(key, index)
    })
  })

export type BenchmarkFile = z.infer<typeof benchmarkFileSchema>

/** A problem with a file, in words an administrator can act on: which row and which field. */
export interface BenchmarkFileError {
  /** 1-based position in `values`, or null for the file's own fields. */
  row: number | null
  field: string
  message: string
}

export type ParsedBenchmarkFile = { ok: true; file: BenchmarkFile } | { ok: false; errors: BenchmarkFileError[] }

/** Parses and validates the text of a benchmark file. */
export function parseBenchmarkFile(text: string): ParsedBenchmarkFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, errors: [{ row: null, field: 'file', message: `is not valid JSON (${reason})` }] }
  }
  const parsed = benchmarkFileSchema.safeParse(json)
  if (parsed.success) return { ok: true, file: parsed.data }
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const [top, index, ...rest] = issue.path
      if (top === 'values' && typeof index === 'number') {
        return { row: index + 1, field: rest.length > 0 ? rest.map(String).join('.') : 'row', message: issue.message }
      }
      return {
        row: null,
        field: issue.path.length > 0 ? issue.path.map(String).join('.') : 'file',
        message: issue.message,
      }
    }),
  }
}

/** 'Row 3, value: must be a number…' / 'name: must name the file'. */
export function describeFileError(error: BenchmarkFileError): string {
  return error.row === null ? `${error.field}: ${error.message}` : `Row ${error.row}, ${error.field}: ${error.message}`
}
