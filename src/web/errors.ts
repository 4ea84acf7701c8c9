/** Domain errors: thrown anywhere, turned into the right page by one error handler (src/web/error-handler.ts). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export class NotFoundError extends HttpError {
  override name = 'NotFoundError'
  constructor(message = 'Page not found') {
    super(404, message)
  }
}

export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError'
  constructor(message = 'You do not have permission to see this page') {
    super(403, message)
  }
}

/** A child outside the user's scope, restricted from them, or not there at all: one answer for all three. */
export class ChildAccessDeniedError extends ForbiddenError {
  override name = 'ChildAccessDeniedError'
  constructor() {
    super('You do not have access to this child’s record')
  }
}

/** Someone else saved the record first. Carries both versions so the conflict page can show them side by side. */
export class ConflictError extends HttpError {
  override name = 'ConflictError'
  constructor(
    message: string,
    readonly yours: Record<string, string> = {},
    readonly theirs: Record<string, string> = {},
    readonly returnTo?: string,
  ) {
    super(409, message)
  }
}

export class CsrfError extends HttpError {
  override name = 'CsrfError'
  constructor() {
    super(403, 'This form has expired or did not come from Harbour')
  }
}

export class TooManyRequestsError extends HttpError {
  override name = 'TooManyRequestsError'
  constructor(message = 'Too many attempts. Wait 15 minutes and try again.') {
    super(429, message)
  }
}
