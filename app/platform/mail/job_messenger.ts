import type { MailerMessenger } from '@adonisjs/mail/types'
import type { QueueService } from '#platform/jobs/queue_service'
import SendMailJob, { type SendMailPayload } from '#platform/jobs/send_mail_job'

/** Header naming the tenant a queued mail belongs to (optional). */
export const TENANT_HEADER = 'X-Atvieglo-Tenant'

/**
 * `mail.sendLater(...)` dispatches a SendMailJob with the compiled message,
 * so queued mail goes through BullMQ (or in-process) like any other job.
 */
export function jobMailMessenger(
  mailerName: string,
  queue: () => Promise<QueueService>
): MailerMessenger {
  return {
    async queue(mail, sendConfig) {
      const headers = (mail.message.headers ?? {}) as Record<string, unknown>
      const tenant = Number(headers[TENANT_HEADER])
      const payload: SendMailPayload = {
        tenantId: Number.isInteger(tenant) && tenant > 0 ? tenant : null,
        mailer: mailerName,
        mail: JSON.parse(JSON.stringify(mail)),
        config: sendConfig ?? null,
      }
      const jobs = await queue()
      return { jobId: await jobs.dispatch(SendMailJob, payload) }
    },
  }
}
