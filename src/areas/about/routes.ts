import { get, type RouteDefinition } from '../../web/routes.js'

export function aboutRoutes(): RouteDefinition[] {
  return [
    get({
      path: '/health',
      name: 'Health check',
      permission: 'public',
      audit: { kind: 'none', reason: 'no record is read' },
      handler: async (_request, response) => {
        response.json({ status: 'ok' })
      },
    }),
    get({
      path: '/accessibility',
      name: 'Accessibility statement',
      permission: 'public',
      audit: { kind: 'none', reason: 'no record is read' },
      handler: async (_request, response) =>
        response.render('about/views/accessibility.njk', { title: 'Accessibility statement' }),
    }),
    get({
      path: '/privacy',
      name: 'How Harbour uses data',
      permission: 'public',
      audit: { kind: 'none', reason: 'no record is read' },
      handler: async (_request, response) =>
        response.render('about/views/privacy.njk', { title: 'How Harbour uses data' }),
    }),
  ]
}
