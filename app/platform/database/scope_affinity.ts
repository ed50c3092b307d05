import knex from 'knex'
import { appliedScopeKey } from '#platform/database/tenant_guard'
import { currentDbScope, scopeKey } from '#platform/database/tenant_scope'

let installed = false

/**
 * Hands a query, when it can, a pooled connection that already holds its scope's settings, so
 * that several tenants' requests sharing one pool rarely pay the guard's `set_config`. The
 * pool (tarn) gives out the last free connection: a free one of the same scope is moved there
 * first. Only an optimisation: when nothing matches, or the pool's internals differ, the pool
 * chooses as before and the guard sets the connection right.
 */
export function preferConnectionsOfSameScope() {
  if (installed) return
  installed = true
  const prototype = (knex as any).Client?.prototype
  const acquire = prototype?.acquireConnection
  if (typeof acquire !== 'function') return
  prototype.acquireConnection = function acquireConnection(this: any) {
    const pool = this.pool
    const free: Array<{ resource?: object }> | undefined = pool?.free
    if (Array.isArray(free) && free.length > 1 && pool.pendingAcquires?.length === 0) {
      const last = free.length - 1
      const wanted = scopeKey(currentDbScope())
      if (free[last].resource && appliedScopeKey(free[last].resource) !== wanted) {
        const index = free.findIndex(
          (entry) => entry.resource && appliedScopeKey(entry.resource) === wanted
        )
        if (index >= 0) [free[index], free[last]] = [free[last], free[index]]
      }
    }
    return acquire.call(this)
  }
}
