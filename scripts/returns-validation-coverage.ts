// Regenerates the "Validation coverage" section of docs/returns.md from the rule CSVs and the code.
import fs from 'node:fs'
import { coverageMarkdown } from '../src/areas/returns/validation/coverage.js'

const file = 'docs/returns.md'
const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Statutory returns\n'
const start = text.indexOf('## Validation coverage')
const before = start < 0 ? `${text.trimEnd()}\n\n` : text.slice(0, start)
const rest = start < 0 ? '' : text.slice(start + 1)
const next = rest.search(/\n## /)
const after = next < 0 ? '' : rest.slice(next + 1)
fs.writeFileSync(file, `${before}${coverageMarkdown()}\n${after ? `\n${after}` : ''}`)
console.log(`Wrote ${file}`)
