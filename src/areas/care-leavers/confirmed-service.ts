import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { careLeaverHref } from './page.js'
import { childRecord, describeColumns, saveVersionedEdit } from './edit-service.js'
import { goalProblems } from './pathway-service.js'
import { checkEndAfterStart, RuleCheck } from './rules.js'

/**
 * Records that cannot be undone, made after a check-your-answers page: ending the period in which
 * another council is responsible for a young person, and a manager's authorisation of a pathway plan.
 */

export interface DatedConfirmation {
  version: number
  date: string
}

/** Another council stops being responsible (they moved away, or this council took over): counted here again from then. */
export async function endResponsibleAuthorityElsewhere(
  db: Db,
  user: SignedInUser,
  childId: number,
  recordId: number,
  input: DatedConfirmation,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const record = await childRecord(trx, 'responsible_authority_elsewhere', {
      councilId: user.councilId,
      childId,
      id: recordId,
    })
    const check = new RuleCheck()
    if (record.end_date !== null) check.refuse('endDate', 'This record has already ended')
    checkEndAfterStart(check, 'endDate', record.start_date, input.date, {
      start: 'the date they started living here',
      end: 'The date it ended',
    })
    check.done()
    await saveVersionedEdit(trx, user, ip, {
      table: 'responsible_authority_elsewhere',
      id: recordId,
      childId,
      version: input.version,
      changes: { end_date: input.date },
      describe: describeColumns({ responsible_la_code: 'Responsible council (DfE number)', end_date: 'Ended' }),
      returnTo: careLeaverHref(childId),
      route: 'POST /children/:childId/care-leaver/responsible-authority/:recordId/end',
      detail: { laCode: record.responsible_la_code },
    })
  })
}

/**
 * A manager authorises the current plan once every goal says by when and how we will know (Ofsted
 * found plans "not sufficiently outcome-focused or specific"): who and when are recorded on the plan.
 */
export async function authorisePathwayPlan(
  db: Db,
  user: SignedInUser,
  childId: number,
  planId: number,
  input: DatedConfirmation,
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await childRecord(trx, 'pathway_plan', { councilId: user.councilId, childId, id: planId })
    const check = new RuleCheck()
    if (plan.authorised_by !== null) check.refuse('authorisedDate', 'This plan has already been authorised')
    else if (!(plan.status === 'active' || plan.status === 'draft') || plan.end_date !== null)
      check.refuse('authorisedDate', 'Only their current pathway plan can be authorised')
    checkEndAfterStart(check, 'authorisedDate', plan.plan_date, input.date, {
      start: 'the date of the plan',
      end: 'The date you authorised the plan',
    })
    const goals = await trx
      .selectFrom('pathway_goal')
      .select(['by_when', 'measure'])
      .where('council_id', '=', user.councilId)
      .where('pathway_plan_id', '=', planId)
      .execute()
    const vague = goals.filter((goal) => goalProblems({ byWhen: goal.by_when, measure: goal.measure }).length > 0)
    if (goals.length === 0) check.refuse('authorisedDate', 'Add the plan’s goals before authorising it')
    else if (vague.length > 0)
      check.refuse(
        'authorisedDate',
        `${vague.length} ${vague.length === 1 ? 'goal is' : 'goals are'} missing a date or a measure: update ${vague.length === 1 ? 'it' : 'them'} before authorising the plan`,
      )
    check.done()
    await saveVersionedEdit(trx, user, ip, {
      table: 'pathway_plan',
      id: planId,
      childId,
      version: input.version,
      changes: { status: 'active', authorised_date: input.date, authorised_by: user.id },
      describe: describeColumns({ status: 'Status', authorised_date: 'Authorised on', authorised_by: 'Authorised by' }),
      returnTo: careLeaverHref(childId),
      route: 'POST /children/:childId/care-leaver/pathway-plans/:planId/authorise',
      detail: { goals: goals.length },
    })
  })
}
