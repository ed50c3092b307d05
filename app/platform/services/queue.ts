import app from '@adonisjs/core/services/app'
import type { QueueService } from '#platform/jobs/queue_service'

let queue: QueueService

await app.booted(async () => {
  queue = await app.container.make('queue')
})

export { queue as default }
