/**
 * SQL of the tenant wall, for migrations (core and plugins): a table with a `tenant_id` gets
 * `tenantIsolationSql(table)` in the migration that creates it. The settings are written by
 * the connection guard from the code's scope (tenant_scope.ts); a session that set neither
 * (the owner's tools, a raw connection) sees no row through the app role.
 */
export const CURRENT_TENANT_SQL = "NULLIF(current_setting('app.tenant_id', true), '')::integer"
export const CROSS_TENANT_SQL = "current_setting('app.cross_tenant', true) = 'on'"

function quoted(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unexpected table name "${name}"`)
  return name
}

/** Rows of the current tenant only (or every tenant's on the audited cross-tenant path). */
export function tenantIsolationSql(table: string, column = 'tenant_id'): string {
  const t = quoted(table)
  const match = `${quoted(column)} = ${CURRENT_TENANT_SQL} OR ${CROSS_TENANT_SQL}`
  return `
    ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS tenant_isolation ON ${t};
    CREATE POLICY tenant_isolation ON ${t} USING (${match}) WITH CHECK (${match});
  `
}
