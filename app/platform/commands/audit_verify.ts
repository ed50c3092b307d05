import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class AuditVerify extends BaseCommand {
  static commandName = 'audit:verify'
  static description =
    'Verify the audit log: every MAC under the audit key, and every signed checkpoint (table and file)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Rows read per batch', default: 1000 })
  declare batchSize: number

  async run() {
    const { verifyAuditChain } = await import('#platform/audit/verify_audit_chain')
    const { describeAuditProblem } = await import('#platform/audit/describe_audit_problem')
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
      this.logger.success(
        `Audit chain intact: ${report.checked} rows and ${report.checkpoints} signed checkpoints verified.`
      )
      if (report.checkpoints === 0 && report.checked > 0) {
        this.logger.warning('No signed checkpoint yet: run `node ace audit:checkpoint`.')
      }
      return
    }
    this.logger.error(`Audit chain BROKEN (${report.problems.length} finding(s)):`)
    for (const problem of report.problems) this.logger.error(describeAuditProblem(problem))
    this.exitCode = 1
  }
}
