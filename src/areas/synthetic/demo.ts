import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import { assertDemoDatabase, markDatabaseAsDemo, NotADemoDatabaseError } from './demo-installation.js'
import { generateSyntheticCouncil } from './generator.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './staff.js'

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './staff.js'
export { assertDemoDatabase, markDatabaseAsDemo, NotADemoDatabaseError } from './demo-installation.js'
export { CouncilAlreadyExistsError, generateSyntheticCouncil } from './generator.js'

export interface DemoSignIns {
  password: string
  accounts: { role: string; email: string }[]
}

/**
 * On start-up with DEMO=true: marks an empty database as a demonstration installation and loads the
 * synthetic council into it; on later starts (the council is there) it only returns the sign-ins.
 */
export async function loadDemoCouncilIfEmpty(
  db: Db,
  config: Pick<Config, 'demo'>,
  log: (message: string) => void,
): Promise<DemoSignIns> {
  const council = await db.selectFrom('council').select('id').limit(1).executeTakeFirst()
  if (council === undefined) {
    await markDatabaseAsDemo(db)
    log(
      `Loading the synthetic council (scale ${config.demo.scale}, seed ${config.demo.seed}; about a minute at scale 1)...`,
    )
    const started = Date.now()
    const result = await generateSyntheticCouncil(db, { seed: config.demo.seed, scale: config.demo.scale })
    log(
      `Loaded ${result.census.children.toLocaleString('en-GB')} children and ${result.rows.toLocaleString('en-GB')} records in ${Math.round((Date.now() - started) / 1000)} s.`,
    )
  } else {
    await assertDemoDatabase(db).catch((error: unknown) => {
      throw error instanceof NotADemoDatabaseError
        ? new NotADemoDatabaseError(`DEMO=true, but ${error.message}`)
        : error
    })
  }
  return { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map(({ role, email }) => ({ role, email })) }
}
