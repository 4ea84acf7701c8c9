import type { z } from 'zod'

export interface FormErrors {
  /** For govukErrorSummary: in the order of the form. */
  errorList: { text: string; href: string }[]
  /** For each field's errorMessage. */
  errors: Record<string, { text: string }>
}

/** Turns Zod issues into the Design System's error summary and field messages (first message per field). */
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
