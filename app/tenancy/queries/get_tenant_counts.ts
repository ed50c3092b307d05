import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'

async function count(query: ReturnType<typeof db.from>) {
  const [row] = await query.count('* as total')
  return Number(row.total)
}

/** Figures for the staff dashboard of one tenant. */
export async function getTenantCounts(tenantId: number) {
  const [members, admins, pendingInvitations, plugins] = await Promise.all([
    count(db.from('memberships').where('tenant_id', tenantId)),
    count(db.from('memberships').where('tenant_id', tenantId).where('role', 'tenant_admin')),
    count(
      db
        .from('invitations')
        .where('tenant_id', tenantId)
        .whereNull('accepted_at')
        .where('expires_at', '>', DateTime.now().toJSDate())
    ),
    count(db.from('tenant_plugins').where('tenant_id', tenantId)),
  ])
  return { members, admins, pendingInvitations, plugins }
}
