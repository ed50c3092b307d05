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
import string from '@adonisjs/core/helpers/string'

/** An optional duration with a unit, such as `30m` or `12h`, of at least a minute. */
function duration(key: string, value?: string) {
  if (!value) return undefined
  let seconds = 0
  try {
    // A bare number would be read as milliseconds: a unit is required.
    if (/[a-z]/i.test(value)) seconds = string.seconds.parse(value)
  } catch {}
  if (seconds < 60) {
    throw new Error(`${key} must be a duration of at least a minute, such as 30m or 12h`)
  }
  return value
}

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
  /** Proxies whose X-Forwarded-* headers are believed: addresses, CIDRs or proxy-addr names. */
  TRUSTED_PROXIES: Env.schema.string.optional(),

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
  SESSION_DRIVER: Env.schema.enum.optional(['database', 'memory'] as const),
  SESSION_IDLE_TIMEOUT: duration,
  SESSION_ABSOLUTE_TIMEOUT: duration,

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
  /** Base64 of 32 random bytes: the identifier hash offline lists carry (providers hold it). */
  OFFLINE_LIST_HASH_KEY: Env.schema.secret.optional(),
  /** Ed25519 private key signing offline lists, PEM or base64 PKCS#8 DER (default: a key file). */
  OFFLINE_LIST_SIGNING_KEY: Env.schema.secret.optional(),
  /** Earlier signing keys' public keys (PEM or base64 SPKI DER), `;`-separated: old lists verify. */
  OFFLINE_LIST_PUBLIC_KEYS: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Register imports: worker threads, timing on stderr
  |----------------------------------------------------------
  */
  /** false: validate in the import's own thread instead of worker threads (default true). */
  REGISTERS_IMPORT_WORKERS: Env.schema.boolean.optional(),
  /** true: print how long loading and each apply statement take. */
  REGISTERS_IMPORT_TIMING: Env.schema.boolean.optional(),

  /*
  |----------------------------------------------------------
  | Audit log integrity: MAC key, checkpoint signing key and file
  |----------------------------------------------------------
  */
  AUDIT_MAC_KEY: Env.schema.secret.optional(),
  AUDIT_SIGNING_KEY: Env.schema.secret.optional(),
  AUDIT_PUBLIC_KEY: Env.schema.string.optional(),
  AUDIT_CHECKPOINT_FILE: Env.schema.string.optional(),
  AUDIT_CHECKPOINT_EVERY: Env.schema.number.optional(),
  AUDIT_CHECKPOINT_MINUTES: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Rate limits: database store, or memory in tests
  |----------------------------------------------------------
  */
  LIMITER_STORE: Env.schema.enum.optional(['database', 'memory'] as const),

  /*
  |----------------------------------------------------------
  | Health: a bearer token that shows /health/ready's details
  |----------------------------------------------------------
  */
  HEALTH_TOKEN: Env.schema.secret.optional(),

  /*
  |----------------------------------------------------------
  | Plugin welfare: the example disability-decisions connector
  |----------------------------------------------------------
  */
  /** The feed file it reads (default: the example shipped with the plugin). */
  WELFARE_DISABILITY_FEED: Env.schema.string.optional(),
  /** The data source code its decisions are delivered as (default disability-decisions). */
  WELFARE_DISABILITY_SOURCE: Env.schema.string.optional(),
})
