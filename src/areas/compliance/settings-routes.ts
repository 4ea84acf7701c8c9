import type { Request, Response } from 'express'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { asText } from './text.js'
import { NotFoundError } from '../../web/errors.js'
import { formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'
import { datePartsFromIso, isoDate, todayInLondon } from '../../web/forms/date-input.js'
import { formatUkDate } from '../../web/nunjucks.js'
import { ROLE_LABELS, roleHas } from '../../web/permissions.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, englandAndWalesCalendar } from './calendar.js'
import {
  confirmationMinimumAge,
  COUNCIL_EDITABLE_RULES,
  councilTimescaleOn,
  saveEscalationStep,
  setConfirmationMinimumAge,
  setCouncilTimescale,
  SETTINGS_PATH,
} from './council-settings.js'
import { escalationLadder } from './escalations.js'
import { loadRuleBook } from './rule-book.js'
import {
  confirmationAgeSchema,
  councilTimescaleSchema,
  ESCALATION_ROLES,
  escalationStepSchema,
  UNITS_FOR_LOCAL_STANDARDS,
} from './schemas.js'
import { describeLimit, escapeHtml } from './view-rows.js'

const STATUS_LABELS: Record<string, string> = {
  statute: 'Act of Parliament',
  regulation: 'Regulations',
  statutory_guidance: 'Statutory guidance',
  statute_no_limit: 'Act of Parliament (no time limit)',
  local_standard: 'Local standard',
}
const VERIFIED_LABELS: Record<string, string> = {
  V: 'Checked against the law or guidance itself',
  S: 'Checked against a source quoting it',
  R: 'Not yet checked against the source',
}
const UNIT_LABELS: Record<(typeof UNITS_FOR_LOCAL_STANDARDS)[number], string> = {
  working_days: 'Working days',
  calendar_days: 'Days',
  calendar_weeks: 'Weeks',
  calendar_months: 'Months',
}
const NOTICES: Record<string, string> = {
  timescale: 'The council’s standard has been changed.',
  age: 'The age for asking young people to confirm visits has been changed.',
  step: 'The escalation ladder has been changed.',
}

export function settingsRoutes(db: Db): RouteDefinition[] {
  const renderSettings = async (
    request: Request,
    response: Response,
    user: SignedInUser,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) => {
    const today = todayInLondon()
    const rules = await loadRuleBook(db, user.councilId)
    const standards = COUNCIL_EDITABLE_RULES.map((id) => {
      const rule = rules.rule(id)
      const local = rules.localRule(id, today)
      const current = local !== undefined && !local.enabled ? 'Not tracked' : describeLimit(rules.limit(id, today))
      return [
        { text: rule?.name ?? id },
        {
          text:
            rule === undefined
              ? ''
              : describeLimit(
                  rule.timeLimit === null || rule.unit === 'none' || rule.unit === 'as_soon_as_possible'
                    ? null
                    : { timeLimit: rule.timeLimit, unit: rule.unit },
                ),
        },
        { text: `${current}${local === undefined ? '' : ` (since ${formatUkDate(local.effectiveFrom)})`}` },
        {
          html: `<a class="govuk-link" href="${SETTINGS_PATH}/${id}">Change<span class="govuk-visually-hidden"> ${escapeHtml(rule?.name ?? id)}</span></a>`,
        },
      ]
    })
    const ladder = await escalationLadder(db, user.councilId)
    const age = await confirmationMinimumAge(db, user.councilId)
    response.render('compliance/views/settings.njk', {
      title: 'Timescales and escalation',
      standards,
      stepRows: ladder.map((step) => [
        { text: String(step.stepNumber) },
        { text: step.name },
        { text: ROLE_LABELS[step.role] },
        { text: step.afterDaysOverdue === 0 ? 'On the day' : `${step.afterDaysOverdue} days` },
        { text: `${step.respondWithinWorkingDays} working day${step.respondWithinWorkingDays === 1 ? '' : 's'}` },
        { text: step.active ? 'Yes' : 'No' },
        {
          html: `<a class="govuk-link" href="/settings/escalation-steps/${step.id}">Change<span class="govuk-visually-hidden"> step ${step.stepNumber}</span></a>`,
        },
      ]),
      values: form.values ?? { minimumAge: String(age.age), version: String(age.version) },
      ...(form.errors ?? NO_ERRORS),
      notice: NOTICES[asText(request.query['saved'])],
    })
  }

  const renderTimescaleForm = async (
    response: Response,
    user: SignedInUser,
    ruleId: string,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) => {
    if (!(COUNCIL_EDITABLE_RULES as readonly string[]).includes(ruleId)) throw new NotFoundError()
    const today = todayInLondon()
    const rules = await loadRuleBook(db, user.councilId)
    const rule = rules.rule(ruleId)
    if (rule === undefined) throw new NotFoundError()
    const current = await councilTimescaleOn(db, user.councilId, ruleId, today)
    const limit = rules.limit(ruleId, today)
    const values = form.values ?? {
      enabled: current === undefined || current.enabled ? 'yes' : 'no',
      timeLimit: limit === null ? '' : String(limit.timeLimit),
      unit: limit?.unit,
      version: String(current?.effective_from === today ? current.version : 0),
      ...datePartsFromIso('effectiveFrom', today),
    }
    response.render('compliance/views/settings-timescale.njk', {
      title: `Change the council’s standard: ${rule.name}`,
      rule,
      national: describeLimit(
        rule.timeLimit === null || rule.unit === 'none' || rule.unit === 'as_soon_as_possible'
          ? null
          : { timeLimit: rule.timeLimit, unit: rule.unit },
      ),
      values,
      unitItems: UNITS_FOR_LOCAL_STANDARDS.map((unit) => ({
        value: unit,
        text: UNIT_LABELS[unit],
        checked: values['unit'] === unit,
      })),
      ...(form.errors ?? NO_ERRORS),
    })
  }

  const renderStepForm = async (
    response: Response,
    user: SignedInUser,
    stepId: number | null,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) => {
    const step =
      stepId === null
        ? undefined
        : (await escalationLadder(db, user.councilId)).find((candidate) => candidate.id === stepId)
    if (stepId !== null && step === undefined) throw new NotFoundError()
    const values = form.values ?? {
      name: step?.name ?? '',
      escalateToRole: step?.role,
      afterDaysOverdue: step === undefined ? '' : String(step.afterDaysOverdue),
      respondWithin: step === undefined ? '' : String(step.respondWithinWorkingDays),
      active: step === undefined || step.active ? 'yes' : 'no',
      version: String(step?.version ?? 0),
    }
    response.render('compliance/views/settings-step.njk', {
      title: step === undefined ? 'Add an escalation step' : `Change escalation step ${step.stepNumber}`,
      step,
      action: step === undefined ? '/settings/escalation-steps' : `/settings/escalation-steps/${step.id}`,
      values,
      roleItems: ESCALATION_ROLES.map((role) => ({
        value: role,
        text: ROLE_LABELS[role],
        checked: values['escalateToRole'] === role,
      })),
      ...(form.errors ?? NO_ERRORS),
    })
  }

  const stepId = (request: Request) => {
    const value = Number(request.params['stepId'])
    if (!Number.isSafeInteger(value) || value <= 0) throw new NotFoundError()
    return value
  }

  return [
    get({
      path: '/timescales',
      name: 'Timescales Harbour tracks',
      permission: 'signed-in',
      audit: { kind: 'none', reason: 'the rules and their sources: no child data' },
      handler: async (_request, response, { user }) => {
        const today = todayInLondon()
        const rules = await loadRuleBook(db, user.councilId)
        const rows = await db
          .selectFrom('timescale_rule')
          .selectAll()
          .where('active', '=', true)
          .orderBy('domain')
          .orderBy('id')
          .execute()
        const calendar = englandAndWalesCalendar()
        const vendored = calendar.bankHolidays().filter((holiday) => holiday.source === 'vendored')
        response.render('compliance/views/timescales.njk', {
          title: 'Timescales Harbour tracks',
          rules: rows.map((row) => {
            const local = rules.localRule(row.id, today)
            return {
              id: row.id,
              name: row.name,
              domain: row.domain.replace(/_/g, ' '),
              national: describeLimit(
                row.time_limit === null || row.unit === 'none' || row.unit === 'as_soon_as_possible'
                  ? null
                  : {
                      timeLimit: row.time_limit,
                      unit: row.unit,
                    },
              ),
              council:
                local === undefined
                  ? null
                  : local.enabled
                    ? describeLimit(rules.limit(row.id, today))
                    : 'Not tracked by this council',
              counts: row.clock_starts_from.replace(/_/g, ' '),
              recurring: row.recurring,
              status: STATUS_LABELS[row.statutory_status] ?? row.statutory_status,
              source: row.source,
              verified: row.verified === null ? '' : (VERIFIED_LABELS[row.verified] ?? ''),
              notes: row.notes,
            }
          }),
          firstHoliday: vendored[0]?.date,
          lastHoliday: vendored.at(-1)?.date,
          calendarYears: `${CALENDAR_FIRST_YEAR} to ${CALENDAR_LAST_YEAR}`,
          canManage: roleHas(user.role, 'settings:manage'),
        })
      },
    }),
    get({
      path: SETTINGS_PATH,
      name: 'Timescales and escalation settings',
      permission: 'settings:manage',
      audit: { kind: 'none', reason: 'council settings: no child data' },
      handler: async (request, response, { user }) => renderSettings(request, response, user),
    }),
    get({
      path: `${SETTINGS_PATH}/:ruleId`,
      name: 'Change a council standard (form)',
      permission: 'settings:manage',
      audit: { kind: 'none', reason: 'council settings: no child data' },
      handler: async (request, response, { user }) =>
        renderTimescaleForm(response, user, String(request.params['ruleId'])),
    }),
    post({
      path: `${SETTINGS_PATH}/:ruleId`,
      name: 'Change a council standard',
      permission: 'settings:manage',
      audit: { kind: 'write', entity: 'council_setting' },
      body: councilTimescaleSchema,
      invalid: async (request, response, { user }, issues) =>
        renderTimescaleForm(response, user, String(request.params['ruleId']), {
          values: request.body as Record<string, unknown>,
          errors: formErrors(issues),
        }),
      handler: async (request, response, { user, body, ip, markAudited }) => {
        const enabled = body.enabled === 'yes'
        await setCouncilTimescale(
          db,
          user,
          String(request.params['ruleId']),
          {
            enabled,
            timeLimit: enabled ? Number(body.timeLimit) : null,
            unit: enabled ? (body.unit ?? null) : null,
            effectiveFrom: isoDate(body, 'effectiveFrom') as string,
            reason: body.reason,
          },
          body.version,
          ip,
        )
        markAudited()
        response.redirect(303, `${SETTINGS_PATH}?saved=timescale`)
      },
    }),
    post({
      path: '/settings/confirmation-age',
      name: 'Change the age for young people’s confirmation',
      permission: 'settings:manage',
      audit: { kind: 'write', entity: 'council_setting' },
      body: confirmationAgeSchema,
      invalid: async (request, response, { user }, issues) =>
        renderSettings(request, response, user, {
          values: request.body as Record<string, unknown>,
          errors: formErrors(issues),
        }),
      handler: async (_request, response, { user, body, ip, markAudited }) => {
        await setConfirmationMinimumAge(db, user, Number(body.minimumAge), body.version, ip)
        markAudited()
        response.redirect(303, `${SETTINGS_PATH}?saved=age`)
      },
    }),
    get({
      path: '/settings/escalation-steps/new',
      name: 'Add an escalation step (form)',
      permission: 'settings:manage',
      audit: { kind: 'none', reason: 'council settings: no child data' },
      handler: async (_request, response, { user }) => renderStepForm(response, user, null),
    }),
    get({
      path: '/settings/escalation-steps/:stepId',
      name: 'Change an escalation step (form)',
      permission: 'settings:manage',
      audit: { kind: 'none', reason: 'council settings: no child data' },
      handler: async (request, response, { user }) => renderStepForm(response, user, stepId(request)),
    }),
    ...([null, ':stepId'] as const).map((which) =>
      post({
        path: which === null ? '/settings/escalation-steps' : '/settings/escalation-steps/:stepId',
        name: which === null ? 'Add an escalation step' : 'Change an escalation step',
        permission: 'settings:manage',
        audit: { kind: 'write', entity: 'escalation_step' },
        body: escalationStepSchema,
        invalid: async (request, response, { user }, issues) =>
          renderStepForm(response, user, which === null ? null : stepId(request), {
            values: request.body as Record<string, unknown>,
            errors: formErrors(issues),
          }),
        handler: async (request, response, { user, body, ip, markAudited }) => {
          await saveEscalationStep(
            db,
            user,
            which === null ? null : stepId(request),
            {
              name: body.name,
              escalateToRole: body.escalateToRole,
              afterDaysOverdue: Number(body.afterDaysOverdue),
              respondWithinWorkingDays: Number(body.respondWithin),
              active: body.active === 'yes',
            },
            body.version,
            ip,
          )
          markAudited()
          response.redirect(303, `${SETTINGS_PATH}?saved=step#escalation`)
        },
      }),
    ),
  ]
}
