import type { HttpContext } from '@adonisjs/core/http'
import { healthChecks } from '#start/health'

export default class HealthChecksController {
  /** The process is up. */
  live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  /** The process can serve: database (and Redis when configured) answer. */
  async ready({ response }: HttpContext) {
    const report = await healthChecks.run()
    return report.isHealthy ? response.ok(report) : response.serviceUnavailable(report)
  }
}
