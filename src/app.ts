import { randomBytes } from 'node:crypto'
import express, { type Express, type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'
import type { Config } from './config.js'
import type { Db } from './db/database.js'
import type { Logger } from './logger.js'
import { aboutRoutes } from './areas/about/routes.js'
import { adminRoutes } from './areas/admin/routes.js'
import { auditRoutes } from './areas/audit/routes.js'
import { authRoutes, type DemoInfo } from './areas/auth/routes.js'
import { oidcRoutes } from './areas/auth/oidc-routes.js'
import { sessionMiddleware } from './areas/auth/sessions.js'
import { childRoutes } from './areas/children/routes.js'
import { homeRoutes } from './areas/home/routes.js'
import { peopleRoutes } from './areas/people/routes.js'
import { frontDoorRoutes } from './areas/front-door/routes.js'
import { childProtectionRoutes } from './areas/child-protection/routes.js'
import { lookedAfterRoutes } from './areas/looked-after/routes.js'
import { chronologyRoutes } from './areas/chronology/routes.js'
import { complianceRoutes } from './areas/compliance/routes.js'
import { returnsRoutes } from './areas/returns/routes.js'
import { careLeaverRoutes } from './areas/care-leavers/routes.js'
import { figuresRoutes } from './areas/figures/routes.js'
import { figuresAdminRoutes } from './areas/figures/admin-routes.js'
import { assetRoutes } from './web/assets.js'
import { csrfMiddleware } from './web/csrf.js'
import { errorHandler, notFoundHandler } from './web/error-handler.js'
import { navigationFor } from './web/navigation.js'
import { configureNunjucks } from './web/nunjucks.js'
import { registerRoutes, type RouteDefinition } from './web/routes.js'

export interface AppDependencies {
  db: Db
  config: Config
  logger: Logger
  /** Present on demonstration installations: the sign-in page lists the demo accounts. */
  demo?: DemoInfo | undefined
  /** Extra route sets (areas that need more than db/config, such as OIDC sign-in). */
  extraRoutes?: RouteDefinition[]
}

/** Every route Harbour serves, in one table: the permission matrix test is generated from this. */
export function routeTable(dependencies: AppDependencies): RouteDefinition[] {
  const { db, config, demo } = dependencies
  return [
    ...aboutRoutes(),
    ...authRoutes(db, config, demo),
    ...(config.oidc ? oidcRoutes(db, config) : []),
    ...homeRoutes(db),
    ...childRoutes(db),
    ...peopleRoutes(db),
    ...frontDoorRoutes(db),
    ...childProtectionRoutes(db),
    ...lookedAfterRoutes(db),
    ...chronologyRoutes(db),
    ...complianceRoutes(db, config),
    ...careLeaverRoutes(db),
    ...figuresAdminRoutes(db),
    ...figuresRoutes(db),
    ...returnsRoutes(db),
    ...auditRoutes(db),
    ...adminRoutes(db),
    ...(dependencies.extraRoutes ?? []),
  ]
}

/** The composition root: data access, then services, then the web app, all built here. */
export function createApp(dependencies: AppDependencies): Express {
  const { db, config, logger } = dependencies
  const production = config.env === 'production'
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  configureNunjucks(app, { production })

  app.use((_request: Request, response: Response, next: NextFunction) => {
    response.locals.cspNonce = randomBytes(16).toString('base64')
    next()
  })
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_request, response) => `'nonce-${(response as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: production ? [] : null,
        },
      },
      strictTransportSecurity: production,
    }),
  )
  app.use((request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint()
    response.on('finish', () => {
      // Path only: query strings can carry names typed into a search box.
      logger.info(
        {
          method: request.method,
          path: request.path,
          status: response.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      )
    })
    next()
  })
  app.use(assetRoutes())
  app.use(express.urlencoded({ extended: false, limit: '200kb' }))
  app.use(sessionMiddleware(db, config))
  app.use(csrfMiddleware(config))
  app.use((request: Request, response: Response, next: NextFunction) => {
    response.locals['user'] = request.user
    response.locals['navigation'] = navigationFor(request.user, request.path)
    response.set('Cache-Control', 'no-store')
    next()
  })
  const router = express.Router()
  registerRoutes(router, db, routeTable(dependencies))
  app.use(router)
  app.use(notFoundHandler)
  app.use(errorHandler(logger, production))
  return app
}
