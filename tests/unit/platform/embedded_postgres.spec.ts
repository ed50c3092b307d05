import { test } from '@japa/runner'
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { EmbeddedPostgres, clusterHome } from '#platform/database/embedded_postgres'

async function serverPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query(
      'SELECT pg_backend_pid() AS pid, version() AS version, inet_server_addr() AS address'
    )
    // The app's connections use the cluster's Unix socket, which has no server address.
    if (rows[0].address !== null) return -2
    return rows[0].version.startsWith('PostgreSQL 17') ? Number(rows[0].pid) : -1
  } finally {
    await client.end()
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

test.group('Embedded PostgreSQL', (group) => {
  let dir = ''
  group.each.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atvieglo-embedded-test-'))
    // mkdtemp makes a private (0700) folder; the clusters here live inside it.
    await chmod(dir, 0o755)
    return () => rm(dir, { recursive: true, force: true })
  })
  group.each.timeout(60_000)

  test('a second process of the checkout attaches; only the one that started it stops it', async ({
    assert,
  }) => {
    const owner = new EmbeddedPostgres({ dir: join(dir, 'pg'), database: 'first', throwaway: true })
    const other = new EmbeddedPostgres({ dir: join(dir, 'pg'), database: 'second' })
    try {
      const ownerUrl = await owner.url()
      const otherUrl = await other.url()
      assert.isAbove(await serverPid(ownerUrl), 0, 'a PostgreSQL 17 server answers on its socket')
      assert.equal(new URL(otherUrl).port, new URL(ownerUrl).port, 'the same cluster')
      assert.isAbove(await serverPid(otherUrl), 0, 'its own database was created')

      await other.stop()
      assert.isTrue(await answers(ownerUrl), 'still running after the attached one stops')
      await owner.stop()
      assert.isFalse(await answers(ownerUrl), 'stopped with the process that started it')
    } finally {
      await other.stop()
      await owner.stop()
    }
  })

  test('a restarted process finds its data again', async ({ assert }) => {
    const first = new EmbeddedPostgres({ dir: join(dir, 'pg'), database: 'kept' })
    const client = new pg.Client({ connectionString: await first.url() })
    await client.connect()
    await client.query("CREATE TABLE notes (text text); INSERT INTO notes VALUES ('Rīga')")
    await client.end()
    await first.stop()

    const second = new EmbeddedPostgres({ dir: join(dir, 'pg'), database: 'kept' })
    try {
      const again = new pg.Client({ connectionString: await second.url() })
      await again.connect()
      const { rows } = await again.query('SELECT text FROM notes')
      await again.end()
      assert.deepEqual(rows, [{ text: 'Rīga' }])
    } finally {
      await second.stop()
    }
  })

  test('as root, a folder the postgres user cannot reach moves to the temporary folder', async ({
    assert,
  }) => {
    const open = join(dir, 'open', 'pg')
    assert.equal(clusterHome(open), open)
    const hidden = join(dir, 'private')
    await mkdir(hidden, { mode: 0o700 })
    const home = clusterHome(join(hidden, 'pg'))
    if (userInfo().uid === 0) {
      assert.isTrue(home.startsWith(join(tmpdir(), 'atvieglo-postgres-')))
      assert.equal(clusterHome(join(hidden, 'pg')), home, 'the same folder each time')
    } else {
      assert.equal(home, join(hidden, 'pg'))
    }
  })
})
