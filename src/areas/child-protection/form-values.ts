/** Reading raw form or query values, which arrive as nothing, a string or a list of strings. */

export const textValue = (value: unknown): string => (typeof value === 'string' ? value : '')

/** A checkbox value: nothing, one string or several, always as a list. */
export const listValue = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : typeof value === 'string' && value !== ''
      ? [value]
      : []
