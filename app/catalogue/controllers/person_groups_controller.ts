import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { manageBenefits, viewCatalogue } from '#catalogue/abilities'
import { actorFrom } from '#catalogue/actor'
import { reportingCatalogueErrors } from '#catalogue/errors'
import { catalogueValidation } from '#catalogue/validators/messages_provider'
import { createGroupValidator, uploadMembersValidator } from '#catalogue/validators/group'
import CreatePersonGroup from '#catalogue/actions/create_person_group'
import UploadGroupMembers from '#catalogue/actions/upload_group_members'
import { getPersonGroup, listPersonGroups } from '#catalogue/queries/list_person_groups'
import PersonGroupTransformer from '#catalogue/transformers/person_group_transformer'

export default class PersonGroupsController {
  async index(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewCatalogue, context)
    return ctx.inertia.render('catalogue/groups_index', {
      groups: PersonGroupTransformer.transform(await listPersonGroups(context.tenantId)),
      canManage: await ctx.bouncer.allows(manageBenefits, context),
    })
  }

  async store(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageBenefits, context)
    const data = await ctx.request.validateUsing(
      createGroupValidator,
      catalogueValidation(ctx, { tenantId: context.tenantId })
    )
    const group = await reportingCatalogueErrors(ctx, () =>
      new CreatePersonGroup().handle({ tenantId: context.tenantId, ...data, actor: actorFrom(ctx) })
    )
    ctx.session.flash('success', 'catalogue.flash.group_created')
    return ctx.response.redirect().toPath(`/staff/catalogue/groups/${group.id}`)
  }

  async show(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewCatalogue, context)
    const group = await getPersonGroup(context.tenantId, Number(ctx.params.id))
    return ctx.inertia.render('catalogue/group_show', {
      group: PersonGroupTransformer.transform(group),
      canManage: await ctx.bouncer.allows(manageBenefits, context),
      report: (ctx.session.flashMessages.get('uploadReport') ?? null) as {
        accepted: number
        unchanged: number
        rejected: { line: number; column: string; reason: string }[]
      } | null,
    })
  }

  async upload(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageBenefits, context)
    const group = await getPersonGroup(context.tenantId, Number(ctx.params.id))
    const { file, csv } = await ctx.request.validateUsing(
      uploadMembersValidator,
      catalogueValidation(ctx)
    )
    const text = file?.tmpPath ? await readFile(file.tmpPath, 'utf8') : (csv ?? '')
    const report = await reportingCatalogueErrors(ctx, () =>
      new UploadGroupMembers().handle({
        tenantId: context.tenantId,
        groupId: group.id,
        csv: text,
        actor: actorFrom(ctx),
      })
    )
    if (ctx.request.accepts(['html', 'json']) === 'json') {
      return ctx.response.status(report.rejected.length ? 422 : 200).json(report)
    }
    ctx.session.flash('uploadReport', report)
    ctx.session.flash(
      report.rejected.length ? 'error' : 'success',
      report.rejected.length ? 'catalogue.flash.upload_rejected' : 'catalogue.flash.upload_done'
    )
    return ctx.response.redirect().toPath(`/staff/catalogue/groups/${group.id}`)
  }
}
