import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeOperator } from '#tests/support/tenancy_fixtures'
import { buildTenantWorld, snapshotWorld } from '#tests/support/tenant_world'
import { EXEMPT, SWEPT } from './cross_tenant_routes.js'
import {
  WRITES,
  callerOf,
  fillPattern,
  listRoutes,
  send,
  sweepCoverage,
  type ListedRoute,
} from './sweep_support.js'

const describe = (route: ListedRoute) =>
  `${route.key} (${route.methods.join(',')} ${route.pattern})`

test.group('Cross-tenant sweep over the route list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('every route taking an id or code is swept or exempted with a reason', ({ assert }) => {
    const coverage = sweepCoverage(listRoutes())
    const covered = coverage.swept.length + coverage.exempted.length
    console.log(
      `\n  Cross-tenant sweep: ${coverage.idTaking.length} routes take an id or code in their ` +
        `URL: ${coverage.swept.length} swept, ${coverage.exempted.length} exempted, ` +
        `${coverage.unlisted.length} neither (${Math.floor((100 * covered) / coverage.idTaking.length)} % ` +
        `covered); ${coverage.sweptByQueryOrBody.length} more swept for ids in their query or body.\n`
    )
    assert.deepEqual(
      coverage.unlisted.map(describe),
      [],
      'Add each of these routes to SWEPT or EXEMPT in tests/functional/security/cross_tenant_routes.ts'
    )
    assert.deepEqual(coverage.stale, [], 'These entries name no route any more: remove them')
    assert.deepEqual(coverage.both, [], 'A route is either swept or exempted, not both')
    for (const [key, reason] of Object.entries(EXEMPT)) {
      assert.isAbove(reason.trim().length, 30, `${key} needs a written reason`)
    }
  })

  test('a new route with a parameter, neither swept nor exempted, is reported', ({ assert }) => {
    const added: ListedRoute = {
      key: 'staff.secrets.show',
      pattern: '/staff/secrets/:id',
      methods: ['GET', 'HEAD'],
      params: ['id'],
    }
    const coverage = sweepCoverage([...listRoutes(), added])
    assert.deepEqual(coverage.unlisted, [added])
  })

  test('another tenant’s ids and codes are refused on every swept route, and change nothing', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const a = await buildTenantWorld('A')
    const b = await buildTenantWorld('B')
    const operatorUser = await makeOperator()
    const attacker = await callerOf(a)
    const failures: string[] = []
    let requests = 0

    const routes = listRoutes().filter((route) => route.key in SWEPT)
    for (const route of routes) {
      const entry = SWEPT[route.key]
      const expected = entry.expect ?? 'refuse'
      for (const method of route.methods) {
        for (const params of entry.params(b)) {
          const url = fillPattern(route.pattern, params)
          const label = `${route.key}: ${method} ${url} as A's ${entry.as}`
          const before = WRITES.has(method) ? await snapshotWorld(b) : null
          const response = await send(client, attacker, entry, method, url, b)
          requests++
          const status = response.status()
          const refused = status === 403 || status === 404
          if (status >= 500) failures.push(`${label} → ${status} (server error)`)
          else if (expected !== 'hide' && !refused) {
            failures.push(`${label} → ${status}, expected 403 or 404`)
          } else if (expected === 'hide' && status >= 300 && !refused) {
            failures.push(`${label} → ${status}, expected a page without B's data, or 403/404`)
          }
          // A 404 page may echo the URL it was asked for: only what the caller did not send counts.
          const sent = `${url} ${JSON.stringify(entry.query?.(b))} ${JSON.stringify(entry.body?.(b))}`
          const leaked = b.markers.filter(
            (marker) => !sent.includes(marker) && (response.text() ?? '').includes(marker)
          )
          if (leaked.length) failures.push(`${label} shows B's data: ${leaked.join(', ')}`)
          if (before !== null && before !== (await snapshotWorld(b))) {
            failures.push(`${label} changed B's rows`)
          }
        }
      }
    }

    // Controls: the same calls on the caller's own ids get through, so each refusal above came
    // from tenancy, not from a role, a middleware or a malformed request. Operator routes are
    // controlled by an operator on B's ids.
    const operatorCaller = { ...attacker, staff: operatorUser }
    for (const route of routes) {
      const entry = SWEPT[route.key]
      const byOperator = entry.expect === 'operator'
      const world = byOperator ? b : a
      for (const method of route.methods) {
        const url = fillPattern(route.pattern, entry.params(world)[0])
        const response = await send(
          client,
          byOperator ? operatorCaller : attacker,
          entry,
          method,
          url,
          world
        )
        requests++
        const status = response.status()
        if (status >= 500 || status === 403 || status === 404) {
          failures.push(`control ${route.key}: ${method} ${url} on own ids → ${status}`)
        }
      }
    }

    console.log(`\n  Cross-tenant sweep: ${requests} requests over ${routes.length} routes.\n`)
    assert.deepEqual(failures, [])
  }).timeout(600_000)
})
