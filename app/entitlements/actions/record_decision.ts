import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#platform/audit/record_audit'
import { withConnection } from '#entitlements/engine/connection'
import {
  announceEntitlementChanges,
  currentEngineSetup,
  engineAccess,
} from '#entitlements/engine/service'
import { evaluateScope } from '#entitlements/engine/engine'

/**
 * A grantor's manual grant or revocation of its benefit for a person over a period, with the
 * reason and the author; audited. The person is re-evaluated at once, and every later run
 * applies the decision until its period ends. Null when the benefit is not the tenant's.
 */
export default class RecordDecision {
  async handle(input: {
    tenantId: number
    personId: number
    benefitCode: string
    kind: 'grant' | 'revoke'
    validFrom: string
    validTo?: string
    reason: string
    ctx?: HttpContext
    actor?: { userId: number | null; label: string }
  }) {
    const benefit = await db
      .from('benefits')
      .where('tenant_id', input.tenantId)
      .where('code', input.benefitCode)
      .first()
    const person = await db.from('persons').where('id', input.personId).first()
    if (!benefit || !person) return null
    const user = input.ctx?.auth?.user
    const [row] = await db
      .table('entitlement_decisions')
      .insert({
        tenant_id: input.tenantId,
        person_id: input.personId,
        benefit_id: benefit.id,
        kind: input.kind,
        valid_from: input.validFrom,
        valid_to: input.validTo ?? null,
        reason: input.reason,
        author_id: input.actor?.userId ?? user?.id ?? null,
        author_label: input.actor?.label ?? user?.email ?? 'system',
        created_at: new Date(),
      })
      .returning('id')
    const id = Number(row.id ?? row)
    await recordAudit({
      action: `entitlements.decision.${input.kind === 'grant' ? 'granted' : 'revoked'}`,
      ctx: input.ctx,
      tenantId: input.tenantId,
      actorUserId: input.actor?.userId,
      actorLabel: input.actor?.label,
      subjectType: 'person',
      subjectId: input.personId,
      metadata: {
        decisionId: id,
        benefit: input.benefitCode,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
      },
    })
    // The person's entitlements of every tenant are recomputed together (one signature each).
    await engineAccess(
      're-evaluate a person after a manual decision',
      () =>
        withConnection(async (sql) => {
          const result = await evaluateScope(
            sql,
            await currentEngineSetup(sql),
            { ids: [input.personId] },
            null
          )
          await announceEntitlementChanges(sql, result)
          return result
        }),
      { personId: input.personId, decisionId: id }
    )
    return { id }
  }
}
