import type pg from 'pg'
import { currentDbScope, scopeKey, scopeSettings } from '#platform/database/tenant_scope'

const SET_SCOPE =
  "SELECT set_config('app.tenant_id', $1, false), set_config('app.cross_tenant', $2, false)"

/** Statements that end (part of) a transaction read no rows: they never need the scope. */
const TRANSACTION_END = /^\s*(commit|rollback|release|end|abort)\b/i
const ROLLBACK = /^\s*(rollback|abort)\b/i

const GUARD = Symbol.for('atvieglo.tenantGuard')

interface GuardState {
  /** scopeKey of what the session holds; undefined when unknown (new, or undone by a rollback). */
  applied: string | undefined
  /** Set inside a transaction block: a ROLLBACK (to a savepoint, or of an aborted block) undoes it. */
  provisional: boolean
}

type GuardedClient = pg.ClientBase & { [GUARD]?: GuardState }

/** The scope the connection's session holds (tests, and the pool's affinity). */
export function appliedScopeKey(client: object): string | undefined {
  return (client as GuardedClient)[GUARD]?.applied
}

/**
 * Makes every statement on `client` run with the row-level security settings of the scope of
 * the code that issues it (tenant_scope.ts). The settings are session-level and remembered per
 * connection, so a statement costs nothing extra unless the connection last served another
 * scope; then one `set_config` goes ahead of it on the same connection (node-postgres queues
 * it, nobody waits for it separately). Session settings made inside a transaction block are
 * undone by its rollback, so those count as unknown once the block rolls back or ends.
 */
export function guardConnection<Client extends pg.ClientBase>(client: Client): Client {
  const guarded = client as GuardedClient
  if (guarded[GUARD]) return client
  const state: GuardState = { applied: undefined, provisional: false }
  guarded[GUARD] = state
  const query = client.query as (...args: any[]) => any
  const inTransaction = () => {
    const status = (client as any).getTransactionStatus?.()
    return status !== undefined && status !== null && status !== 'I'
  }

  ;(client as any).query = function guardedQuery(config: any, values?: any, callback?: any) {
    const text: unknown = typeof config === 'string' ? config : config?.text
    if (state.provisional && !inTransaction()) {
      state.applied = undefined
      state.provisional = false
    }
    if (typeof text === 'string' && TRANSACTION_END.test(text)) {
      if (state.provisional && ROLLBACK.test(text)) {
        state.applied = undefined
        state.provisional = false
      }
      return query.call(client, config, values, callback)
    }

    const scope = currentDbScope()
    const key = scopeKey(scope)
    if (state.applied !== key) {
      const settings = scopeSettings(scope)
      state.applied = key
      state.provisional = inTransaction()
      query
        .call(client, {
          name: 'atvieglo_set_scope',
          text: SET_SCOPE,
          values: [settings.tenantId, settings.crossTenant],
        })
        .catch(() => {
          state.applied = undefined
          state.provisional = false
        })
    }
    return query.call(client, config, values, callback)
  }
  return client
}
