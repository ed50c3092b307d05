import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class AuditCheckpointCommand extends BaseCommand {
  static commandName = 'audit:checkpoint'
  static description =
    'Sign a checkpoint of the audit chain head now (table audit_checkpoints and the checkpoint file)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { writeAuditCheckpoint } = await import('#platform/audit/write_audit_checkpoint')
    const checkpoint = await writeAuditCheckpoint()
    if (!checkpoint) {
      this.logger.info('Nothing appended since the last checkpoint; none written.')
      return
    }
    this.logger.success(
      `Checkpoint signed: ${checkpoint.entryCount} entries up to id ${checkpoint.lastId} (key ${checkpoint.keyId}).`
    )
  }
}
