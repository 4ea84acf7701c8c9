import { describe, expect, it } from 'vitest'
import { checkAnswersRows } from './check-answers.js'

const values = {
  'endDate-day': '2',
  'endDate-month': '11',
  'endDate-year': '2026',
  reason: 'looked_after',
  alsoFor: ['12'],
}

describe('checkAnswersRows', () => {
  it('shows the answers in plain words, each with a Change link back to its field', () => {
    const rows = checkAnswersRows('end', values, [{ id: 12, name: 'Sam Test', notReady: undefined }], '/form?change=1')
    expect(rows.map((row) => [row.key.text, row.value.text])).toEqual([
      ['Date the plan ended', '2 November 2026'],
      ['Why the plan ended', 'Became looked after: needs met by the care plan'],
      ['Also ending the plan for', 'Sam Test'],
    ])
    expect(rows[1]?.actions.items[0]?.href).toBe('/form?change=1#reason')
  })

  it('leaves out the siblings row when no brother or sister could be chosen', () => {
    const rows = checkAnswersRows('end', values, [{ id: 12, name: 'Sam Test', notReady: 'has no current plan' }], '/f')
    expect(rows.map((row) => row.key.text)).not.toContain('Also ending the plan for')
  })
})
