import * as cheerio from 'cheerio'
import type { Agent } from './http.js'

/** Form fields as name/value pairs: repeated names (checkboxes, carried lists) stay separate, as a browser sends them. */
export type FieldPairs = [string, string][]

/** The hidden inputs of the form posting to `action` on a page (what a multi-step form carries forward). */
export function hiddenFieldsOf(html: string, action: string): FieldPairs {
  const page = cheerio.load(html)
  return page(`form[action="${action}"] input[type=hidden]`)
    .map((_index, input) => [[page(input).attr('name') ?? '', page(input).attr('value') ?? '']])
    .get() as FieldPairs
}

/** Posts pairs as application/x-www-form-urlencoded (supertest's own encoding would index repeated names). */
export function postPairs(agent: Agent, action: string, pairs: FieldPairs) {
  return agent.post(action).type('form').send(new URLSearchParams(pairs).toString())
}
