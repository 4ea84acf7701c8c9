/**
 * A small in-memory rate limiter (fixed window per key). It guards the public confirmation page per
 * IP address; the per-code limit is in the database (visit_confirmation.attempts). In a deployment with
 * several Harbour processes each keeps its own window, so the effective limit is per process.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Counts one attempt for the key; false when the key has used up its window. */
  attempt(key: string): boolean {
    const now = this.now()
    if (this.windows.size > 10_000) {
      for (const [candidate, window] of this.windows)
        if (now - window.start >= this.windowMs) this.windows.delete(candidate)
    }
    const window = this.windows.get(key)
    if (window === undefined || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 })
      return true
    }
    window.count++
    return window.count <= this.limit
  }
}
