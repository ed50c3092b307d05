import env from '#start/env'
import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { HealthChecks } from '@adonisjs/core/health'
import { RedisCheck } from '#platform/health/redis_check'

const redisUrl = env.get('REDIS_URL')

export const healthChecks = new HealthChecks().register([
  new DbCheck(db.connection()),
  ...(redisUrl ? [new RedisCheck(redisUrl)] : []),
])
