import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type pg from 'pg'
import app from '@adonisjs/core/services/app'

/** Where an import keeps its upload and its error report (storage/registers/imports/<id>). */
export function importStorageDir(importId: number) {
  return app.makePath('storage/registers/imports', String(importId))
}

/**
 * Drops every staging table of one import (`register_import_<id>_*`). A lock timeout: a table
 * still locked by a backend that is being terminated is left to the next sweep.
 */
export async function dropImportStaging(client: pg.ClientBase, importId: number) {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
      WHERE c.relkind = 'r' AND s.nspname = current_schema() AND c.relname LIKE $1`,
    [`register\\_import\\_${importId}\\_%`]
  )
  if (rows.length === 0) return 0
  await client.query('BEGIN')
  try {
    await client.query(`SET LOCAL lock_timeout = '10s'`)
    await client.query(`DROP TABLE IF EXISTS ${rows.map((row) => row.name).join(', ')}`)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
  return rows.length
}

/** Removes an import's upload and partial error report from disk. */
export async function removeImportFiles(importId: number, uploadDir: string | null) {
  await rm(importStorageDir(importId), { recursive: true, force: true })
  if (uploadDir) await rm(uploadDir, { recursive: true, force: true })
}

/**
 * Removes uploads whose import is no longer waiting or running (a crash between the end of an
 * import and the deletion of its files): the personal data in them has no reason to stay.
 */
export async function sweepOrphanUploads(unfinishedIds: () => Promise<Set<number>>) {
  const root = app.makePath('storage/registers/imports')
  const entries = await readdir(root, { withFileTypes: true }).catch(() => [])
  // Read after listing: an upload folder is made after its import row is committed, so every
  // folder listed belongs to a row this query sees.
  const unfinished = await unfinishedIds()
  let removed = 0
  for (const entry of entries) {
    if (!entry.isDirectory() || !/^\d+$/.test(entry.name)) continue
    if (unfinished.has(Number(entry.name))) continue
    const upload = join(root, entry.name, 'upload')
    const files = await readdir(upload).catch(() => null)
    if (files === null) continue
    await rm(upload, { recursive: true, force: true })
    removed++
  }
  return removed
}
