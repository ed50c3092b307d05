import db from '@adonisjs/lucid/services/db'
import { GENESIS_MAC, auditMac } from '#platform/audit/audit_hash'
import { auditMacKey, auditPublicKey } from '#platform/audit/audit_keys'
import { auditRowFields, type AuditRow } from '#platform/audit/audit_row'
import { auditSettings } from '#platform/audit/audit_settings'
import { readChainHead, type ChainHead } from '#platform/audit/audit_chain_head'
import {
  checkpointSignatureValid,
  readCheckpointFile,
  readCheckpointTable,
  type AuditCheckpoint,
  type CheckpointSource,
} from '#platform/audit/audit_checkpoint'

/**
 * prev_mac_mismatch: an entry was removed, inserted or reordered; mac_mismatch: an entry was
 * changed (or the chain re-computed without the key); checkpoint_*: a signed checkpoint does
 * not hold; head_mismatch: audit_chain_head disagrees with the last entry.
 */
export type AuditChainBreak =
  | 'prev_mac_mismatch'
  | 'mac_mismatch'
  | 'checkpoint_malformed'
  | 'checkpoint_signature_invalid'
  | 'checkpoint_no_public_key'
  | 'checkpoint_entry_missing'
  | 'checkpoint_mismatch'
  | 'checkpoint_not_in_table'
  | 'head_mismatch'

export interface AuditChainProblem {
  reason: AuditChainBreak
  /** The audit_logs id the problem is found at. */
  entryId?: number
  checkpoint?: { source: CheckpointSource; lastId?: number; entryCount?: number }
  /** What was found instead, e.g. where the log ends now. */
  found?: { lastId: number; entryCount: number }
}

export interface AuditChainReport {
  ok: boolean
  /** Entries checked (up to and including the first broken one). */
  checked: number
  total: number
  /** Distinct checkpoints whose signature verified. */
  checkpoints: number
  problems: AuditChainProblem[]
  /** The first problem's entry and reason, for one-line summaries. */
  brokenId?: number
  reason?: AuditChainBreak
}

export interface VerifyAuditChainOptions {
  batchSize?: number
  onProgress?: (checked: number, total: number) => void
}

interface StoredRow extends AuditRow {
  prev_mac: string
  mac: string
}

interface Sourced {
  source: CheckpointSource
  checkpoint: AuditCheckpoint
}

/** Malformed lines, bad signatures, and file checkpoints deleted from the table. */
async function checkCheckpoints(problems: AuditChainProblem[]) {
  const file = auditSettings().checkpoints.file
  const fromFile = file ? await readCheckpointFile(file) : { entries: [], malformed: [] }
  const fromTable = await readCheckpointTable(db.connection())
  for (const line of fromFile.malformed) {
    problems.push({ reason: 'checkpoint_malformed', checkpoint: { source: { file: file!, line } } })
  }

  const all: Sourced[] = [...fromTable, ...fromFile.entries]
  const publicKey = auditPublicKey()
  if (all.length > 0 && !publicKey) {
    problems.push({ reason: 'checkpoint_no_public_key', checkpoint: { source: all[0].source } })
    return []
  }
  const valid = new Map<string, Sourced>()
  for (const item of all) {
    if (!checkpointSignatureValid(item.checkpoint, publicKey!)) {
      problems.push({
        reason: 'checkpoint_signature_invalid',
        checkpoint: { source: item.source, ...counts(item.checkpoint) },
      })
    } else if (!valid.has(item.checkpoint.signature)) {
      valid.set(item.checkpoint.signature, item)
    }
  }
  const inTable = new Set(fromTable.map((item) => item.checkpoint.signature))
  for (const item of fromFile.entries) {
    if (inTable.has(item.checkpoint.signature) || !valid.has(item.checkpoint.signature)) continue
    problems.push({
      reason: 'checkpoint_not_in_table',
      checkpoint: { source: item.source, ...counts(item.checkpoint) },
    })
  }
  return [...valid.values()].sort((a, b) => a.checkpoint.lastId - b.checkpoint.lastId)
}

function counts(checkpoint: AuditCheckpoint) {
  return { lastId: checkpoint.lastId, entryCount: checkpoint.entryCount }
}

/**
 * The head names the last entry walked, and no entry lies beyond it unless a writer has moved
 * the head on since it was read.
 */
async function headMatches(head: ChainHead, lastId: number, lastMac: string, count: number) {
  if (head.lastId !== lastId || head.lastMac !== lastMac || head.entryCount !== count) return false
  const beyond = await db.from('audit_logs').where('id', '>', lastId).select('id').first()
  if (!beyond) return true
  const now = await readChainHead(db.connection())
  return now !== null && now.entryCount > head.entryCount
}

/**
 * Verifies the audit log: every checkpoint's Ed25519 signature (audit_checkpoints and the
 * checkpoint file), then every entry in id order, in batches, recomputing its MAC under the key
 * and checking each signed checkpoint against the entry it names; a checkpoint whose entry is
 * gone means the tail was deleted or the table truncated. The walk stops at the first broken entry.
 */
export async function verifyAuditChain(
  options: VerifyAuditChainOptions = {}
): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 1000
  const problems: AuditChainProblem[] = []
  // Checkpoints, then the head, then the entries: each read sees at least what the one before named.
  const checkpoints = await checkCheckpoints(problems)
  const head = await readChainHead(db.connection())
  const upTo = head?.lastId ?? Number.MAX_SAFE_INTEGER
  const [{ count }] = await db.from('audit_logs').where('id', '<=', upTo).count('* as count')
  const total = Number(count)
  const key = auditMacKey()
  let prevMac = GENESIS_MAC
  let lastId = 0
  let checked = 0
  let next = 0
  let broken = false

  walk: for (;;) {
    const rows: StoredRow[] = await db
      .from('audit_logs')
      .where('id', '>', lastId)
      .where('id', '<=', upTo)
      .orderBy('id', 'asc')
      .limit(batchSize)
    if (rows.length === 0) break

    for (const row of rows) {
      checked++
      const id = Number(row.id)
      if (row.prev_mac !== prevMac) {
        problems.push({ reason: 'prev_mac_mismatch', entryId: id })
        broken = true
        break walk
      }
      if (auditMac(key, prevMac, auditRowFields(row)) !== row.mac) {
        problems.push({ reason: 'mac_mismatch', entryId: id })
        broken = true
        break walk
      }
      for (; next < checkpoints.length && checkpoints[next].checkpoint.lastId <= id; next++) {
        const { source, checkpoint } = checkpoints[next]
        const matches =
          checkpoint.lastId === id &&
          checkpoint.headMac === row.mac &&
          checkpoint.entryCount === checked
        if (matches) continue
        problems.push({
          reason: checkpoint.lastId === id ? 'checkpoint_mismatch' : 'checkpoint_entry_missing',
          entryId: checkpoint.lastId,
          checkpoint: { source, ...counts(checkpoint) },
          found: { lastId: id, entryCount: checked },
        })
        broken = true
        break walk
      }
      prevMac = row.mac
      lastId = id
    }
    options.onProgress?.(checked, total)
  }

  if (broken) {
    // The first broken entry is the finding; everything after it is suspect anyway.
  } else if (next < checkpoints.length) {
    // Entries a checkpoint vouched for are gone: the newest such checkpoint says how many.
    const { source, checkpoint } = checkpoints[checkpoints.length - 1]
    problems.push({
      reason: 'checkpoint_entry_missing',
      entryId: checkpoint.lastId,
      checkpoint: { source, ...counts(checkpoint) },
      found: { lastId, entryCount: checked },
    })
  } else if (head ? !(await headMatches(head, lastId, prevMac, checked)) : checked > 0) {
    problems.push({
      reason: 'head_mismatch',
      entryId: head?.lastId,
      found: { lastId, entryCount: checked },
    })
  }

  const [first] = problems
  return {
    ok: problems.length === 0,
    checked,
    total,
    checkpoints: checkpoints.length,
    problems,
    ...(first ? { brokenId: first.entryId, reason: first.reason } : {}),
  }
}
