import { isoDate } from '../../web/forms/date-input.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { listValue, textValue } from './form-values.js'
import { categoryLabel } from './timeline.js'
import { planEndReasonLabel } from './labels.js'
import type { SiblingChoice } from './subjects.js'

interface CheckRow {
  key: { text: string }
  value: { text: string }
  actions: { items: { href: string; text: string; visuallyHiddenText: string }[] }
}

/** The summary list on the check-your-answers page before a plan ends, each row with a Change link. */
export function checkAnswersRows(
  kind: 'review' | 'end',
  values: Record<string, unknown>,
  siblings: readonly SiblingChoice[],
  changeHref: string,
): CheckRow[] {
  const row = (key: string, value: string, field: string): CheckRow => ({
    key: { text: key },
    value: { text: value },
    actions: { items: [{ href: `${changeHref}#${field}`, text: 'Change', visuallyHiddenText: key.toLowerCase() }] },
  })
  const alsoFor = listValue(values['alsoFor'])
  const names = siblings.filter((sibling) => alsoFor.includes(String(sibling.id))).map((sibling) => sibling.name)
  // Only asked when a brother or sister with a current plan was offered on the form.
  const together = siblings.some((sibling) => sibling.notReady === undefined)
    ? [row('Also ending the plan for', names.length > 0 ? names.join(', ') : 'No one else', 'alsoFor')]
    : []
  if (kind === 'review') {
    return [
      row('Date of the review conference', formatUkDate(isoDate(values, 'reviewDate')), 'reviewDate'),
      row('Decision', 'The plan ends on the date of the review conference', 'decision'),
      row('Latest category of abuse', categoryLabel(textValue(values['latestCategory'])), 'latestCategory'),
      ...together,
    ]
  }
  return [
    row('Date the plan ended', formatUkDate(isoDate(values, 'endDate')), 'endDate'),
    row('Why the plan ended', planEndReasonLabel(textValue(values['reason'])), 'reason'),
    ...together,
  ]
}
