import type { AuditChainProblem } from '#platform/audit/verify_audit_chain'
import type { CheckpointSource } from '#platform/audit/audit_checkpoint'

function where(source: CheckpointSource) {
  return 'table' in source
    ? `checkpoint #${source.table} (audit_checkpoints)`
    : `checkpoint at ${source.file} line ${source.line}`
}

function vouched(problem: AuditChainProblem) {
  const c = problem.checkpoint!
  return `${where(c.source)}, signed for ${c.entryCount} entries ending at id ${c.lastId}`
}

function found(problem: AuditChainProblem) {
  const f = problem.found
  return f ? `the log now has ${f.entryCount} entries up to id ${f.lastId}` : ''
}

/** One line for `audit:verify`, naming the entry or checkpoint that failed. */
export function describeAuditProblem(problem: AuditChainProblem): string {
  switch (problem.reason) {
    case 'prev_mac_mismatch':
      return `entry id ${problem.entryId}: prev_mac does not match the MAC of the entry before it (an entry was removed, inserted or reordered)`
    case 'mac_mismatch':
      return `entry id ${problem.entryId}: MAC does not match the entry's contents under the audit key (the entry was changed, or the chain recomputed without the key)`
    case 'checkpoint_malformed':
      return `${where(problem.checkpoint!.source)}: not a checkpoint (the file was edited)`
    case 'checkpoint_signature_invalid':
      return `${vouched(problem)}: signature does not verify with the audit public key (forged or altered checkpoint)`
    case 'checkpoint_no_public_key':
      return `${where(problem.checkpoint!.source)}: no public key to verify checkpoints (set AUDIT_PUBLIC_KEY)`
    case 'checkpoint_entry_missing':
      return `${vouched(problem)}: entry id ${problem.entryId} is missing, ${found(problem)} (the newest entries were deleted or the table truncated)`
    case 'checkpoint_mismatch':
      return `${vouched(problem)}: entry id ${problem.entryId} has another MAC or position, ${found(problem)}`
    case 'checkpoint_not_in_table':
      return `${vouched(problem)}: missing from audit_checkpoints (deleted from the database)`
    case 'head_mismatch':
      return `audit_chain_head names entry id ${problem.entryId ?? '(none)'}, but ${found(problem)} (the head or the newest entries were changed)`
  }
}
