import type { HttpContext } from '@adonisjs/core/http'
import { listRuns } from '#entitlements/queries/list_runs'
import StartFullRun from '#entitlements/actions/start_full_run'
import RunTransformer from '#entitlements/transformers/run_transformer'

/** Operator portal: start a full entitlement run, follow its progress and see the history. */
export default class OperatorRunsController {
  async index(ctx: HttpContext) {
    return ctx.inertia.render('entitlements/runs', {
      runs: RunTransformer.transform(await listRuns()),
    })
  }

  /** JSON for the page's progress polling. */
  async progress(ctx: HttpContext) {
    return ctx.response.json({ runs: await listRuns() })
  }

  async store(ctx: HttpContext) {
    await new StartFullRun().handle({ kind: 'full', ctx })
    ctx.session.flash('success', 'entitlements.flash.run_started')
    return ctx.response.redirect().toPath('/operator/entitlement-runs')
  }
}
