import { sign, verify, type KeyObject } from 'node:crypto'
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ChainHead } from '#platform/audit/audit_chain_head'
import { auditKeyId, auditSigningKey } from '#platform/audit/audit_keys'
import { auditSettings } from '#platform/audit/audit_settings'

/** A signed statement "the chain had `entryCount` entries, ending at `lastId` with `headMac`". */
export interface AuditCheckpoint {
  lastId: number
  headMac: string
  entryCount: number
  /** ISO 8601, UTC. */
  createdAt: string
  keyId: string
  /** Ed25519, base64. */
  signature: string
}

/** Where a checkpoint was read from, to name it in a report. */
export type CheckpointSource = { table: number } | { file: string; line: number }

function signedBytes(checkpoint: Omit<AuditCheckpoint, 'keyId' | 'signature'>) {
  return Buffer.from(
    [
      'atvieglo-audit-checkpoint:v1',
      checkpoint.lastId,
      checkpoint.headMac,
      checkpoint.entryCount,
      checkpoint.createdAt,
    ].join('\n')
  )
}

export function signCheckpoint(head: ChainHead, at: Date, key: KeyObject): AuditCheckpoint {
  const body = {
    lastId: head.lastId,
    headMac: head.lastMac,
    entryCount: head.entryCount,
    createdAt: at.toISOString(),
  }
  const signature = sign(null, signedBytes(body), key).toString('base64')
  return { ...body, keyId: auditKeyId(key), signature }
}

export function checkpointSignatureValid(checkpoint: AuditCheckpoint, key: KeyObject) {
  try {
    return verify(null, signedBytes(checkpoint), key, Buffer.from(checkpoint.signature, 'base64'))
  } catch {
    return false
  }
}

/** The writer's rule: N entries since the last checkpoint, or M minutes and at least one. */
export function checkpointDue(head: ChainHead, now: Date) {
  const { everyEntries, everyMinutes } = auditSettings().checkpoints
  const added = head.entryCount - head.checkpointCount
  if (added <= 0) return false
  if (added >= everyEntries || head.checkpointAt === null) return true
  return now.getTime() - head.checkpointAt.getTime() >= everyMinutes * 60_000
}

/** Signs the (locked) head now and marks it as checkpointed. */
export function checkpointHead(head: ChainHead): AuditCheckpoint {
  const now = auditSettings().now()
  const checkpoint = signCheckpoint(head, now, auditSigningKey())
  head.checkpointCount = head.entryCount
  head.checkpointAt = now
  return checkpoint
}

export const INSERT_CHECKPOINT_SQL = `INSERT INTO audit_checkpoints
  (last_id, head_mac, entry_count, created_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)`

export function checkpointBindings(checkpoint: AuditCheckpoint) {
  return [
    checkpoint.lastId,
    checkpoint.headMac,
    checkpoint.entryCount,
    checkpoint.createdAt,
    checkpoint.keyId,
    checkpoint.signature,
  ]
}

/**
 * Signs the (locked) head and stores the checkpoint in `client`'s transaction. The caller
 * saves the head and appends the checkpoint to the file once that transaction has committed.
 */
export async function insertCheckpoint(client: QueryClientContract, head: ChainHead) {
  const checkpoint = checkpointHead(head)
  await client.rawQuery(INSERT_CHECKPOINT_SQL, checkpointBindings(checkpoint))
  return checkpoint
}

/** Appends one JSON line; a no-op when no file is configured. */
export async function exportCheckpoint(checkpoint: AuditCheckpoint) {
  const file = auditSettings().checkpoints.file
  if (!file) return
  await mkdir(dirname(file), { recursive: true })
  await appendFile(file, JSON.stringify(checkpoint) + '\n', { mode: 0o640 })
}

interface CheckpointRow {
  id: string | number
  last_id: string | number
  head_mac: string
  entry_count: string | number
  created_at: Date | string
  key_id: string
  signature: string
}

export async function readCheckpointTable(client: QueryClientContract) {
  const rows: CheckpointRow[] = await client.from('audit_checkpoints').orderBy('id', 'asc')
  return rows.map((row) => ({
    source: { table: Number(row.id) } as CheckpointSource,
    checkpoint: {
      lastId: Number(row.last_id),
      headMac: row.head_mac,
      entryCount: Number(row.entry_count),
      createdAt: new Date(row.created_at).toISOString(),
      keyId: row.key_id,
      signature: row.signature,
    } satisfies AuditCheckpoint,
  }))
}

/** The file's checkpoints; a line that is not a checkpoint is returned as `malformed`. */
export async function readCheckpointFile(file: string) {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], malformed: [] }
    throw error
  }
  const entries: { source: CheckpointSource; checkpoint: AuditCheckpoint }[] = []
  const malformed: number[] = []
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    try {
      const value = JSON.parse(line)
      const ok =
        Number.isSafeInteger(value.lastId) &&
        Number.isSafeInteger(value.entryCount) &&
        typeof value.headMac === 'string' &&
        typeof value.createdAt === 'string' &&
        typeof value.keyId === 'string' &&
        typeof value.signature === 'string'
      if (!ok) throw new Error('not a checkpoint')
      entries.push({ source: { file, line: index + 1 }, checkpoint: value })
    } catch {
      malformed.push(index + 1)
    }
  })
  return { entries, malformed }
}
