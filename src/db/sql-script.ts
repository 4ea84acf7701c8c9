import { sql, type Kysely } from 'kysely'

/**
 * Splits a migration script into statements so each runs on its own: PGlite's query path (like the
 * extended protocol of a PostgreSQL server) takes one statement at a time. Semicolons inside
 * dollar-quoted bodies ($$ ... $$) and '--' comments are respected.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = []
  let current = ''
  let inDollar = false
  let inQuote = false
  for (let index = 0; index < script.length; index++) {
    const char = script[index]
    const next = script[index + 1]
    if (!inDollar && !inQuote && char === '-' && next === '-') {
      const end = script.indexOf('\n', index)
      index = end === -1 ? script.length : end
      current += '\n'
      continue
    }
    if (!inQuote && char === '$' && next === '$') {
      inDollar = !inDollar
      current += '$$'
      index++
      continue
    }
    if (!inDollar && char === "'") inQuote = !inQuote
    if (!inDollar && !inQuote && char === ';') {
      if (current.trim() !== '') statements.push(current.trim())
      current = ''
      continue
    }
    current += char
  }
  if (current.trim() !== '') statements.push(current.trim())
  return statements
}

export async function executeScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) {
    await sql.raw(statement).execute(db)
  }
}
