import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'
import type { InferLimiters } from '@adonisjs/limiter/types'

/**
 * The embedded default is one process on one machine, so its counters live in memory; with an
 * external database, any number of web nodes share them in the `rate_limits` table.
 */
const limiterConfig = defineConfig({
  default: env.get('LIMITER_STORE', env.get('DATABASE_URL') ? 'database' : 'memory'),
  stores: {
    database: stores.database({ tableName: 'rate_limits' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
