import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordAudit } from '#platform/audit/record_audit'
import { findIssuedMeans, type IssuedMeans } from '#identification/queries/issued_means'

export interface StatusChangeActor {
  tenantId: number
  userId: number | null
  ctx?: HttpContext
}

/** Why a change is refused (translated under `identification.errors.*`). */
export type StatusChangeRefusal =
  'already_blocked' | 'not_blocked' | 'already_replaced' | 'retracted' | 'replacement_invalid'

export type StatusChangeResult = { ok: true } | { ok: false; refusal: StatusChangeRefusal } | null

/**
 * The frame of the issuer's status changes: finds the means among the tenant's own (null
 * otherwise: another issuer's means is not found), lets `change` refuse or write the hold,
 * then writes the history row and the audit entry in the same transaction. The hold's trigger
 * appends the means' new state to `identifier_changes`.
 */
export async function changeMeansStatus(
  actor: StatusChangeActor,
  identifierId: number,
  change: (
    means: IssuedMeans,
    trx: TransactionClientContract
  ) => Promise<
    | { refusal: StatusChangeRefusal }
    | { toStatus: string; reason: string; replacedById?: number | null; action: string }
  >
): Promise<StatusChangeResult> {
  const means = await findIssuedMeans(actor.tenantId, identifierId)
  if (!means) return null
  if (means.status === 'retracted') return { ok: false, refusal: 'retracted' }
  return db.transaction(async (trx) => {
    // One change of a means at a time: two desks blocking the same card write one hold.
    await trx.rawQuery('SELECT id FROM person_identifiers WHERE id = ? FOR UPDATE', [means.id])
    const outcome = await change(means, trx)
    if ('refusal' in outcome) return { ok: false, refusal: outcome.refusal }
    await trx.table('identifier_status_history').insert({
      identifier_id: means.id,
      from_status: means.status,
      to_status: outcome.toStatus,
      reason: outcome.reason,
      replaced_by_id: outcome.replacedById ?? null,
      source: 'issuer',
      user_id: actor.userId,
      created_at: new Date(),
    })
    await recordAudit({
      action: `identification.means.${outcome.action}`,
      ctx: actor.ctx,
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      subjectType: 'identifier',
      subjectId: means.id,
      metadata: {
        type: means.type,
        issuer: means.issuer,
        from: means.status,
        to: outcome.toStatus,
        reason: outcome.reason,
        replacedById: outcome.replacedById ?? null,
      },
      trx,
    })
    return { ok: true }
  })
}
