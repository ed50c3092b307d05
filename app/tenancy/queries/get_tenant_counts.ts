import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'

/** Figures for the staff dashboard of one tenant. */
export async function getTenantCounts(tenantId: number) {
  const count = async (table: string, narrow?: (query: any) => void) => {
    const query = db.from(table).where('tenant_id', tenantId)
    narrow?.(query)
    const [row] = await query.count('* as total')
    return Number(row.total)
  }
  return {
    members: await count('memberships'),
    admins: await count('memberships', (q) => q.where('role', 'tenant_admin')),
    pendingInvitations: await count('invitations', (q) =>
      q.whereNull('accepted_at').where('expires_at', '>', DateTime.now().toJSDate())
    ),
    plugins: await count('tenant_plugins'),
  }
}
