import { readdir, readFile, rm } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import mail from '@adonisjs/mail/services/main'
import SendMailJob from '#platform/jobs/send_mail_job'
import { TENANT_HEADER } from '#platform/mail/job_messenger'

const mailDir = app.makePath('storage/mail')

async function emlFiles() {
  try {
    const names = await readdir(mailDir)
    return names.filter((name) => name.endsWith('.eml'))
  } catch {
    return []
  }
}

test.group('Mail through jobs', () => {
  test('sendLater runs a SendMailJob that writes the message as an .eml file', async ({
    assert,
  }) => {
    const queue = await app.container.make('queue')
    const before = new Set(await emlFiles())
    await mail.sendLater((message) => {
      message
        .to('jobs-test@atvieglo.test')
        .subject('Ielūgums uz Atvieglo')
        .text('Sveiki! Jūsu saite: https://atvieglo.test/invite/abc')
    })
    await queue.drain()

    const after = await emlFiles()
    const created = after.filter((name) => !before.has(name))
    assert.lengthOf(created, 1)
    const eml = await readFile(`${mailDir}/${created[0]}`, 'utf8')
    assert.include(eml, 'jobs-test@atvieglo.test')
    assert.include(eml, 'Subject: =?UTF-8?')
    await rm(`${mailDir}/${created[0]}`)
  })

  test('with the queue faked, sendLater records the dispatch with mailer and tenant', async ({
    assert,
  }) => {
    const queue = await app.container.make('queue')
    const fake = queue.fake()
    const { length: before } = await emlFiles()
    try {
      await mail.sendLater((message) => {
        message
          .to('fake-test@atvieglo.test')
          .subject('Paroles atjaunošana')
          .text('Saite')
          .header(TENANT_HEADER, '42')
      })
      await queue.drain()
      fake.assertDispatchedCount(SendMailJob, 1)
      const [{ payload }] = fake.find(SendMailJob)
      assert.equal(payload.tenantId, 42)
      assert.equal(payload.mailer, 'file')
      assert.equal(payload.mail.message.subject, 'Paroles atjaunošana')
      const after = await emlFiles()
      assert.lengthOf(after, before)
    } finally {
      queue.restore()
    }
  })
})
