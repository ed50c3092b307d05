import type { HttpContext } from '@adonisjs/core/http'
import { healthChecks } from '#start/health'

export default class HealthChecksController {
  /** The process is up. */
  live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  /**
   * The process can serve: database (and Redis when configured) answer. Anyone may ask, so the
   * answer names the checks and their status only: no pid, versions, uptime or error details.
   */
  async ready({ response }: HttpContext) {
    const report = await healthChecks.run()
    const body = {
      status: report.isHealthy ? 'ok' : 'error',
      checks: report.checks.map((check) => ({ name: check.name, status: check.status })),
    }
    return report.isHealthy ? response.ok(body) : response.serviceUnavailable(body)
  }
}
