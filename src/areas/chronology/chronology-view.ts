import { z } from 'zod'
import { childPath } from '../children/child-sections.js'
import { CHRONOLOGY_CATEGORIES, isChronologyCategory, type ChronologyCategory } from './event-types.js'

/** The chronology's GET query: filters work without JavaScript, as a plain form submission. */
const chronologyQuery = z.object({
  type: z.union([z.string(), z.array(z.string())]).optional(),
  order: z.string().optional(),
  page: z.string().optional(),
  saved: z.string().optional(),
})

export interface ChronologyOptions {
  categories: ChronologyCategory[]
  order: 'newest' | 'oldest'
  page: number
}

export function chronologyOptions(query: unknown): ChronologyOptions {
  const parsed = chronologyQuery.safeParse(query)
  const values = parsed.success ? parsed.data : {}
  const types = values.type === undefined ? [] : Array.isArray(values.type) ? values.type : [values.type]
  const page = Number(values.page)
  return {
    categories: [...new Set(types.filter(isChronologyCategory))],
    order: values.order === 'oldest' ? 'oldest' : 'newest',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  }
}

/** A link to the chronology with these options; defaults are left out of the address. */
export function chronologyHref(childId: number, options: Partial<ChronologyOptions>): string {
  const query = new URLSearchParams()
  for (const category of options.categories ?? []) query.append('type', category)
  if (options.order === 'oldest') query.set('order', 'oldest')
  if (options.page !== undefined && options.page > 1) query.set('page', String(options.page))
  const text = query.toString()
  return `${childPath(childId, 'chronology')}${text === '' ? '' : `?${text}`}`
}

export function filterItems(selected: readonly ChronologyCategory[]) {
  return CHRONOLOGY_CATEGORIES.map((category) => ({
    value: category.key,
    text: category.label,
    checked: selected.includes(category.key),
  }))
}

/**
 * The GOV.UK pagination component's options: previous and next, the first and last pages, and the
 * pages around the current one, with ellipses between.
 */
export function paginationFor(page: number, total: number, pageSize: number, hrefFor: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1 && page <= 1) return undefined
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((candidate) => candidate >= 1 && candidate <= pages)
    .sort((a, b) => a - b)
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = []
  shown.forEach((number, index) => {
    const previous = shown[index - 1]
    if (previous !== undefined && number - previous > 1) items.push({ ellipsis: true })
    items.push({ number, href: hrefFor(number), current: number === page })
  })
  return {
    ...(page > 1 ? { previous: { href: hrefFor(Math.min(page - 1, pages)) } } : {}),
    ...(page < pages ? { next: { href: hrefFor(page + 1) } } : {}),
    items,
  }
}

/** 'Showing 101 to 200 of 234 entries' */
export function rangeText(page: number, shownOnPage: number, total: number, pageSize: number): string {
  if (total === 0) return 'No entries'
  if (shownOnPage === 0) return `No entries on this page (there are ${total})`
  const first = (page - 1) * pageSize + 1
  return `Showing ${first} to ${first + shownOnPage - 1} of ${total} ${total === 1 ? 'entry' : 'entries'}`
}
