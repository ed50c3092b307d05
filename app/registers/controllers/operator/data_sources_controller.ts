import type { HttpContext } from '@adonisjs/core/http'
import CreateDataSource from '#registers/actions/create_data_source'
import { getDataSource, listDataSources } from '#registers/queries/data_sources'
import { listRegisterImports } from '#registers/queries/register_imports'
import { registrableAttributeOptions } from '#registers/queries/registrable_attribute_options'
import { dataSourceValidator } from '#registers/validators/data_source'
import DataSourceTransformer from '#registers/transformers/data_source_transformer'
import RegisterImportTransformer from '#registers/transformers/register_import_transformer'
import { listApiClients } from '#platform/api/queries/list_api_clients'
import ApiClientTransformer from '#platform/api/transformers/api_client_transformer'
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from '#platform/api/actions/create_api_client'

/** Data sources (registers that deliver persons and facts), for platform operators. */
export default class DataSourcesController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const sources = await listDataSources()
    return ctx.inertia.render('operator/registers/sources_index', {
      sources: DataSourceTransformer.transform(sources),
    })
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    return ctx.inertia.render('operator/registers/source_create', {
      attributes: registrableAttributeOptions(ctx.i18n.locale),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const data = await ctx.request.validateUsing(dataSourceValidator)
    const source = await new CreateDataSource().handle({
      code: data.code,
      name: data.name,
      description: data.description ?? null,
      allowedAttributes: data.allowedAttributes ?? [],
      deliversPersons: data.deliversPersons ?? false,
      deliversIdentifiers: data.deliversIdentifiers ?? false,
      ctx,
    })
    ctx.session.flash('success', 'registers.flash.source_created')
    return ctx.response.redirect().toRoute('operator.registers.sources.show', { id: source.id })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const source = await getDataSource(ctx.params.id)
    const imports = await listRegisterImports({ dataSourceId: source.id, limit: 20 })
    const clients = await listApiClients({ type: 'data_source', id: source.id })
    return ctx.inertia.render('operator/registers/source_show', {
      source: DataSourceTransformer.transform(source),
      imports: RegisterImportTransformer.transform(imports),
      apiClients: ApiClientTransformer.transform(clients),
      defaultRateLimit: DEFAULT_RATE_LIMIT_PER_MINUTE,
    })
  }
}
