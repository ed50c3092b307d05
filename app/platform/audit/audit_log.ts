import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * One append-only, MAC-chained audit row. Written only by record_audit, which numbers rows from
 * the chain head (audit_chain_head.last_id + 1, …) under its lock, not from the id sequence.
 */
export default class AuditLog extends BaseModel {
  static table = 'audit_logs'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number | null

  @column()
  declare actorUserId: number | null

  @column()
  declare actorLabel: string | null

  @column()
  declare action: string

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: string | null

  @column()
  declare metadata: Record<string, unknown>

  @column()
  declare requestId: string | null

  @column()
  declare ip: string | null

  @column.dateTime()
  declare createdAt: DateTime

  @column()
  declare prevMac: string

  @column()
  declare mac: string
}
