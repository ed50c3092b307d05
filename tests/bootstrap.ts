import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { spec } from '@japa/runner/reporters'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { browserClient } from '@japa/browser-client'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { inertiaApiClient } from '@adonisjs/inertia/plugins/api_client'
import { chromium } from 'playwright'
import { summaryLineReporter } from '#tests/support/summary_line_reporter'
import { chromiumArgs, chromiumPath } from '#tests/support/browser'
// Registers the page decorator that records CSP refusals in the browser suite.
import '#tests/support/csp_violations'
import { setFallbackDbScope } from '#platform/database/tenant_scope'

// Test bodies build fixtures for several tenants, as an operator would; the code under test
// still runs in its own scope (each request starts in none, jobs in their tenant's).
setFallbackDbScope({ kind: 'all', reason: 'test fixtures' })

const browserPath = chromiumPath()
const browserRequested =
  process.argv.includes('browser') || !process.argv.some((a) => /^(unit|functional)$/.test(a))

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  inertiaApiClient(app),
  ...(browserPath
    ? [
        browserClient({
          runInSuites: ['browser'],
          launcher: (options) =>
            chromium.launch({ ...options, executablePath: browserPath, args: chromiumArgs }),
        }),
        sessionBrowserClient(app),
        authBrowserClient(app),
      ]
    : []),
]

export const reporters: Config['reporters'] = {
  activated: ['spec', 'summary-line'],
  list: [spec(), summaryLineReporter()],
}

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    () => {
      if (!browserPath && browserRequested) {
        const how =
          'Install Debian chromium (apt-get install chromium) or set CHROMIUM_PATH to enable it.'
        if (process.env.CI === 'true') {
          throw new Error(`The browser suite needs Chromium and none was found. ${how}`)
        }
        console.warn(`\nBrowser suite skipped: no Chromium found. ${how}\n`)
      }
    },
    () => testUtils.db('owner').migrate(),
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (suite.name === 'browser' && !browserPath) {
    suite.onGroup((group) => group.tap((test) => test.skip(true, 'No Chromium found')))
    return
  }
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
