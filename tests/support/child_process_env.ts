import { databaseConnectionUrl, ownerConnectionUrl } from '#config/database'

/**
 * The environment of an app process a test starts (an import, a server): the same database and
 * roles as the test — the owner's URL and the app role's, with its password on the embedded
 * default.
 */
export async function childProcessEnv(extra: Record<string, string> = {}) {
  return {
    ...process.env,
    DATABASE_URL: await ownerConnectionUrl(),
    DATABASE_APP_URL: await databaseConnectionUrl(),
    NODE_ENV: 'test',
    ...extra,
  }
}
