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
      let failedInGroup = 0
      emitter.on('group:start', () => {
        failedInGroup = 0
      })
      emitter.on('test:end', (payload) => {
        if (payload.isSkipped || payload.isTodo) skipped++
        else if (payload.hasError) {
          failed++
          failedInGroup++
        } else passed++
      })
      emitter.on('group:end', (payload) => {
        // A failing group hook fails the group without any failing test.
        if (payload.hasError && failedInGroup === 0) failed++
      })
      process.once('beforeExit', () => {
        process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
      })
    },
  }
}
