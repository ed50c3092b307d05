import type { PushBatch } from '#registers/push/push_changes'

/**
 * A connector pulls changes from a remote register (a plugin implements it and lists it in
 * its manifest's `connectors`, `handler` default-exporting the connector). Each batch has the
 * push API's shape (docs/contracts.md, "Connectors") plus the cursor to resume after it; the
 * puller applies it through the same path as a push and stores the cursor once the batch is
 * applied.
 */
export interface ConnectorBatch extends PushBatch {
  /** Opaque position after this batch; `pull(cursor)` resumes there. */
  cursor: string
}

export interface RegisterConnector {
  /** The manifest key, `<plugin>.<name>`. */
  id: string
  /** Code of the data source the changes are delivered as (its allowed attributes apply). */
  source: string
  /** Batches after `since` (null = from the beginning); ends when nothing more is new. */
  pull(since: string | null): AsyncIterable<ConnectorBatch>
}

export function isRegisterConnector(value: unknown): value is RegisterConnector {
  const candidate = value as Partial<RegisterConnector> | null
  return (
    !!candidate &&
    typeof candidate.id === 'string' &&
    typeof candidate.source === 'string' &&
    typeof candidate.pull === 'function'
  )
}
