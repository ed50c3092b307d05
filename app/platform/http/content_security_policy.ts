import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { cspFactory } from '@adonisjs/shield/guards'

/**
 * The Content-Security-Policy of every HTML page (config/shield.ts). Scripts run only from this
 * origin or with the request's nonce (`@nonce`, which the root edge view gives to the @vite tags
 * and to the `csp-nonce` meta tag that Vite's client and Inertia read); never inline.
 * Style attributes, which Vue renders for `:style` bindings, need 'unsafe-inline' in
 * style-src-attr; <style> elements still need the nonce.
 * Outside production (npm run dev, tests) pages load from the Vite dev server, whose client talks
 * to its HMR WebSocket server on another port: ws: is allowed there, never in production.
 */
export function pageCspDirectives() {
  return {
    defaultSrc: [`'self'`],
    scriptSrc: [`'self'`, '@nonce'],
    styleSrc: [`'self'`, '@nonce'],
    styleSrcAttr: [`'unsafe-inline'`],
    imgSrc: [`'self'`, 'data:'],
    fontSrc: [`'self'`],
    connectSrc: [`'self'`, ...(app.inProduction ? [] : ['ws:', 'wss:'])],
    objectSrc: [`'none'`],
    baseUri: [`'self'`],
    frameAncestors: [`'none'`],
    formAction: [`'self'`],
  }
}

/**
 * What every other response (JSON, files, /api/docs before it sets its own) carries: nothing may
 * load, nothing may frame it.
 */
export const NON_PAGE_CSP = `default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`

let pageCsp: ((ctx: HttpContext) => Promise<void> | void) | undefined

/**
 * The page policy and a nonce for an HTML page rendered without the web stack (the 404 page of
 * an unknown URL, the debug page of an error outside it), as shield's middleware would set them.
 */
export async function applyPageCsp(ctx: HttpContext) {
  if (ctx.response.nonce) return
  pageCsp ??= cspFactory({ enabled: true, directives: pageCspDirectives(), reportOnly: false })
  await pageCsp(ctx)
}
