import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class AuditVerify extends BaseCommand {
  static commandName = 'audit:verify'
  static description = 'Recompute the hash chain of the audit log and report the first broken row'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Rows read per batch', default: 1000 })
  declare batchSize: number

  async run() {
    const { verifyAuditChain, AUDIT_CHAIN_BREAK_MESSAGES } =
      await import('#platform/audit/verify_audit_chain')
    let lastReport = Date.now()
    const report = await verifyAuditChain({
      batchSize: this.batchSize,
      onProgress: (checked, total) => {
        if (Date.now() - lastReport < 1000 && checked < total) return
        lastReport = Date.now()
        const percent = total ? Math.floor((checked / total) * 100) : 100
        this.logger.info(`verified ${checked} of ${total} rows (${percent}%)`)
      },
    })

    if (report.ok) {
      this.logger.success(`Audit chain intact: ${report.checked} rows verified.`)
      return
    }
    this.logger.error(
      `Audit chain BROKEN at row id ${report.brokenId}: ${AUDIT_CHAIN_BREAK_MESSAGES[report.reason!]}. ` +
        `${report.checked - 1} rows before it verified.`
    )
    this.exitCode = 1
  }
}
