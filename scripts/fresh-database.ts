// Prints the URL of a fresh, empty database on the PostgreSQL server in the first argument (dropping
// any database of the same name first). Used by scripts/test.sh for the browser tests on PostgreSQL.
import pg from 'pg'

const [serverUrl, name = 'harbour_e2e'] = process.argv.slice(2)
if (serverUrl === undefined || !/^[a-z_][a-z0-9_]*$/.test(name)) {
  console.error('usage: tsx scripts/fresh-database.ts postgres://server/db [name]')
  process.exit(2)
}
const client = new pg.Client({ connectionString: serverUrl })
await client.connect()
await client.query(`drop database if exists ${name} with (force)`)
await client.query(`create database ${name}`)
await client.end()
const url = new URL(serverUrl)
url.pathname = `/${name}`
console.log(url.toString())
