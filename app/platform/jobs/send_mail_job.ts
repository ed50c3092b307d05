import app from '@adonisjs/core/services/app'
import type { MailersList, MessageBodyTemplates, NodeMailerMessage } from '@adonisjs/mail/types'
import type { Job, JobPayload } from '#platform/jobs/job'

export interface SendMailPayload extends JobPayload {
  /** Mailer name from config/mail.ts. */
  mailer: string
  /** The compiled message (`message.toObject()`), as JSON. */
  mail: { message: NodeMailerMessage; views: MessageBodyTemplates }
  config: unknown
}

/** Sends a message queued by `mail.sendLater` (see app/platform/mail/job_messenger.ts). */
export default class SendMailJob implements Job<SendMailPayload> {
  static jobName = 'platform:send_mail'

  async handle(payload: SendMailPayload) {
    const mail = await app.container.make('mail.manager')
    await mail
      .use(payload.mailer as keyof MailersList)
      .sendCompiled(payload.mail, payload.config ?? undefined)
  }
}
