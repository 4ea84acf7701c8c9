import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../db/database.js'
import { migrateToLatest } from '../../db/migrate.js'
import { verifyPassword } from '../auth/passwords.js'
import { isValidCode, type CodeListName } from '../codes/code-lists.js'
import {
  CouncilAlreadyExistsError,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  generateSyntheticCouncil,
  markDatabaseAsDemo,
  NotADemoDatabaseError,
} from './demo.js'
import type { GenerationResult } from './generator.js'
import { Rng } from './rng.js'

const AS_AT = '2026-03-31'
/** A fifth of Blackpool: big enough for the shares to mean something, small enough for a quick test. */
const SCALE = 0.2

async function freshDatabase(): Promise<Db> {
  const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' })
  await migrateToLatest(db)
  return db
}

async function demoDatabase(): Promise<Db> {
  const db = await freshDatabase()
  await markDatabaseAsDemo(db)
  return db
}

function near(actual: number, expected: number, tolerance: number): void {
  expect(actual, `${actual} should be within ${Math.round(tolerance * 100)}% of ${expected}`).toBeGreaterThanOrEqual(
    expected * (1 - tolerance),
  )
  expect(actual, `${actual} should be within ${Math.round(tolerance * 100)}% of ${expected}`).toBeLessThanOrEqual(
    expected * (1 + tolerance),
  )
}

async function count(db: Db, query: string): Promise<number> {
  const result = await sql<{ n: number }>`${sql.raw(query)}`.execute(db)
  return Number(result.rows[0]?.n ?? 0)
}

describe('the seeded random generator', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Rng(7)
    const b = new Rng(7)
    const c = new Rng(8)
    const first = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first)
    expect(new Rng(7).fork('x', 1).next()).toBe(new Rng(7).fork('x', 1).next())
  })
})

describe('determinism and loading only into a demonstration database', () => {
  it('refuses a database not marked as a demonstration one, loads the same data for the same seed, and loads once', async () => {
    const runs: { result: GenerationResult; children: unknown[]; episodes: unknown[] }[] = []
    for (let run = 0; run < 2; run++) {
      const db = await freshDatabase()
      try {
        if (run === 0) {
          await expect(generateSyntheticCouncil(db, { seed: 99, scale: 0.03, asAt: AS_AT })).rejects.toThrow(
            NotADemoDatabaseError,
          )
        }
        await markDatabaseAsDemo(db)
        // The first run checks every foreign key as it loads, proving the generated ids line up.
        const result = await generateSyntheticCouncil(db, {
          seed: 99,
          scale: 0.03,
          asAt: AS_AT,
          enforceForeignKeys: run === 0,
        })
        const children = await db
          .selectFrom('child')
          .select([
            'id',
            'la_child_id',
            'first_name',
            'last_name',
            'date_of_birth',
            'sex',
            'ethnicity',
            'upn',
            'home_postcode',
          ])
          .orderBy('id')
          .limit(25)
          .execute()
        const episodes = await db
          .selectFrom('looked_after_episode')
          .select(['child_id', 'start_date', 'end_date', 'legal_status', 'placement_type', 'placement_postcode'])
          .orderBy('id')
          .limit(25)
          .execute()
        runs.push({ result, children, episodes })
        await expect(generateSyntheticCouncil(db, { seed: 99, scale: 0.03, asAt: AS_AT })).rejects.toThrow(
          CouncilAlreadyExistsError,
        )
        await expect(markDatabaseAsDemo(db)).rejects.toThrow(/already holds a council/)
        if (run === 1) {
          await db.updateTable('installation').set({ kind: 'live' }).execute()
          await expect(generateSyntheticCouncil(db, { seed: 7, scale: 0.03, asAt: AS_AT })).rejects.toThrow(
            /live installation/,
          )
        }
      } finally {
        await db.destroy()
      }
    }
    const [first, second] = runs
    expect(first?.result.rows).toBeGreaterThan(3_000)
    expect(first?.result.counts).toEqual(second?.result.counts)
    expect(first?.result.census).toEqual(second?.result.census)
    expect(first?.children).toEqual(second?.children)
    expect(first?.episodes).toEqual(second?.episodes)
    expect(first?.children.length).toBe(25)
  }, 180_000)
})

describe(`a synthetic Blackpool at scale ${SCALE}`, () => {
  let db: Db
  let result: GenerationResult

  beforeAll(async () => {
    db = await demoDatabase()
    result = await generateSyntheticCouncil(db, { seed: 20261122, scale: SCALE, asAt: AS_AT })
  }, 180_000)

  afterAll(async () => {
    await db.destroy()
  })

  it('is Blackpool Council with its population by age band', async () => {
    const council = await db.selectFrom('council').selectAll().executeTakeFirstOrThrow()
    expect(council).toMatchObject({
      id: 1,
      name: 'Blackpool Council',
      la_code: '890',
      gss_code: 'E06000009',
      region: 'North West',
    })
    const population = await count(db, `select sum(population)::int as n from council_population where year = 2026`)
    near(population, 31_000 * SCALE, 0.05)
    const source = await db.selectFrom('council_population').select('source').executeTakeFirstOrThrow()
    expect(source.source).toMatch(/synthetic/i)
  })

  it('holds the headline numbers on the as-at date', async () => {
    const referrals = await count(
      db,
      `select count(*)::int as n from referral where referral_date > date '${AS_AT}' - 365`,
    )
    near(referrals, 3_500 * SCALE, 0.25)
    const lookedAfter = await count(db, `select count(*)::int as n from period_of_care where end_date is null`)
    near(lookedAfter, 580 * SCALE, 0.3)
    const onPlans = await count(db, `select count(*)::int as n from cp_plan where end_date is null`)
    near(onPlans, 280 * SCALE, 0.35)
    const inNeed = await count(
      db,
      `select count(*)::int as n from referral r where r.closure_date is null
         and not exists (select 1 from cp_plan p where p.child_id = r.child_id and p.end_date is null)
         and not exists (select 1 from period_of_care c where c.child_id = r.child_id and c.end_date is null)`,
    )
    near(inNeed, 1_100 * SCALE, 0.3)
    near(result.census.careLeavers, 180 * SCALE, 0.35)
    expect(result.census.lookedAfter).toBe(lookedAfter)
  })

  it('gets most referrals from the police', async () => {
    const sources = await sql<{ source: string; n: number }>`
      select source, count(*)::int as n from referral group by source order by n desc`.execute(db)
    expect(sources.rows[0]?.source).toBe('6')
  })

  it('keeps teenagers in care longer than babies and places most residential children out of borough', async () => {
    // Of the children who came into care in the first two years of the history window, more of the
    // teenagers are still looked after on the as-at date: babies are adopted or go home sooner.
    const stays = await sql<{ band: string; still: number; total: number }>`
      select case when extract(year from age(p.start_date, c.date_of_birth)) < 1 then 'baby' else 'teen' end as band,
             count(*) filter (where p.end_date is null)::int as still, count(*)::int as total
      from period_of_care p join child c on c.id = p.child_id
      where p.start_date between date '${sql.raw(AS_AT)}' - interval '3 years' and date '${sql.raw(AS_AT)}' - interval '1 year'
        and (extract(year from age(p.start_date, c.date_of_birth)) < 1
          or extract(year from age(p.start_date, c.date_of_birth)) between 11 and 14)
      group by 1`.execute(db)
    const share = (band: string) => {
      const row = stays.rows.find((candidate) => candidate.band === band)
      return (row?.still ?? 0) / Math.max(1, row?.total ?? 0)
    }
    expect(share('teen')).toBeGreaterThan(share('baby'))
    const residential = await sql<{ outside: number; total: number }>`
      select count(*) filter (where not placement_inside_boundary)::int as outside, count(*)::int as total
      from looked_after_episode where end_date is null and placement_type in ('K1', 'K2', 'S1')`.execute(db)
    const row = residential.rows[0]
    expect(row?.total).toBeGreaterThan(0)
    expect((row?.outside ?? 0) / (row?.total ?? 1)).toBeGreaterThan(0.45)
  })

  it('has care leavers mostly in touch and in suitable accommodation, about half of 19 to 21 year olds NEET', () => {
    const census = result.census
    expect(census.careLeaversInTouch / census.careLeavers).toBeGreaterThan(0.8)
    const suitable = census.careLeaversSuitable / census.careLeavers
    expect(suitable).toBeGreaterThan(0.8)
    expect(suitable).toBeLessThan(0.98)
    const neet = census.careLeavers19To21Neet / census.careLeavers19To21
    expect(neet).toBeGreaterThan(0.3)
    expect(neet).toBeLessThan(0.65)
  })

  it('uses only codes from the DfE and Harbour code lists', async () => {
    const checks: [CodeListName, string][] = [
      ['ReferralSource', 'select distinct source as code from referral'],
      ['PrimaryNeedCode', 'select distinct primary_need as code from referral'],
      ['ReasonForClosure', 'select distinct closure_reason as code from referral where closure_reason is not null'],
      ['AssessmentFactors', 'select distinct unnest(factors) as code from assessment'],
      [
        'CategoryOfAbuse',
        'select distinct initial_category as code from cp_plan union select latest_category from cp_plan',
      ],
      ['RNE', 'select distinct reason_new_episode as code from looked_after_episode'],
      ['LS', 'select distinct legal_status as code from looked_after_episode'],
      ['CIN', 'select distinct category_of_need as code from looked_after_episode'],
      ['PLACE', 'select distinct placement_type as code from looked_after_episode'],
      [
        'PLACE_PROVIDER',
        'select distinct placement_provider as code from looked_after_episode where placement_provider is not null',
      ],
      [
        'REC',
        'select distinct reason_episode_ceased as code from looked_after_episode where reason_episode_ceased is not null',
      ],
      [
        'REASON_PLACE_CHANGE',
        'select distinct reason_place_change as code from looked_after_episode where reason_place_change is not null',
      ],
      ['REVIEW_CODE', 'select distinct participation_code as code from looked_after_review'],
      ['MISSING', 'select distinct missing_type as code from missing_episode'],
      [
        'SDQ_REASON',
        'select distinct reason_not_completed as code from sdq_assessment where reason_not_completed is not null',
      ],
      ['IN_TOUCH', 'select distinct in_touch as code from oc3_outcome'],
      [
        'ACTIV',
        'select distinct activity as code from oc3_outcome union select activity_code from care_leaver_activity',
      ],
      ['ACCOM', 'select distinct accommodation as code from oc3_outcome'],
      ['ACCOM_TYPE', 'select distinct accommodation_type as code from care_leaver_accommodation'],
      [
        'UNSUITABLE_ACCOMMODATION_REASON',
        'select distinct unsuitable_reason as code from care_leaver_accommodation where unsuitable_reason is not null',
      ],
      ['ETHNIC', 'select distinct ethnicity as code from child'],
      ['Disability', 'select distinct unnest(disabilities) as code from child'],
      ['UPN_UNKNOWN', 'select distinct upn_unknown_reason as code from child where upn_unknown_reason is not null'],
      ['Sex', 'select distinct sex as code from child'],
      [
        'SW_REASON',
        `select distinct reason_for_change as code from worker_allocation where allocation_role = 'social_worker' and reason_for_change is not null`,
      ],
      ['MISSED_VISIT_REASON', 'select distinct reason as code from missed_visit'],
      ['RELATIONSHIP', 'select distinct relationship as code from child_relationship'],
      ['PROVIDER_TYPE', 'select distinct provider_type as code from provider'],
      ['PLACE_PROVIDER', 'select distinct ownership as code from provider where ownership is not null'],
      ['SEX_ADOPTR', 'select distinct adopter_sex as code from adoption'],
      ['LS_ADOPTR', 'select distinct adopter_legal_status as code from adoption'],
    ]
    for (const [list, query] of checks) {
      const rows = await sql<{ code: string }>`${sql.raw(query)}`.execute(db)
      const invalid = rows.rows.map((row) => row.code).filter((code) => !isValidCode(list, code))
      expect(invalid, `codes not in ${list}`).toEqual([])
    }
  })

  it('keeps each child’s 903 episodes contiguous, non-overlapping and ending after they start', async () => {
    const episodes = await db
      .selectFrom('looked_after_episode')
      .select([
        'child_id',
        'period_of_care_id',
        'start_date',
        'end_date',
        'reason_episode_ceased',
        'placement_type',
        'placement_provider',
      ])
      .orderBy('child_id')
      .orderBy('start_date')
      .execute()
    expect(episodes.length).toBeGreaterThan(100)
    const blankProvider = new Set(['T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14'])
    for (let index = 0; index < episodes.length; index++) {
      const episode = episodes[index]!
      if (episode.end_date !== null) expect(episode.end_date > episode.start_date, JSON.stringify(episode)).toBe(true)
      expect(episode.placement_provider === null, JSON.stringify(episode)).toBe(
        blankProvider.has(episode.placement_type),
      )
      const next = episodes[index + 1]
      if (next === undefined || next.child_id !== episode.child_id) continue
      expect(episode.end_date, JSON.stringify([episode, next])).not.toBeNull()
      expect(episode.end_date! <= next.start_date, JSON.stringify([episode, next])).toBe(true)
      if (next.period_of_care_id === episode.period_of_care_id) {
        expect(episode.end_date).toBe(next.start_date)
        expect(episode.reason_episode_ceased).toBe('X1')
      } else {
        expect(episode.reason_episode_ceased).not.toBe('X1')
      }
    }
  })

  it('keeps CIN episodes apart, records nothing after a case closes, and gives every open case one social worker', async () => {
    const problems = await sql<Record<string, number>>`
      select
        (select count(*)::int from referral a join referral b on a.child_id = b.child_id and a.id < b.id
           and a.referral_date < coalesce(b.closure_date, 'infinity') and b.referral_date < coalesce(a.closure_date, 'infinity')
           and not (a.no_further_action or b.no_further_action)) as overlapping_episodes,
        (select count(*)::int from (select child_id from referral where closure_date is null group by 1 having count(*) > 1) x)
          as several_open_episodes,
        (select count(*)::int from assessment a join referral r on r.id = a.referral_id
           where r.closure_date < coalesce(a.authorisation_date, a.start_date)) as assessment_after_closure,
        (select count(*)::int from cp_plan p join referral r on r.id = p.referral_id
           where r.closure_date is not null and (p.end_date is null or p.end_date > r.closure_date)) as plan_after_closure,
        (select count(*)::int from period_of_care p where not exists (select 1 from referral r where r.child_id = p.child_id
           and r.referral_date <= p.start_date and (r.closure_date is null or r.closure_date >= coalesce(p.end_date, r.closure_date))))
          as care_outside_episode,
        (select count(*)::int from referral r where r.closure_date is null and not r.no_further_action
           and (select count(*) from worker_allocation a where a.child_id = r.child_id and a.end_date is null
                and a.allocation_role = 'social_worker') <> 1) as open_case_without_one_worker,
        (select count(*)::int from worker_allocation a where a.end_date is null and a.allocation_role = 'social_worker'
           and not exists (select 1 from referral r where r.child_id = a.child_id and r.closure_date is null)) as worker_on_closed_case,
        (select count(*)::int from period_of_care p where p.end_date is null and not exists (select 1 from worker_allocation a
           where a.child_id = p.child_id and a.end_date is null and a.allocation_role = 'iro')) as looked_after_without_iro`.execute(
      db,
    )
    expect(problems.rows[0]).toEqual({
      overlapping_episodes: 0,
      several_open_episodes: 0,
      assessment_after_closure: 0,
      plan_after_closure: 0,
      care_outside_episode: 0,
      open_case_without_one_worker: 0,
      worker_on_closed_case: 0,
      looked_after_without_iro: 0,
    })
  })

  it('never records a referral on or after the 18th birthday, and gives valid UPNs and child ids', async () => {
    const late = await count(
      db,
      `select count(*)::int as n from referral r join child c on c.id = r.child_id
       where c.date_of_birth is not null and r.referral_date >= c.date_of_birth + interval '18 years'`,
    )
    expect(late).toBe(0)
    const children = await db.selectFrom('child').select(['la_child_id', 'upn', 'upn_unknown_reason']).execute()
    for (const child of children) {
      expect(child.la_child_id).toMatch(/^[A-Za-z0-9]{1,10}$/)
      if (child.upn === null) expect(child.upn_unknown_reason).toMatch(/^UN[1-5]$/)
      else expect(child.upn).toMatch(/^[A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z])$/)
    }
  })

  it('has late and missed visits with reasons, and most visits in time', async () => {
    const missed = await count(db, 'select count(*)::int as n from missed_visit')
    const visits = await count(db, 'select count(*)::int as n from visit')
    expect(missed).toBeGreaterThan(0)
    expect(missed / visits).toBeLessThan(0.2)
  })

  it('has one demonstration account per role, with realistic caseloads for the social worker and manager', async () => {
    const demo = await db.selectFrom('user_account').selectAll().where('is_demo', '=', true).execute()
    expect(demo.map((user) => user.role).sort()).toEqual(DEMO_ACCOUNTS.map((account) => account.role).sort())
    const socialWorker = demo.find((user) => user.role === 'social_worker')!
    expect(await verifyPassword(DEMO_PASSWORD, socialWorker.password_hash ?? '')).toBe(true)
    expect(
      await count(db, 'select count(*)::int as n from user_account where not is_demo and password_hash is not null'),
    ).toBe(0)
    const caseload = await count(
      db,
      `select count(distinct child_id)::int as n from worker_allocation where user_id = ${socialWorker.id} and end_date is null`,
    )
    expect(caseload).toBeGreaterThanOrEqual(10)
    expect(caseload).toBeLessThanOrEqual(30)
    const manager = demo.find((user) => user.role === 'team_manager')!
    const teamChildren = await count(
      db,
      `select count(distinct a.child_id)::int as n from worker_allocation a
       join team_member m on m.team_id = a.team_id and m.user_id = ${manager.id} and m.relation = 'manager'
       where a.end_date is null`,
    )
    expect(teamChildren).toBeGreaterThan(caseload)
  })

  it('restricts or seals a few records, each with named users granted access', async () => {
    const restricted = await db
      .selectFrom('child')
      .select(['id', 'restriction'])
      .where('restriction', 'is not', null)
      .execute()
    expect(restricted.length).toBeGreaterThan(0)
    for (const child of restricted) {
      expect(
        await count(db, `select count(*)::int as n from child_access_grant where child_id = ${child.id}`),
      ).toBeGreaterThan(0)
    }
  })

  it('moves the identity sequences past the generated rows', async () => {
    const inserted = await db
      .insertInto('child')
      .values({
        council_id: 1,
        la_child_id: 'NEW1',
        first_name: 'Testy',
        last_name: 'Newcombe',
        preferred_name: null,
        date_of_birth: '2020-01-01',
        expected_date_of_birth: null,
        date_of_death: null,
        sex: 'F',
        ethnicity: 'WBRI',
        upn: null,
        former_upn: null,
        upn_unknown_reason: 'UN1',
        uasc_ceased_date: null,
        home_postcode: null,
        restriction: null,
        restriction_reason: null,
        merged_into_child_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(inserted.id).toBeGreaterThan(result.counts.child ?? 0)
  })
})
