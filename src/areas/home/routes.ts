import type { Db } from '../../db/database.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { caseloads, councillorFigures, myChildren, serviceTotals } from './home-service.js'

/** One home page, shaped by role: a worker's children, a manager's caseloads, the service's totals, or figures only. */
export function homeRoutes(db: Db): RouteDefinition[] {
  return [
    get({
      path: '/',
      name: 'Home',
      permission: 'signed-in',
      audit: { kind: 'none', reason: 'lists only children in scope; opening one is audited' },
      handler: async (_request, response, { user }) => {
        const view: Record<string, unknown> = { title: 'Home', role: user.role }
        switch (user.role) {
          case 'social_worker':
          case 'personal_adviser':
          case 'independent_reviewing_officer':
            view['children'] = await myChildren(db, user)
            break
          case 'team_manager':
            view['children'] = await myChildren(db, user)
            view['caseloads'] = await caseloads(db, user)
            break
          case 'head_of_service':
            view['totals'] = await serviceTotals(db, user.councilId)
            view['caseloads'] = await caseloads(db, user)
            break
          case 'performance_officer':
            view['totals'] = await serviceTotals(db, user.councilId)
            break
          case 'councillor':
            view['figures'] = await councillorFigures(db, user.councilId)
            break
          case 'administrator':
            view['totals'] = await serviceTotals(db, user.councilId)
            break
        }
        response.render('home/views/home.njk', view)
      },
    }),
  ]
}
