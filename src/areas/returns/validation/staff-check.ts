import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import type { FormErrors } from '../../../web/form-errors.js'
import { childDataQuality, type DataQualityItem } from './data-quality.js'
import { ruleSpecs } from './rule-specs.js'

/**
 * Validation "as staff type": a form save that would make the child's part of this year's statutory
 * returns break a rule it did not break before is rolled back and the form shows the rule, with a
 * checkbox to save anyway (the rule then shows in the child's data quality panel).
 */

/** The field name of the "Save anyway, I will fix this later" checkbox on every checked form. */
export const SAVE_ANYWAY = 'saveAnyway'

export class NewReturnErrorsError extends Error {
  override name = 'NewReturnErrorsError'
  constructor(readonly items: DataQualityItem[]) {
    super(`The save would break statutory return rules ${items.map((item) => item.code).join(', ')}`)
  }
}

const keyOf = (item: DataQualityItem) => `${item.returnName}:${item.code}`

/**
 * Which rules a form answers for. A save is refused only for a new failure of a rule whose tables are
 * all ones the form writes or reads as context, naming at least one it writes: a rule that asks for
 * a record kept on another form (previous permanence, adoption details, a social worker episode)
 * shows in the data quality panel instead of blocking an unrelated save.
 */
export interface FormScope {
  writes: readonly string[]
  context: readonly string[]
}

/** The looked-after episode forms (start, placement change, legal status change, end). */
export const EPISODE_FORMS: FormScope = { writes: ['Episodes'], context: ['Header'] }

/** The child details form: who the child is, read against their episodes, reviews and missing periods. */
export const CHILD_DETAILS_FORM: FormScope = {
  writes: ['Header', 'ChildIdentifiers', 'ChildCharacteristics', 'Disabilities'],
  context: ['Episodes', 'Reviews', 'Missing', 'UASC', 'OC2', 'OC3', 'CINdetails'],
}

function answersFor(form: FormScope, item: DataQualityItem): boolean {
  const spec = ruleSpecs(item.returnName === 'Children in need census' ? 'cin' : '903').get(item.code)
  if (spec === undefined) return false
  const lower = (names: readonly string[]) => new Set(names.map((name) => name.toLowerCase()))
  const writes = lower(form.writes)
  const known = lower([...form.writes, ...form.context])
  const tables = spec.tables.map((table) => table.toLowerCase()).filter((table) => !table.endsWith('_last'))
  return tables.some((table) => writes.has(table)) && tables.every((table) => known.has(table))
}

/** The rules the child's current-year returns break now (read before the save). */
export async function returnRulesBroken(
  db: Kysely<Database>,
  councilId: number,
  childId: number,
): Promise<Set<string>> {
  return new Set((await childDataQuality(db, councilId, childId)).map(keyOf))
}

/**
 * For a write service to call inside its transaction, after the save: throws NewReturnErrorsError
 * (which rolls the transaction back) when the save adds a rule the child did not break before,
 * unless the user ticked "save anyway".
 */
export function refuseNewReturnErrors(
  councilId: number,
  childId: number,
  before: Set<string>,
  saveAnyway: boolean,
  form: FormScope,
) {
  return async (trx: Kysely<Database>): Promise<void> => {
    if (saveAnyway) return
    const added = (await childDataQuality(trx, councilId, childId)).filter(
      (item) => !before.has(keyOf(item)) && answersFor(form, item),
    )
    if (added.length > 0) throw new NewReturnErrorsError(added)
  }
}

/** The GOV.UK error summary for new rule failures: each rule's message, linked to the save-anyway checkbox. */
export function returnErrorsForForm(error: NewReturnErrorsError): FormErrors {
  const errorList = error.items.map((item) => ({
    text: `${item.message} (${item.returnName}, rule ${item.code})`,
    href: `#${SAVE_ANYWAY}`,
  }))
  return {
    errorList,
    errors: {
      [SAVE_ANYWAY]: {
        text: 'This change breaks a statutory return rule. Change your answers, or save anyway and fix it later',
      },
    },
  }
}
