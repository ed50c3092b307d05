import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#platform/audit/record_audit'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'
import { manageIssuedMeans, viewIssuedMeans } from '#identification/abilities'
import { BLOCK_REASONS, REPLACE_REASONS, UNBLOCK_REASONS } from '#identification/lifecycle'
import {
  blockMeansValidator,
  meansSearchValidator,
  replaceMeansValidator,
  unblockMeansValidator,
} from '#identification/validators/means'
import {
  findIssuedMeans,
  findIssuedMeansId,
  issuerCodesOf,
  meansHistory,
  otherMeansOfHolder,
} from '#identification/queries/issued_means'
import type { StatusChangeResult } from '#identification/actions/change_means_status'
import BlockMeans from '#identification/actions/block_means'
import UnblockMeans from '#identification/actions/unblock_means'
import ReplaceMeans from '#identification/actions/replace_means'
import IssuedMeansTransformer from '#identification/transformers/issued_means_transformer'
import MeansHistoryTransformer from '#identification/transformers/means_history_transformer'

const BASE = '/staff/identification'

/**
 * The issuer's card desk: find a means it issued by its number, see its lifecycle, block,
 * unblock or replace it with a reason. Another issuer's means is not found.
 */
export default class IssuedMeansController {
  async index(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewIssuedMeans, context)
    return ctx.inertia.render('identification/search', {
      issuerCodes: await issuerCodesOf(context.tenantId),
      types: [...IDENTIFIER_TYPES],
    })
  }

  async search(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewIssuedMeans, context)
    const { type, value } = await ctx.request.validateUsing(meansSearchValidator)
    const id = await findIssuedMeansId(context.tenantId, type, value)
    await recordAudit({
      action: 'identification.means.searched',
      ctx,
      subjectType: 'identifier',
      subjectId: id,
      metadata: { type, found: id !== null },
    })
    if (id === null) {
      ctx.session.flash('error', 'identification.flash.not_found')
      return ctx.response.redirect().toPath(BASE)
    }
    return ctx.response.redirect().toPath(`${BASE}/means/${id}`)
  }

  async show(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewIssuedMeans, context)
    const means = await findIssuedMeans(context.tenantId, Number(ctx.params.id))
    if (!means) return ctx.response.notFound(await ctx.inertia.render('errors/not_found', {}))
    const canManage = await ctx.bouncer.allows(manageIssuedMeans, context)
    const candidates = canManage ? await otherMeansOfHolder(context.tenantId, means) : []
    return ctx.inertia.render('identification/means', {
      means: IssuedMeansTransformer.transform(means),
      history: MeansHistoryTransformer.transform(await meansHistory(means.id)),
      replacements: IssuedMeansTransformer.transform(candidates),
      canManage,
      blockReasons: [...BLOCK_REASONS],
      unblockReasons: [...UNBLOCK_REASONS],
      replaceReasons: [...REPLACE_REASONS],
    })
  }

  async block(ctx: HttpContext) {
    await ctx.bouncer.authorize(manageIssuedMeans, ctx.tenantContext!)
    const { reason } = await ctx.request.validateUsing(blockMeansValidator)
    return this.#respond(ctx, await new BlockMeans().handle({ ...this.#actor(ctx), reason }))
  }

  async unblock(ctx: HttpContext) {
    await ctx.bouncer.authorize(manageIssuedMeans, ctx.tenantContext!)
    const { reason } = await ctx.request.validateUsing(unblockMeansValidator)
    return this.#respond(ctx, await new UnblockMeans().handle({ ...this.#actor(ctx), reason }))
  }

  async replace(ctx: HttpContext) {
    await ctx.bouncer.authorize(manageIssuedMeans, ctx.tenantContext!)
    const data = await ctx.request.validateUsing(replaceMeansValidator)
    return this.#respond(ctx, await new ReplaceMeans().handle({ ...this.#actor(ctx), ...data }))
  }

  #actor(ctx: HttpContext) {
    return {
      tenantId: ctx.tenantContext!.tenantId,
      userId: ctx.auth.user?.id ?? null,
      identifierId: Number(ctx.params.id),
      ctx,
    }
  }

  async #respond(ctx: HttpContext, result: StatusChangeResult) {
    if (!result) return ctx.response.notFound(await ctx.inertia.render('errors/not_found', {}))
    const page = `${BASE}/means/${ctx.params.id}`
    if (!result.ok) {
      ctx.session.flash('error', `identification.errors.${result.refusal}`)
      return ctx.response.redirect().toPath(page)
    }
    ctx.session.flash('success', 'identification.flash.changed')
    return ctx.response.redirect().toPath(page)
  }
}
