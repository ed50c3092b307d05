import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import i18nManager from '@adonisjs/i18n/services/main'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import UserTransformer from '#tenancy/transformers/user_transformer'
import { sharedTenancy } from '#tenancy/queries/get_shared_tenancy'
import { sharedPluginNavigation } from '#platform/plugins/queries/shared_plugin_navigation'

export default class InertiaMiddleware extends BaseInertiaMiddleware {
  async share(ctx: HttpContext) {
    // A page may render before session or auth ran (a 404, say): assume nothing.
    const { session, auth, i18n } = ctx as Partial<HttpContext>
    const locale = i18n?.locale ?? i18nManager.defaultLocale
    const user = auth?.user

    return {
      errors: ctx.inertia.always(this.getValidationErrors(ctx)),
      flash: ctx.inertia.always({
        error: session?.flashMessages.get('error') as string | undefined,
        success: session?.flashMessages.get('success') as string | undefined,
      }),
      i18n: ctx.inertia.always({
        locale,
        locales: i18nManager.supportedLocales(),
        messages: i18nManager.getTranslationsFor(locale),
      }),
      user: ctx.inertia.always(user ? UserTransformer.transform(user) : undefined),
      tenancy: ctx.inertia.always(user ? await sharedTenancy(ctx, user) : undefined),
      navigation: ctx.inertia.always(
        ctx.tenantContext ? await sharedPluginNavigation(ctx.tenantContext) : []
      ),
      csrfToken: ctx.inertia.always(ctx.request.csrfToken ?? ''),
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await this.init(ctx)
    const output = await next()
    this.dispose(ctx)
    return output
  }
}

declare module '@adonisjs/inertia/types' {
  type MiddlewareSharedProps = InferSharedProps<InertiaMiddleware>
  export interface SharedProps extends MiddlewareSharedProps {}
}
