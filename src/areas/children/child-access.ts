import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { SignedInUser } from '../../web/context.js'

type ChildScopeExpression = ExpressionBuilder<Database, 'child'>

/**
 * The one definition of which children a user can reach. Every child-level query starts from
 * scopedChildren(), so scope is enforced in the data layer, not remembered by each page.
 *
 * - Councillors and administrators: no child at all (figures only; administration).
 * - Heads of service and performance officers: every child in their council.
 * - Team managers: children allocated to the teams they manage or belong to.
 * - Social workers, personal advisers and IROs: children allocated to them, and (when the council's
 *   worker_scope is 'team') children allocated to their teams.
 * - Restricted or sealed records: only users named in child_access_grant, whatever their role.
 */
export function childScopeCondition(user: SignedInUser) {
  return (eb: ChildScopeExpression) => {
    const council = eb('child.council_id', '=', user.councilId)
    const notRestricted = eb.or([
      eb('child.restriction', 'is', null),
      eb.exists(
        eb
          .selectFrom('child_access_grant as g')
          .select(eb.lit(1).as('one'))
          .whereRef('g.council_id', '=', 'child.council_id')
          .whereRef('g.child_id', '=', 'child.id')
          .where('g.user_id', '=', user.id),
      ),
    ])
    const currentAllocation = (teamIds: number[], includeOwn: boolean) =>
      eb.exists(
        eb
          .selectFrom('worker_allocation as a')
          .select(eb.lit(1).as('one'))
          .whereRef('a.council_id', '=', 'child.council_id')
          .whereRef('a.child_id', '=', 'child.id')
          .where('a.end_date', 'is', null)
          .where((inner) => {
            const options = []
            if (includeOwn) options.push(inner('a.user_id', '=', user.id))
            if (teamIds.length > 0) options.push(inner('a.team_id', 'in', teamIds))
            return options.length > 0 ? inner.or(options) : inner.val(false)
          }),
      )
    switch (user.role) {
      case 'councillor':
      case 'administrator':
        return eb.val(false)
      case 'head_of_service':
      case 'performance_officer':
        return eb.and([council, notRestricted])
      case 'team_manager':
        return eb.and([
          council,
          notRestricted,
          currentAllocation([...new Set([...user.managedTeamIds, ...user.teamIds])], true),
        ])
      case 'social_worker':
      case 'personal_adviser':
      case 'independent_reviewing_officer':
        return eb.and([
          council,
          notRestricted,
          currentAllocation(user.workerScope === 'team' ? user.teamIds : [], true),
        ])
    }
  }
}

export function scopedChildren(
  db: Kysely<Database>,
  user: SignedInUser,
): SelectQueryBuilder<Database, 'child', object> {
  return db.selectFrom('child').where(childScopeCondition(user)).where('child.merged_into_child_id', 'is', null)
}

/**
 * Whether the user may open this child's record. A record merged into another (a duplicate) is
 * reachable by whoever can reach the record it was merged into, so old links still lead there.
 */
export async function assertChildInScope(db: Kysely<Database>, user: SignedInUser, childId: number): Promise<boolean> {
  const row = await db
    .selectFrom('child')
    .select('child.id')
    .where(childScopeCondition(user))
    .where((eb) =>
      eb(
        'child.id',
        '=',
        eb.fn.coalesce(
          eb
            .selectFrom('child as merged')
            .select('merged.merged_into_child_id')
            .where('merged.council_id', '=', user.councilId)
            .where('merged.id', '=', childId),
          eb.val(childId),
        ),
      ),
    )
    .executeTakeFirst()
  return row !== undefined
}
