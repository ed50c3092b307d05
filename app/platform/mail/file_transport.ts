import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createTransport } from 'nodemailer'
import logger from '@adonisjs/core/services/logger'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * Offline mail for the embedded default: each message is written as an
 * .eml file under storage/mail and its subject and links go to the log, so
 * invitation and password-reset links work without an SMTP server.
 */
export class FileTransport implements MailTransportContract {
  #mailer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' })

  constructor(private directory: string) {}

  async send(message: NodeMailerMessage) {
    const info = await this.#mailer.sendMail(message)
    await mkdir(this.directory, { recursive: true })
    const to = info.envelope.to.join(',').replace(/[^a-z0-9@._-]/gi, '_')
    const file = join(this.directory, `${Date.now()}-${to}.eml`)
    await writeFile(file, info.message as Buffer)
    const text = typeof message.text === 'string' ? message.text : ''
    logger.info({ to: info.envelope.to, subject: message.subject, file }, `mail: ${text}`)
    return new MailResponse(info.messageId, info.envelope, info)
  }
}
