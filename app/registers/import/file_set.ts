import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileKind } from '#registers/import/row_validator'

/** A file of the set: a path, or a function that yields its bytes (pushed batches, tests). */
export type FileSource =
  string | (() => AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>)

/** A register file set: persons.csv, facts.csv, identifiers.csv, each optional. */
export type FileSet = Partial<Record<FileKind, FileSource>>

export const FILE_KINDS: readonly FileKind[] = ['persons', 'facts', 'identifiers']

/** What became of one file's rows. */
export interface FileSummary {
  rows: number
  accepted: number
  unchanged: number
  rejected: number
  created: number
  updated: number
  ended: number
}

export function emptySummary(): FileSummary {
  return { rows: 0, accepted: 0, unchanged: 0, rejected: 0, created: 0, updated: 0, ended: 0 }
}

export function totalsOf(summaries: Partial<Record<FileKind, FileSummary>>) {
  let accepted = 0
  let unchanged = 0
  let rejected = 0
  for (const summary of Object.values(summaries)) {
    accepted += summary.accepted
    unchanged += summary.unchanged
    rejected += summary.rejected
  }
  return { accepted, unchanged, rejected }
}

/** The files of a directory that exist, as a file set. */
export async function fileSetFromDirectory(dir: string): Promise<FileSet> {
  const files: FileSet = {}
  for (const kind of FILE_KINDS) {
    const path = join(dir, `${kind}.csv`)
    try {
      const info = await stat(path)
      if (info.isFile()) files[kind] = path
    } catch {
      // A file set may leave out files the source does not deliver.
    }
  }
  return files
}

/** The size of the set's files on disk (streams count as they are read). */
export async function fileSetBytes(files: FileSet): Promise<number> {
  let bytes = 0
  for (const kind of FILE_KINDS) {
    const file = files[kind]
    if (typeof file !== 'string') continue
    const info = await stat(file)
    bytes += info.size
  }
  return bytes
}
