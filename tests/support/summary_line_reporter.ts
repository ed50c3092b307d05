import type { NamedReporterContract } from '@japa/runner/types'

/**
 * Ends the run with the plain line `N passed, N failed, N skipped`, printed
 * on beforeExit so it comes after the spec reporter's error dump.
 */
export function summaryLineReporter(): NamedReporterContract {
  return {
    name: 'summary-line',
    handler(_runner, emitter) {
      let passed = 0
      let failed = 0
      let skipped = 0
      emitter.on('test:end', (payload) => {
        if (payload.isSkipped || payload.isTodo) skipped++
        else if (payload.hasError) failed++
        else passed++
      })
      emitter.on('group:end', (payload) => {
        // A failing group hook fails its tests without a test:end each.
        if (payload.hasError) failed++
      })
      process.once('beforeExit', () => {
        process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
      })
    },
  }
}
