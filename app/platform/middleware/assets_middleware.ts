import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'
import ViteMiddleware from '@adonisjs/vite/vite_middleware'

/** Paths that never serve a file: machine calls pay no file lookup and no Vite pass. */
function isMachinePath(url: string) {
  return url.startsWith('/api/') || url.startsWith('/health/')
}

/**
 * Public files, then (in development) the Vite dev server, for browser paths only. On a grantor
 * read the two cost a `stat` on disk and a Vite resolve each, a fifth of the request's time.
 */
@inject()
export default class AssetsMiddleware {
  constructor(
    private publicFiles: StaticMiddleware,
    private vite: ViteMiddleware
  ) {}

  handle(ctx: HttpContext, next: NextFn) {
    if (isMachinePath(ctx.request.url())) return next()
    return this.publicFiles.handle(ctx, () => this.vite.handle(ctx, next))
  }
}
