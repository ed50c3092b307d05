import { test } from '@japa/runner'

test.group('Health endpoints', () => {
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
    const response = await client.get('/health/ready')
    const text = response.text()
    assert.deepEqual(Object.keys(response.body()).sort(), ['checks', 'status'])
    assert.notInclude(text, String(process.pid))
    assert.notInclude(text, process.version)
    assert.notMatch(text, /uptime|debugInfo|platform/i)
  })
})
