import type { HttpContext } from '@adonisjs/core/http'
import { healthChecks } from '#start/health'
import { maySeeHealthDetails } from '#platform/health/may_see_health_details'

export default class HealthChecksController {
  /** The process is up. */
  live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  /**
   * The process can serve: database (and Redis when configured) answer. Anyone may ask, so the
   * answer names the checks and their status only; the full report (messages, pid, versions,
   * uptime) goes to an operator or a monitor with HEALTH_TOKEN.
   */
  async ready(ctx: HttpContext) {
    const report = await healthChecks.run()
    const body = maySeeHealthDetails(ctx)
      ? report
      : {
          status: report.isHealthy ? 'ok' : 'error',
          checks: report.checks.map((check) => ({ name: check.name, status: check.status })),
        }
    ctx.response.header('Cache-Control', 'no-store')
    return report.isHealthy ? ctx.response.ok(body) : ctx.response.serviceUnavailable(body)
  }
}
