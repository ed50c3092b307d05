import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { appRole, ownerConnectionUrl } from '#config/database'
import { platformScope, runInTenant, runWithoutTenant } from '#platform/database/tenant_scope'
import { withCrossTenantAccess } from '#platform/database/cross_tenant_access'
import { JobRunner } from '#platform/jobs/job_runner'
import app from '@adonisjs/core/services/app'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { appliedScopeKey } from '#platform/database/tenant_guard'

async function benefit(tenantId: number, code: string) {
  const now = new Date()
  await db.table('benefits').insert({
    tenant_id: tenantId,
    code,
    sector: 'transport',
    visibility: 'public',
    created_at: now,
    updated_at: now,
  })
}

/** Two tenants with one benefit each, made as an operator would (the test's own scope). */
async function twoTenants() {
  const a = await makeTenant({ name: 'Tenant A' })
  const b = await makeTenant({ name: 'Tenant B' })
  await benefit(a.id, 'a-benefit')
  await benefit(b.id, 'b-benefit')
  return { a, b }
}

const codes = (rows: { code: string }[]) => rows.map((row) => row.code).sort()

/** Runs `sql` in a savepoint, so that a refused statement leaves the test's transaction usable. */
function attempt(sql: string) {
  return db.transaction((trx) => trx.rawQuery(sql))
}

test.group('Row-level security: a query that forgets its tenant filter', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("sees only its own tenant's rows", async ({ assert }) => {
    const { a, b } = await twoTenants()
    const inA = await runInTenant(a.id, () => db.from('benefits').select('code'))
    const inB = await runInTenant(b.id, () => db.from('benefits').select('code'))
    assert.deepEqual(codes(inA), ['a-benefit'])
    assert.deepEqual(codes(inB), ['b-benefit'])
  })

  test("sees nothing of any tenant outside a tenant's scope", async ({ assert }) => {
    await twoTenants()
    const rows = await runWithoutTenant(() => db.from('benefits').select('code'))
    assert.deepEqual(rows, [])
  })

  test("cannot change or delete another tenant's rows, nor write a row for it", async ({
    assert,
  }) => {
    const { a, b } = await twoTenants()
    await runInTenant(a.id, async () => {
      await db.from('benefits').update({ visibility: 'internal' })
      await db.from('benefits').where('tenant_id', b.id).delete()
    })
    const bRows = await db.from('benefits').where('tenant_id', b.id).select('visibility')
    assert.deepEqual(bRows, [{ visibility: 'public' }])

    await assert.rejects(
      () => runInTenant(a.id, () => db.transaction(() => benefit(b.id, 'planted'))),
      /row-level security/
    )
  })

  test('a rolled-back savepoint does not leave the connection with a stale tenant', async ({
    assert,
  }) => {
    // The global transaction's one connection serves every scope; a set_config made inside a
    // savepoint is undone by its rollback, and the guard must notice.
    const { a } = await twoTenants()
    await runWithoutTenant(() => db.from('benefits').select('code'))
    await assert.rejects(() =>
      db.transaction(async (trx) => {
        await runInTenant(a.id, () => trx.from('benefits').select('code'))
        throw new Error('roll back')
      })
    )
    const inA = await runInTenant(a.id, () => db.from('benefits').select('code'))
    assert.deepEqual(codes(inA), ['a-benefit'])
    const none = await runWithoutTenant(() => db.from('benefits').select('code'))
    assert.deepEqual(none, [])
  })

  test("a job sees its payload's tenant only", async ({ assert }) => {
    const { a } = await twoTenants()
    const seen: string[] = []
    class ListBenefitsJob {
      static jobName = 'test:list_benefits'
      async handle() {
        seen.push(...codes(await db.from('benefits').select('code')))
      }
    }
    const runner = new JobRunner(app, {})
    runner.remember(ListBenefitsJob)
    await runWithoutTenant(() => runner.run('test:list_benefits', { tenantId: a.id }))
    assert.deepEqual(seen, ['a-benefit'])
  })

  test('cross-tenant work sees every tenant and leaves an audit row naming why', async ({
    assert,
  }) => {
    await twoTenants()
    const rows = await runWithoutTenant(() =>
      withCrossTenantAccess({ reason: 'test: count every benefit' }, () =>
        db.from('benefits').select('code')
      )
    )
    assert.deepEqual(codes(rows), ['a-benefit', 'b-benefit'])
    const audit = await db
      .from('audit_logs')
      .where('action', 'platform.cross_tenant_access')
      .orderBy('id', 'desc')
      .first()
    assert.equal(audit.metadata.reason, 'test: count every benefit')
  })

  test('platform plumbing sees every tenant only inside its own callback', async ({ assert }) => {
    await twoTenants()
    await runWithoutTenant(async () => {
      const all = await platformScope('identity_resolution', () =>
        db.from('benefits').select('code')
      )
      assert.lengthOf(all, 2)
      assert.deepEqual(await db.from('benefits').select('code'), [])
    })
  })
})

test.group('Row-level security: the connection pool', () => {
  test('a query is handed a free connection that already holds its scope', async ({ assert }) => {
    const pool = (db.connection().getWriteClient() as any).client
    const first = await pool.acquireConnection()
    const second = await pool.acquireConnection()
    try {
      await runInTenant(101, () => first.query('SELECT 1'))
      await runInTenant(102, () => second.query('SELECT 1'))
      assert.equal(appliedScopeKey(first), 't101')
      assert.equal(appliedScopeKey(second), 't102')
    } finally {
      await pool.releaseConnection(first)
      // Released last, so the pool would hand out `second` next.
      await pool.releaseConnection(second)
    }
    const next = await runInTenant(101, () => pool.acquireConnection())
    try {
      assert.strictEqual(next, first)
      const { rows } = await runInTenant(101, () =>
        next.query("SELECT current_setting('app.tenant_id') AS tenant")
      )
      assert.equal(rows[0].tenant, '101')
    } finally {
      await pool.releaseConnection(next)
    }
  })
})

test.group('Row-level security: the tables', () => {
  test('every table with a tenant_id has row-level security and a policy', async ({ assert }) => {
    const { rows } = await db.rawQuery(
      `SELECT c.relname AS table, c.relrowsecurity AS secured,
              (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int AS policies
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
       WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
       ORDER BY 1`
    )
    assert.isAbove(rows.length, 10)
    const open = rows.filter((row: any) => !row.secured || row.policies === 0)
    assert.deepEqual(open, [], 'tenant-owned tables without a policy (see row_level_security.ts)')
  })
})

test.group('Row-level security: what the app role may not do', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the app connects as a role that owns no table and cannot bypass the policies', async ({
    assert,
  }) => {
    const { rows } = await db.rawQuery(
      `SELECT current_user AS name, r.rolsuper, r.rolbypassrls,
              (SELECT count(*) FROM pg_tables t
               WHERE t.schemaname = current_schema() AND t.tableowner = current_user
                 AND t.tablename NOT LIKE 'register_import_%')::int AS owned
       FROM pg_roles r WHERE r.rolname = current_user`
    )
    assert.deepEqual(rows[0], {
      name: appRole.name,
      rolsuper: false,
      rolbypassrls: false,
      owned: 0,
    })
  })

  test('cannot TRUNCATE, UPDATE or DELETE the audit log', async ({ assert }) => {
    await assert.rejects(() => attempt('TRUNCATE audit_logs'), /permission denied/)
    await assert.rejects(() => attempt(`UPDATE audit_logs SET action = 'x'`), /permission denied/)
    await assert.rejects(() => attempt('DELETE FROM audit_logs'), /permission denied/)
  })

  test('cannot disable the audit trigger, row-level security or a policy', async ({ assert }) => {
    await assert.rejects(
      () => attempt('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update'),
      /must be owner/
    )
    await assert.rejects(
      () => attempt('ALTER TABLE audit_logs DISABLE TRIGGER ALL'),
      /must be owner/
    )
    await assert.rejects(
      () => attempt('ALTER TABLE benefits DISABLE ROW LEVEL SECURITY'),
      /must be owner/
    )
    await assert.rejects(() => attempt('DROP POLICY tenant_isolation ON benefits'), /must be owner/)
    await assert.rejects(() => attempt('TRUNCATE benefits'), /permission denied/)
  })

  test('cannot become the owner with SET ROLE or SET SESSION AUTHORIZATION', async ({ assert }) => {
    const owner = decodeURIComponent(new URL(await ownerConnectionUrl()).username)
    await assert.rejects(() => attempt(`SET ROLE "${owner}"`), /permission denied/)
    await assert.rejects(() => attempt(`SET SESSION AUTHORIZATION "${owner}"`), /permission denied/)
    // RESET ROLE goes back to the role that logged in: the app role, never the owner.
    await db.rawQuery('RESET ROLE')
    const after = await db.rawQuery('SELECT current_user AS name, session_user AS session')
    assert.deepEqual(after.rows[0], { name: appRole.name, session: appRole.name })
  })
})
