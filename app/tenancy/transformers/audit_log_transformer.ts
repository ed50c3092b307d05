import { BaseTransformer } from '@adonisjs/core/transformers'
import type AuditLog from '#platform/audit/audit_log'

export default class AuditLogTransformer extends BaseTransformer<AuditLog> {
  toObject() {
    return {
      id: Number(this.resource.id),
      tenantId: this.resource.tenantId,
      actorLabel: this.resource.actorLabel,
      action: this.resource.action,
      subjectType: this.resource.subjectType,
      subjectId: this.resource.subjectId,
      details: JSON.stringify(this.resource.metadata ?? {}),
      createdAt: this.resource.createdAt.toISO()!,
    }
  }
}
