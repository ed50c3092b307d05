import { stat } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import StartImport from '#registers/actions/start_import'
import { recordAudit } from '#platform/audit/record_audit'
import { getDataSource } from '#registers/queries/data_sources'
import { getRegisterImport, listRegisterImports } from '#registers/queries/register_imports'
import { importUploadValidator } from '#registers/validators/data_source'
import RegisterImportTransformer, {
  registerImportView,
} from '#registers/transformers/register_import_transformer'

/** Upload of register file sets, their progress, history and error reports (operators only). */
export default class RegisterImportsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const imports = await listRegisterImports({ limit: 100 })
    return ctx.inertia.render('operator/registers/imports_index', {
      imports: RegisterImportTransformer.transform(imports),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const source = await getDataSource(ctx.params.id)
    const data = await ctx.request.validateUsing(importUploadValidator)
    const files = {
      ...(data.persons ? { persons: data.persons } : {}),
      ...(data.facts ? { facts: data.facts } : {}),
      ...(data.identifiers ? { identifiers: data.identifiers } : {}),
    }
    if (Object.keys(files).length === 0) {
      throw new vineErrors.E_VALIDATION_ERROR([
        {
          field: 'persons',
          rule: 'required',
          message: ctx.i18n.t('registers.upload.errors.no_files'),
        },
      ])
    }
    const importId = await new StartImport().handle({
      source,
      mode: data.mode,
      files,
      userId: ctx.auth.user?.id ?? null,
      ctx,
    })
    ctx.session.flash('success', 'registers.flash.import_started')
    return ctx.response.redirect().toRoute('operator.registers.imports.show', { id: importId })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const record = await getRegisterImport(ctx.params.id)
    return ctx.inertia.render('operator/registers/import_show', {
      import: RegisterImportTransformer.transform(record),
    })
  }

  /** Polled by the import page while the import runs. */
  async progress(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const record = await getRegisterImport(ctx.params.id)
    return ctx.response.json(registerImportView(record))
  }

  async errorReport(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const record = await getRegisterImport(ctx.params.id)
    const path = record.errorReportPath
    if (!path || !(await stat(path).catch(() => null))) return ctx.response.notFound()
    await recordAudit({
      action: 'registers.import.error_report_downloaded',
      subjectType: 'register_import',
      subjectId: record.id,
      metadata: { source: record.dataSourceCode, rejected: record.rejected },
      ctx,
    })
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    return ctx.response.attachment(path, `import-${record.id}-errors.csv`)
  }
}
