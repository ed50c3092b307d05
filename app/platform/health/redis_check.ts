import { Redis } from 'ioredis'
import { BaseCheck, Result } from '@adonisjs/core/health'

/** Pings the Redis that carries the BullMQ queues. */
export class RedisCheck extends BaseCheck {
  name = 'Redis check'

  constructor(private url: string) {
    super()
  }

  async run() {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 1 })
    try {
      await client.connect()
      await client.ping()
      return Result.ok('Redis answers')
    } catch (error) {
      return Result.failed('Redis does not answer', error as Error)
    } finally {
      client.disconnect()
    }
  }
}
