import { BaseTransformer } from '@adonisjs/core/transformers'
import type { RegisterImportRecord } from '#registers/queries/register_imports'

/**
 * An import for the operator: counts, progress and whether an error report exists (never its
 * path). The progress endpoint answers the same shape as JSON.
 */
export function registerImportView(r: RegisterImportRecord) {
  return {
    id: r.id,
    dataSourceId: r.dataSourceId,
    dataSourceCode: r.dataSourceCode,
    dataSourceName: r.dataSourceName,
    mode: r.mode,
    status: r.status,
    origin: r.origin,
    phase: r.phase,
    accepted: r.accepted,
    unchanged: r.unchanged,
    rejected: r.rejected,
    rowsRead: r.rowsRead,
    summary: r.summary,
    errorMessage: r.errorMessage,
    failureReason: r.failureReason,
    batchDate: r.batchDate,
    percent: r.bytesTotal > 0 ? Math.min(100, Math.round((r.bytesDone / r.bytesTotal) * 100)) : 0,
    hasErrorReport: r.errorReportPath !== null,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  }
}

export default class RegisterImportTransformer extends BaseTransformer<RegisterImportRecord> {
  toObject() {
    return registerImportView(this.resource)
  }
}
