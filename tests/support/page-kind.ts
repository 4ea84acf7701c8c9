/**
 * For crawls of every page a role can reach (tests/links.test.ts, e2e/every-page.spec.ts): which
 * links to follow, and which pages are the same kind of page.
 */

/**
 * The kind of page a link opens: ids and dates become placeholders and the query is dropped, except
 * `for` (the committee view of a figure is a different page).
 */
export function pageKind(href: string): string {
  const url = new URL(href, 'http://harbour.test')
  const path = url.pathname.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\d{4}-\d{2}-\d{2}/g, ':date')
  return url.searchParams.has('for') ? `${path}?for` : path
}

/** Links a person can follow to a page: Harbour's own, not fragments, files to download or sign-out. */
export function followable(href: string): boolean {
  if (!href.startsWith('/') || href.startsWith('//')) return false
  const path = href.split(/[?#]/)[0] ?? ''
  return !/\.(csv|xlsx|xml|css|js|svg|png|ico|woff2?)$/.test(path) && !path.endsWith('/export') && path !== '/sign-out'
}

/** Breadth-first: the next links to open from a page, at most one of each kind not seen yet. */
export class PageKindQueue {
  private readonly seen = new Set<string>()
  private readonly kinds = new Set<string>()
  private readonly queue: { href: string; from: string }[] = []

  constructor(start: string) {
    this.add([start], '(start)', `http://harbour.test${start}`)
  }

  add(hrefs: readonly string[], from: string, base: string): void {
    for (const href of hrefs.filter(followable)) {
      const absolute = new URL(href, base)
      const target = absolute.pathname + absolute.search
      const kind = pageKind(target)
      if (this.seen.has(target) || this.kinds.has(kind)) continue
      this.seen.add(target)
      this.kinds.add(kind)
      this.queue.push({ href: target, from })
    }
  }

  next(): { href: string; from: string } | undefined {
    return this.queue.shift()
  }
}
