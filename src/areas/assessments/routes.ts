import type { Db } from '../../db/database.js'
import { todayInLondon } from '../../web/forms/date-input.js'
import { roleHas } from '../../web/permissions.js'
import { get, type RouteDefinition } from '../../web/routes.js'
import { savedMessage } from '../front-door/pages.js'
import { childReferrals, listAssessments, listCinPlans } from './queries.js'
import { assessmentRows, cinPlanRows } from './view-rows.js'
import { assessmentsPage, SAVED_MESSAGES } from './pages.js'
import { assessmentRecordRoutes } from './assessment-routes.js'
import { cinPlanRoutes } from './cin-plan-routes.js'

/** Routes for child and family assessments and child in need plans (section 'assessments'). */
export function assessmentRoutes(db: Db): RouteDefinition[] {
  const page = assessmentsPage(db)
  return [
    get({
      path: '/children/:childId/assessments',
      name: 'Assessments and plans',
      permission: 'child:read',
      audit: { kind: 'child', entity: 'assessment' },
      handler: async (request, response, { user, childId }) => {
        const id = childId as number
        const [assessments, plans, referrals] = await Promise.all([
          listAssessments(db, user.councilId, id),
          listCinPlans(db, user.councilId, id),
          childReferrals(db, user.councilId, id),
        ])
        await page(response, user, id, 'assessments', 'Assessments and plans', {
          saved: savedMessage(SAVED_MESSAGES, request.query),
          assessments: assessmentRows(id, assessments, todayInLondon()),
          plans: cinPlanRows(id, plans),
          hasReferrals: referrals.length > 0,
          canWrite: roleHas(user.role, 'child:write'),
          canManage: roleHas(user.role, 'child:manage'),
        })
      },
    }),
    ...assessmentRecordRoutes(db),
    ...cinPlanRoutes(db),
  ]
}
