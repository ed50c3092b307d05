/// <reference lib="dom" />
import { decoratorsCollection } from '@japa/browser-client'
import type { Page } from 'playwright'

/**
 * Every page the browser suite opens records what Chromium refuses under the Content Security
 * Policy (it reports each refusal on the console and as a `securitypolicyviolation` event);
 * waitForHydration and assertAccessible fail on any.
 */
const refusals = new WeakMap<Page, string[]>()

decoratorsCollection.register({
  page(page) {
    const seen: string[] = []
    refusals.set(page, seen)
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) seen.push(message.text())
    })
    page.on('pageerror', (error) => {
      if (/Content Security Policy/i.test(error.message)) seen.push(error.message)
    })
  },
  context(context) {
    void context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(
          `Content Security Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`
        )
      })
    })
  },
})

export function cspViolations(page: Page) {
  return [...new Set(refusals.get(page) ?? [])]
}

export function assertNoCspViolations(page: Page) {
  const seen = cspViolations(page)
  if (seen.length > 0) {
    throw new Error(`Content Security Policy violations on ${page.url()}:\n${seen.join('\n')}`)
  }
}
