import db from '@adonisjs/lucid/services/db'
import { lockChainHead, saveChainHead } from '#platform/audit/audit_chain_head'
import {
  exportCheckpoint,
  insertCheckpoint,
  type AuditCheckpoint,
} from '#platform/audit/audit_checkpoint'

/**
 * Signs a checkpoint of the current chain head now (`node ace audit:checkpoint`), under the
 * same lock as the writers. Null when nothing was appended since the last checkpoint.
 */
export async function writeAuditCheckpoint(): Promise<AuditCheckpoint | null> {
  const checkpoint = await db.transaction(async (trx) => {
    const head = await lockChainHead(trx)
    if (head.entryCount === head.checkpointCount && head.checkpointAt !== null) return null
    const signed = await insertCheckpoint(trx, head)
    await saveChainHead(trx, head)
    return signed
  })
  if (checkpoint) await exportCheckpoint(checkpoint)
  return checkpoint
}
