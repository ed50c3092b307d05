/*
|--------------------------------------------------------------------------
| Environment variables service
|--------------------------------------------------------------------------
|
| Every variable the app reads is validated here. Unset DATABASE_URL and
| REDIS_URL select the embedded defaults (PostgreSQL from npm, in-process jobs).
|
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  /*
  |----------------------------------------------------------
  | Node and the HTTP server
  |----------------------------------------------------------
  */
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.string(),

  /*
  |----------------------------------------------------------
  | Database: PostgreSQL, or the embedded PostgreSQL when unset
  |----------------------------------------------------------
  */
  DATABASE_URL: Env.schema.string.optional(),
  DATABASE_APP_URL: Env.schema.string.optional(),
  DATABASE_APP_PASSWORD: Env.schema.string.optional(),
  EMBEDDED_PG_DIR: Env.schema.string.optional(),
  EMBEDDED_PG_PORT: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Jobs: BullMQ on Redis, or in-process when unset
  |----------------------------------------------------------
  */
  REDIS_URL: Env.schema.string.optional(),
  QUEUE_PREFIX: Env.schema.string.optional(),
  QUEUE_WORKER: Env.schema.enum.optional(['inline', 'off'] as const),

  /*
  |----------------------------------------------------------
  | Session
  |----------------------------------------------------------
  */
  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory'] as const),

  /*
  |----------------------------------------------------------
  | Mail: SMTP, or written to storage/mail when unset
  |----------------------------------------------------------
  */
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  MAIL_FROM_ADDRESS: Env.schema.string.optional(),
  MAIL_FROM_NAME: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Personal data: key for identifier hashes
  |----------------------------------------------------------
  */
  IDENTIFIER_HASH_KEY: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Rate limits: database store, or memory in tests
  |----------------------------------------------------------
  */
  LIMITER_STORE: Env.schema.enum.optional(['database', 'memory'] as const),
})
