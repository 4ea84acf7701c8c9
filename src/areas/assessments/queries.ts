import type { Db } from '../../db/database.js'

/** Reads for the assessments and plans pages. Callers are routes with :childId, already scope-checked. */

export async function childReferrals(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('referral')
    .select(['id', 'referral_date', 'source', 'closure_date'])
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .orderBy('referral_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

function assessmentQuery(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('assessment as a')
    .leftJoin('referral as r', (join) =>
      join
        .onRef('r.council_id', '=', 'a.council_id')
        .onRef('r.child_id', '=', 'a.child_id')
        .onRef('r.id', '=', 'a.referral_id'),
    )
    .leftJoin('user_account as worker', (join) =>
      join.onRef('worker.council_id', '=', 'a.council_id').onRef('worker.id', '=', 'a.worker_id'),
    )
    .leftJoin('user_account as submitter', (join) =>
      join.onRef('submitter.council_id', '=', 'a.council_id').onRef('submitter.id', '=', 'a.submitted_by'),
    )
    .leftJoin('user_account as authoriser', (join) =>
      join.onRef('authoriser.council_id', '=', 'a.council_id').onRef('authoriser.id', '=', 'a.authorised_by'),
    )
    .select([
      'a.id',
      'a.referral_id',
      'a.start_date',
      'a.factors',
      'a.child_seen',
      'a.outcome',
      'a.submitted_at',
      'a.authorisation_date',
      'a.version',
      'r.referral_date',
      'worker.display_name as worker_name',
      'submitter.display_name as submitted_by_name',
      'authoriser.display_name as authorised_by_name',
    ])
    .where('a.council_id', '=', councilId)
    .where('a.child_id', '=', childId)
}

export type AssessmentRecord = Awaited<ReturnType<typeof listAssessments>>[number]

export async function listAssessments(db: Db, councilId: number, childId: number) {
  return assessmentQuery(db, councilId, childId).orderBy('a.start_date', 'desc').orderBy('a.id', 'desc').execute()
}

export async function getAssessment(db: Db, councilId: number, childId: number, assessmentId: number) {
  return assessmentQuery(db, councilId, childId).where('a.id', '=', assessmentId).executeTakeFirst()
}

export async function listCinPlans(db: Db, councilId: number, childId: number) {
  return db
    .selectFrom('cin_plan as p')
    .leftJoin('referral as r', (join) =>
      join
        .onRef('r.council_id', '=', 'p.council_id')
        .onRef('r.child_id', '=', 'p.child_id')
        .onRef('r.id', '=', 'p.referral_id'),
    )
    .select(['p.id', 'p.referral_id', 'p.start_date', 'p.end_date', 'p.end_reason', 'p.version', 'r.referral_date'])
    .where('p.council_id', '=', councilId)
    .where('p.child_id', '=', childId)
    .orderBy('p.start_date', 'desc')
    .orderBy('p.id', 'desc')
    .execute()
}

export async function getCinPlan(db: Db, councilId: number, childId: number, planId: number) {
  return db
    .selectFrom('cin_plan')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('child_id', '=', childId)
    .where('id', '=', planId)
    .executeTakeFirst()
}
