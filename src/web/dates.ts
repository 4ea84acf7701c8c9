/**
 * Turns the three boxes of a GOV.UK date input into an ISO date, or undefined when the boxes are
 * empty or the date cannot exist (31 February). Validation messages for forms live with the schemas.
 */
export function isoDateFromParts(day: unknown, month: unknown, year: unknown): string | undefined {
  const parts = [day, month, year].map((part) => (typeof part === 'string' ? part.trim() : ''))
  if (parts.every((part) => part === '')) return undefined
  const [d, m, y] = parts.map(Number) as [number, number, number]
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 1900 || y > 2200) return undefined
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined
  return date.toISOString().slice(0, 10)
}
