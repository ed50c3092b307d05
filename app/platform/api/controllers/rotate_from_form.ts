import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import RotateApiClientSecret, {
  ApiClientRevokedError,
} from '#platform/api/actions/rotate_api_client_secret'
import type { ApiClientOwner } from '#platform/api/owner'

/** Rotates a secret from a portal form: a revoked client comes back as a form error. */
export async function rotateFromForm(ctx: HttpContext, owner: ApiClientOwner, id: number) {
  try {
    return await new RotateApiClientSecret().handle({ owner, id, ctx })
  } catch (error) {
    if (error instanceof ApiClientRevokedError) {
      throw new errors.E_VALIDATION_ERROR([
        { field: 'client', rule: 'revoked', message: ctx.i18n.t('api.clients.errors.revoked') },
      ])
    }
    throw error
  }
}
