import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'
import { DatabaseStartError, openDatabase } from '../src/db/database.js'

describe('configuration', () => {
  it('uses the embedded database unless DATABASE_URL is set', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/harbour-data' })
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/tmp/harbour-data' })
    expect(loadConfig({ DATABASE_URL: 'postgres://harbour@db.internal:5432/harbour' }).database.kind).toBe('postgres')
  })

  it('refuses a malformed DATABASE_URL with a message that says what to write', () => {
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(ConfigError)
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/postgres:\/\/user:password@host:5432\/database/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/harbour' })).toThrow(/must start with postgres:\/\//)
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost' })).toThrow(/must name a host and a database/)
  })

  it('refuses to start in production without a session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET must be set in production/)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).session.secureCookies).toBe(true)
  })

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.example' })).toThrow(
      /OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URI/,
    )
  })
})

describe('start-up failures', () => {
  it('refuses a data directory that cannot be written', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-readonly-'))
    const file = path.join(parent, 'not-a-directory')
    fs.writeFileSync(file, '')
    await expect(openDatabase({ kind: 'pglite', dataDir: path.join(file, 'data') })).rejects.toThrow(DatabaseStartError)
    await expect(openDatabase({ kind: 'pglite', dataDir: path.join(file, 'data') })).rejects.toThrow(/is not writable/)
    fs.rmSync(parent, { recursive: true, force: true })
  })

  it('reports an unreachable PostgreSQL server clearly', async () => {
    await expect(openDatabase({ kind: 'postgres', url: 'postgres://harbour@127.0.0.1:1/harbour' })).rejects.toThrow(
      /could not connect to the PostgreSQL server in DATABASE_URL/,
    )
  })

  it('exits non-zero with a plain message, and writes nothing, when the configuration is wrong', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, DATABASE_URL: 'mysql://localhost/harbour', NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('Harbour could not start.')
    expect(result.stderr).toContain('DATABASE_URL must start with postgres://')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})
