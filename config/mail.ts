import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, transports } from '@adonisjs/mail'
import type { InferMailers } from '@adonisjs/mail/types'
import { FileTransport } from '#platform/mail/file_transport'

const smtpHost = env.get('SMTP_HOST')

const mailConfig = defineConfig({
  default: smtpHost ? 'smtp' : 'file',
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'noreply@atvieglo.lv'),
    name: env.get('MAIL_FROM_NAME', 'Atvieglo'),
  },
  mailers: {
    file: () => new FileTransport(app.makePath('storage/mail')),
    smtp: transports.smtp({
      host: smtpHost ?? 'localhost',
      port: env.get('SMTP_PORT', 587),
      auth: env.get('SMTP_USERNAME')
        ? {
            type: 'login',
            user: env.get('SMTP_USERNAME')!,
            pass: env.get('SMTP_PASSWORD') ?? '',
          }
        : undefined,
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
