import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Which tenant's rows the database lets the current code see: row-level security policies
 * compare each row's `tenant_id` with the session settings `app.tenant_id` and
 * `app.cross_tenant`, which the connection guard (tenant_guard.ts) sets from this scope
 * before each statement. Code outside any scope sees no tenant-owned row at all.
 */
export type DbScope =
  | { kind: 'none' }
  | { kind: 'tenant'; tenantId: number }
  /** Every tenant's rows: operator and cross-tenant job work (audited), or platform plumbing. */
  | { kind: 'all'; reason: string }

/**
 * The platform's own plumbing that must see past one tenant and is not a user's action:
 * each use is named here so that the list stays short and reviewable.
 * - audit_write: the audit log's chain head and group commit (rows of several tenants);
 * - identity_resolution: a signed-in user's memberships, an invitation or API client found
 *   by its secret, before the tenant of the request is known.
 */
export type PlatformPurpose = 'audit_write' | 'identity_resolution'

const NONE: DbScope = Object.freeze({ kind: 'none' })
const storage = new AsyncLocalStorage<DbScope>()

/** The scope of code that entered none (tests set theirs; elsewhere: no tenant). */
let fallback: DbScope = NONE

export function currentDbScope(): DbScope {
  return storage.getStore() ?? fallback
}

/** The two settings the policies read, as the connection guard writes them. */
export function scopeSettings(scope: DbScope): { tenantId: string; crossTenant: string } {
  if (scope.kind === 'tenant') return { tenantId: String(scope.tenantId), crossTenant: '' }
  if (scope.kind === 'all') return { tenantId: '', crossTenant: 'on' }
  return { tenantId: '', crossTenant: '' }
}

/** A short key per distinct setting, so a connection is re-set only when it changes. */
export function scopeKey(scope: DbScope): string {
  if (scope.kind === 'tenant') return `t${scope.tenantId}`
  return scope.kind
}

/**
 * What `fn` returns, with its work done inside `scope`. A query builder is a thenable that
 * runs only when awaited: it is started here, inside the scope, not by the caller's await.
 */
type Settled<T> = T extends PromiseLike<infer U> ? Promise<U> : T

function within<T>(scope: DbScope, fn: () => T): Settled<T> {
  return storage.run(scope, () => {
    const result = fn()
    if (result instanceof Promise || typeof (result as any)?.then !== 'function') {
      return result as Settled<T>
    }
    return new Promise((resolve, reject) => (result as PromiseLike<unknown>).then(resolve, reject))
  }) as Settled<T>
}

export function runInTenant<T>(tenantId: number, fn: () => T): Settled<T> {
  if (!Number.isSafeInteger(tenantId) || tenantId <= 0) {
    throw new Error(`Not a tenant id: ${tenantId}`)
  }
  return within({ kind: 'tenant', tenantId }, fn)
}

/** Runs `fn` in the tenant's scope, or in no tenant's scope when `tenantId` is null. */
export function runInTenantOrNone<T>(tenantId: number | null | undefined, fn: () => T): Settled<T> {
  return tenantId === null || tenantId === undefined
    ? runWithoutTenant(fn)
    : runInTenant(tenantId, fn)
}

export function runWithoutTenant<T>(fn: () => T): Settled<T> {
  return within(NONE, fn)
}

/** Platform plumbing (see PlatformPurpose); not for features — use withCrossTenantAccess. */
export function platformScope<T>(purpose: PlatformPurpose, fn: () => T): Settled<T> {
  return within({ kind: 'all', reason: `platform:${purpose}` }, fn)
}

/** Only withCrossTenantAccess (which audits it) and the test bootstrap call this. */
export function runAcrossTenants<T>(reason: string, fn: () => T): Settled<T> {
  return within({ kind: 'all', reason }, fn)
}

/** Sets what code outside any scope sees; only the test bootstrap changes it. */
export function setFallbackDbScope(scope: DbScope) {
  fallback = scope
}
