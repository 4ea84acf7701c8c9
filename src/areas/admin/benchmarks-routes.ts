import type { Request, Response } from 'express'
import { z } from 'zod'
import type { Db } from '../../db/database.js'
import type { SignedInUser } from '../../web/context.js'
import { formErrors, type FormErrors, NO_ERRORS } from '../../web/form-errors.js'
import { get, post, type RouteDefinition } from '../../web/routes.js'
import { describeFileError, type BenchmarkFileError } from '../figures/benchmarks/file-schema.js'
import { benchmarkLoads, loadBenchmarkFile } from '../figures/benchmarks/loader.js'
import { benchmarkLoadRows } from '../figures/benchmarks/view-rows.js'

/** How many of a file's problems the error summary lists (the rest are counted). */
export const FILE_ERRORS_SHOWN = 25

/** The file is pasted: Harbour's forms are urlencoded (no multipart parser), and a paste works without JavaScript. */
export const benchmarkUploadSchema = z
  .object({
    file_name: z.string().trim().max(200, { error: 'File name must be 200 characters or fewer' }),
    contents: z.string().trim().min(1, { error: 'Paste the contents of the benchmark file' }),
  })
  .strict()

/** Turns a file's problems into the error summary (each linked to the pasted contents) and the field message. */
export function fileErrorsForForm(errors: readonly BenchmarkFileError[]): FormErrors {
  const shown = errors
    .slice(0, FILE_ERRORS_SHOWN)
    .map((error) => ({ text: describeFileError(error), href: '#contents' }))
  const more = errors.length - shown.length
  if (more > 0) shown.push({ text: `and ${more.toLocaleString('en-GB')} more problems`, href: '#contents' })
  const count = errors.length === 1 ? '1 problem' : `${errors.length.toLocaleString('en-GB')} problems`
  return {
    errorList: shown,
    errors: { contents: { text: `The file has ${count}. Nothing was loaded: correct the file and paste it again.` } },
  }
}

/** The administrator's benchmark page: the current comparators and loading a newer file. */
export function benchmarkAdminRoutes(db: Db): RouteDefinition[] {
  const render = async (
    request: Request,
    response: Response,
    user: SignedInUser,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) => {
    const loads = await benchmarkLoads(db, user.councilId, 10)
    const loadedRows = Number(request.query['loaded'])
    response.render('admin/views/benchmarks.njk', {
      title: 'Benchmarks',
      ...benchmarkLoadRows(loads),
      loaded: Number.isInteger(loadedRows) && loadedRows > 0 ? loadedRows.toLocaleString('en-GB') : undefined,
      values: form.values ?? {},
      ...(form.errors ?? NO_ERRORS),
    })
  }
  return [
    get({
      path: '/admin/benchmarks',
      name: 'Benchmarks',
      permission: 'settings:manage',
      audit: { kind: 'none', reason: 'published comparator figures; no child’s record is read' },
      handler: async (request, response, { user }) => render(request, response, user),
    }),
    post({
      path: '/admin/benchmarks',
      name: 'Load a benchmark file',
      permission: 'settings:manage',
      audit: { kind: 'write', entity: 'benchmark_load' },
      body: benchmarkUploadSchema,
      invalid: async (request, response, { user, body }, issues) =>
        render(request, response, user, { values: body, errors: formErrors(issues) }),
      handler: async (request, response, { user, body, ip, markAudited }) => {
        const result = await loadBenchmarkFile(
          db,
          user.councilId,
          { fileName: body.file_name === '' ? null : body.file_name, text: body.contents },
          user,
          ip,
        )
        if (!result.ok) {
          response.status(400)
          await render(request, response, user, { values: body, errors: fileErrorsForForm(result.errors) })
          return
        }
        markAudited()
        response.redirect(303, `/admin/benchmarks?loaded=${result.rows}`)
      },
    }),
  ]
}
