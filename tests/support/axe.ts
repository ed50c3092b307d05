import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright'
import { assertNoCspViolations } from '#tests/support/csp_violations'

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page and fails with the
 * list of violations, so a regression names the rule and the element
 * (and first fails on any Content Security Policy violation).
 */
export async function assertAccessible(page: Page) {
  assertNoCspViolations(page)
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  if (results.violations.length > 0) {
    const lines = results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
    )
    throw new Error(`Accessibility violations on ${page.url()}:\n${lines.join('\n')}`)
  }
}

/**
 * Waits until Vue has hydrated the server-rendered page, so clicks reach handlers; a page whose
 * scripts or styles the CSP refused fails here.
 */
export async function waitForHydration(page: Page) {
  await page.waitForSelector('html[data-hydrated="true"]')
  assertNoCspViolations(page)
}
