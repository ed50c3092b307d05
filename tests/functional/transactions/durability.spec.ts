import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { childProcessEnv } from '#tests/support/child_process_env'
import { storedRows, transactionsWorld, usage } from './fixtures.js'

/** A port of this worktree's range, for the server the test kills. */
const CHILD_PORT = 3481

type World = Awaited<ReturnType<typeof transactionsWorld>>

function batchOf(world: World, size: number, prefix: string) {
  return Array.from({ length: size }, (_, i) =>
    usage({ id: `${prefix}-${i}`, service: world.bus.code, identifier: world.pupil.card })
  )
}

async function send(base: string, bearer: string, transactions: object[]) {
  const response = await fetch(`${base}/api/v1/transactions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Authorization': bearer },
    body: JSON.stringify({ transactions }),
  })
  if (response.status !== 200) throw new Error(`status ${response.status}`)
  return (await response.json()) as {
    data: { id: string; status: string }[]
    meta: { accepted: number; duplicate: number; rejected: number }
  }
}

/** The app's HTTP server in a process of its own, on the same database. */
async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: app.makePath(),
    env: await childProcessEnv({ HOST: '127.0.0.1', PORT: String(CHILD_PORT) }),
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let errors = ''
  child.stderr!.on('data', (chunk) => (errors += chunk))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${errors}`)
    try {
      const live = await fetch(`http://127.0.0.1:${CHILD_PORT}/health/live`)
      if (live.ok) return child
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start: ${errors}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

test.group('Transactions API: durable and counted once', (group) => {
  let world: World
  group.setup(async () => {
    // Committed fixtures: concurrent requests and another process must see them.
    world = await transactionsWorld()
    return async () => {
      await db.from('usage_transaction_keys').where('tenant_id', world.provider.id).delete()
      await db.from('usage_transactions').where('tenant_id', world.provider.id).delete()
    }
  })
  group.each.timeout(120_000)

  test('two concurrent sends of the same batch store each transaction once', async ({
    client,
    assert,
  }) => {
    const batch = batchOf(world, 500, `concurrent-${Date.now()}`)
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        client
          .post('/api/v1/transactions')
          .header('Authorization', world.bearer)
          .json({ transactions: batch })
      )
    )
    a.assertStatus(200)
    b.assertStatus(200)
    const metas = [a.body().meta, b.body().meta]
    assert.equal(metas[0].accepted + metas[1].accepted, 500)
    assert.equal(metas[0].duplicate + metas[1].duplicate, 500)
    const stored = await db
      .from('usage_transactions')
      .where('tenant_id', world.provider.id)
      .whereLike('external_id', `${batch[0].id.split('-0')[0]}-%`)
      .count('* as n')
    assert.equal(Number(stored[0].n), 500)
  })

  test('kill -9 of the server during ingestion loses no acknowledged transaction', async ({
    assert,
  }) => {
    const server = await startServer()
    const base = `http://127.0.0.1:${CHILD_PORT}`
    const run = `killed-${Date.now()}`
    const sent: object[][] = []
    const acknowledged: string[] = []
    let killed = false
    // Two clients stream batches until the server dies under them.
    const stream = async (lane: number) => {
      for (let n = 0; !killed; n++) {
        const batch = batchOf(world, 200, `${run}-${lane}-${n}`)
        sent.push(batch)
        try {
          const answer = await send(base, world.bearer, batch)
          for (const item of answer.data) if (item.status === 'accepted') acknowledged.push(item.id)
        } catch {
          return
        }
      }
    }
    const lanes = [stream(1), stream(2)]
    while (acknowledged.length < 1000) await new Promise((resolve) => setTimeout(resolve, 10))
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGKILL')
    killed = true
    await exited
    await Promise.all(lanes)

    const rows = await storedRows(world.provider.id)
    const stored = new Set(
      rows.filter((r) => r.external_id.startsWith(run)).map((r) => r.external_id)
    )
    const lost = acknowledged.filter((id) => !stored.has(id))
    assert.deepEqual(lost, [], 'every acknowledged transaction is stored')
    assert.isAtLeast(stored.size, acknowledged.length)
    assert.isAbove(sent.length * 200, acknowledged.length, 'batches were in flight when it died')
    // A batch is one statement: the one cut off is stored whole or not at all.
    for (const batch of sent) {
      const ids = batch.map((t: any) => t.id as string)
      const present = ids.filter((id) => stored.has(id)).length
      assert.oneOf(present, [0, ids.length])
    }

    // The provider resends everything it is unsure of: nothing is stored twice.
    let accepted = 0
    for (const batch of sent) {
      const answer = await send(
        `http://${process.env.HOST}:${process.env.PORT}`,
        world.bearer,
        batch
      )
      accepted += answer.meta.accepted
      assert.equal(answer.meta.rejected, 0)
    }
    const after = await storedRows(world.provider.id)
    const total = after.filter((r) => r.external_id.startsWith(run)).length
    assert.equal(total, sent.length * 200)
    assert.equal(accepted, sent.length * 200 - stored.size)
  })
})
