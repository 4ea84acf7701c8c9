import type { Db } from '../../db/database.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { roleHas } from '../../web/permissions.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { childPageContext } from '../children/child-sections.js'
import { textValue } from './form-values.js'
import { planRoutes } from './plan-routes.js'
import { currentReferral, loadChildProtection } from './records.js'
import { BASE, pathFor, SAVED_MESSAGES } from './route-support.js'
import { startRoutes } from './start-routes.js'
import { historyRows, nextSteps, planCards } from './timeline.js'

/**
 * The child protection section of a child's record: one page with what is next, the plans and the
 * history, and the forms that record each step (start-routes.ts, plan-routes.ts).
 */
export function childProtectionRoutes(db: Db): RouteDefinition[] {
  const today = () => todayInLondon()

  const page = get({
    path: BASE,
    name: 'Child protection',
    permission: 'child:read',
    audit: { kind: 'child', entity: 'child_protection' },
    handler: async (request, response, { user, childId }) => {
      const id = childId as number
      const record = await loadChildProtection(db, user.councilId, id)
      const context = await childPageContext(db, user.councilId, id, 'child-protection')
      const saved = SAVED_MESSAGES[textValue(request.query['saved'])]
      const count = Number(textValue(request.query['count']) || 1)
      const canWrite = roleHas(user.role, 'child:write')
      response.render('child-protection/views/index.njk', {
        ...context,
        title: `Child protection – ${context.child.first_name} ${context.child.last_name}`,
        saved: saved === undefined ? undefined : `${saved}${count > 1 ? ` for ${count} children` : ''}.`,
        steps: canWrite ? nextSteps(record, today()) : [],
        plans: planCards(record, today(), roleHas(user.role, 'child:manage')),
        history: historyRows(record, today()),
        canWrite,
        discussionHref:
          canWrite && currentReferral(record) !== undefined ? pathFor(id, 'strategy-discussions', 'new') : null,
      })
    },
  })

  return [page, ...startRoutes(db), ...planRoutes(db)]
}
