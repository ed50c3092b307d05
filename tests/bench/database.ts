import pg from 'pg'

/** Creates (or, with `fresh`, drops and re-creates) the bench database named in the URL. */
export async function prepareDatabase(
  url: string,
  options: { fresh?: boolean; drop?: boolean } = {}
) {
  const name = new URL(url).pathname.slice(1)
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Refusing odd database name "${name}"`)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    if (options.fresh || options.drop) {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
    if (options.drop) return
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
}
