import { test } from '@japa/runner'
import { Secret } from '@adonisjs/core/helpers'
import env from '#start/env'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'

const TOKEN = 'health-token-for-the-monitor-0123456789'

/** What only the full report tells: the process and the checks' messages. */
function assertNoDetails(text: string, assert: any) {
  assert.notInclude(text, String(process.pid))
  assert.notInclude(text, process.version)
  assert.notMatch(text, /uptime|debugInfo|platform|message|meta/i)
}

// No global transaction here: the database check holds the connection it was built with, and a
// rolled-back test transaction would make it fail. Rows made here are removed by hand.
const made: { delete(): Promise<unknown> }[] = []

function setHealthToken(token: string | undefined) {
  env.set('HEALTH_TOKEN', (token === undefined ? undefined : new Secret(token)) as never)
  if (token === undefined) delete process.env.HEALTH_TOKEN
}

test.group('Health endpoints', (group) => {
  group.each.teardown(async () => {
    setHealthToken(undefined)
    for (const row of made.splice(0).reverse()) await row.delete()
  })

  test('live answers ok without touching the database', async ({ client }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    response.assertBodyContains({ status: 'ok' })
  })

  test('ready reports the database check', async ({ client, assert }) => {
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    const names = response.body().checks.map((c: { name: string }) => c.name)
    assert.isTrue(names.some((n: string) => n.startsWith('Database')))
  })

  test('ready tells an anonymous caller nothing about the process', async ({ client, assert }) => {
    setHealthToken(TOKEN)
    const response = await client.get('/health/ready')
    assert.deepEqual(Object.keys(response.body()).sort(), ['checks', 'status'])
    for (const check of response.body().checks) {
      assert.deepEqual(Object.keys(check).sort(), ['name', 'status'])
    }
    assertNoDetails(response.text(), assert)
  })

  test('a wrong or absent token, or a staff member, gets no details', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user, membership } = await makeMember(tenant, 'tenant_admin')
    made.push(tenant, user, membership)
    const attempts = [
      client.get('/health/ready').header('Authorization', `Bearer ${TOKEN}x`),
      client.get('/health/ready').header('Authorization', TOKEN),
      client.get('/health/ready').header('Authorization', 'Bearer '),
      client.get('/health/ready').loginAs(user),
    ]
    setHealthToken(TOKEN)
    for (const attempt of attempts) {
      const response = await attempt
      assertNoDetails(response.text(), assert)
    }

    // Without HEALTH_TOKEN no bearer opens the details, an empty one included.
    setHealthToken(undefined)
    const unset = await client.get('/health/ready').header('Authorization', 'Bearer undefined')
    assertNoDetails(unset.text(), assert)
  })

  test('a monitor with HEALTH_TOKEN gets the full report', async ({ client, assert }) => {
    setHealthToken(TOKEN)
    const response = await client.get('/health/ready').header('Authorization', `Bearer ${TOKEN}`)
    response.assertStatus(200)
    assert.equal(response.body().debugInfo.pid, process.pid)
    assert.exists(response.body().checks[0].message)
    assert.equal(response.header('cache-control'), 'no-store')
  })

  test('a signed-in platform operator gets the full report', async ({ client, assert }) => {
    const operator = await makeOperator()
    made.push(operator)
    const response = await client.get('/health/ready').loginAs(operator)
    response.assertStatus(200)
    assert.equal(response.body().debugInfo.version, process.version)
  })
})
