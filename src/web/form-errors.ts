import type { z } from 'zod'

export interface FormErrors {
  /** For govukErrorSummary: in the order of the form. */
  errorList: { text: string; href: string }[]
  /** For each field's errorMessage. */
  errors: Record<string, { text: string }>
}

/** Turns Zod issues into the Design System's error summary and field messages (first message per field). */
/** A form with nothing wrong yet (spread it into the page, like formErrors). */
export const NO_ERRORS: FormErrors = { errors: {}, errorList: [] }

export function formErrors(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: Record<string, { text: string }> = {}
  const errorList: { text: string; href: string }[] = []
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('-') : 'form'
    if (errors[field] !== undefined) continue
    errors[field] = { text: issue.message }
    errorList.push({ text: issue.message, href: `#${field}` })
  }
  return { errorList, errors }
}

export function fieldError(field: string, text: string): FormErrors {
  return { errorList: [{ text, href: `#${field}` }], errors: { [field]: { text } } }
}

/** Errors from a service's rule checks: the first message for each field, in order. */
export function issueErrors(issues: readonly { field: string; message: string }[]): FormErrors {
  const errors: FormErrors = { errors: {}, errorList: [] }
  for (const issue of issues) {
    if (errors.errors[issue.field] !== undefined) continue
    errors.errors[issue.field] = { text: issue.message }
    errors.errorList.push({ text: issue.message, href: `#${issue.field}` })
  }
  return errors
}
