import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import type { ResolvedSessionConfig } from '@adonisjs/session/types'

/**
 * Puts the web routes on the production session store (`database`) for a test
 * group. The rest of the suite runs on `memory` because the test client's
 * `loginAs`/`withSession` can only write there. Returns the undo.
 */
export async function useDatabaseSessions() {
  const config = await configProvider.resolve<ResolvedSessionConfig>(app, app.config.get('session'))
  const emitter = await app.container.make('emitter')
  app.container.swap(
    SessionMiddleware,
    () => new SessionMiddleware({ ...config!, store: 'database' }, emitter)
  )
  return () => app.container.restore(SessionMiddleware)
}
