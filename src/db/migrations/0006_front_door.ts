import type { Kysely } from 'kysely'
import { executeScript } from '../sql-script.js'

/**
 * Front door, assessments and child in need plans: the two things 0002 did not carry.
 * - assessment.submitted_at/submitted_by: the social worker completes the assessment and submits it
 *   for a manager to authorise (authorisation_date, the CIN AssessmentAuthorisationDate, stays the
 *   manager's). Rows from imports or the synthetic council may be authorised with no submission recorded.
 * - cin_plan.end_reason: why the plan ended, as a CIN ReasonForClosure code (RC1-RC9).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table assessment add column submitted_at timestamptz;
    alter table assessment add column submitted_by integer;
    alter table assessment add constraint assessment_submitted_by_fk
      foreign key (council_id, submitted_by) references user_account (council_id, id);
    alter table assessment add constraint assessment_submitted_by_needs_time
      check (submitted_by is null or submitted_at is not null);

    alter table cin_plan add column end_reason text;  -- CIN ReasonForClosure code given when the plan ended
    alter table cin_plan add constraint cin_plan_end_reason_needs_end check (end_reason is null or end_date is not null);
  `,
  )
}

export async function down(): Promise<void> {
  throw new Error('The front door migration cannot be reversed.')
}
