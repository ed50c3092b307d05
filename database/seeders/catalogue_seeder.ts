import { ruleEnvironment } from '#catalogue/rules/rule_environment'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Tenant from '#tenancy/models/tenant'
import Benefit from '#catalogue/models/benefit'
import BenefitVersion from '#catalogue/models/benefit_version'
import PersonGroup from '#catalogue/models/person_group'
import Service from '#catalogue/models/service'
import Contract from '#catalogue/models/contract'
import RuleScenario from '#catalogue/models/rule_scenario'
import { ruleChecker } from '#catalogue/rules/rule_checker'
import { scenarioInputs } from '#catalogue/support/version_content'
import CreateBenefit from '#catalogue/actions/create_benefit'
import CreateBenefitVersion from '#catalogue/actions/create_benefit_version'
import UpdateBenefitDraft from '#catalogue/actions/update_benefit_draft'
import SubmitBenefitVersion from '#catalogue/actions/submit_benefit_version'
import PublishBenefitVersion from '#catalogue/actions/publish_benefit_version'
import CreatePersonGroup from '#catalogue/actions/create_person_group'
import CreateService from '#catalogue/actions/create_service'
import ProposeContract from '#catalogue/actions/propose_contract'
import RespondToContract from '#catalogue/actions/respond_to_contract'
import type { Actor } from '#catalogue/actor'
import { DEMO_TENANTS } from '#database/data/tenants'
import { SEED_BENEFITS, SEED_CONTRACTS, SEED_GROUPS, SEED_SERVICES } from '#database/data/benefits'

/** The seeder writes as two distinct system actors, so four eyes holds here too. */
const AUTHOR: Actor = { userId: null, label: 'seed:catalogue' }
const REVIEWER: Actor = { userId: null, label: 'seed:catalogue-review' }

/**
 * The demo catalogue (database/data/benefits.ts), created through the same
 * actions as the staff form, after the reference tenants. Idempotent: what
 * exists is left alone. A version is published only if its scenarios pass;
 * otherwise it stays in review (and later versions of that benefit wait).
 */
export default class CatalogueSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    const tenants = new Map<string, Tenant>()
    for (const data of DEMO_TENANTS) {
      const tenant = await Tenant.findBy('registrationNumber', data.registrationNumber)
      if (tenant) tenants.set(data.key, tenant)
    }
    const tenant = (key: string) => {
      const found = tenants.get(key)
      if (!found)
        throw new Error(
          `Catalogue seeder: tenant "${key}" is missing; run the tenant seeders first`
        )
      return found
    }

    for (const group of SEED_GROUPS) {
      const owner = tenant(group.tenant)
      if (await PersonGroup.query().where('tenant_id', owner.id).where('key', group.key).first())
        continue
      await new CreatePersonGroup().handle({
        tenantId: owner.id,
        ...group,
        kind: 'list',
        actor: AUTHOR,
      })
    }

    for (const service of SEED_SERVICES) {
      const provider = tenant(service.tenant)
      if (await Service.query().where('tenant_id', provider.id).where('code', service.code).first())
        continue
      await new CreateService().handle({
        tenantId: provider.id,
        code: service.code,
        nameLv: service.nameLv,
        nameEn: service.nameEn,
        sector: service.sector,
        basePriceCents: service.basePriceCents,
        actor: AUTHOR,
      })
    }

    for (const seed of SEED_BENEFITS) await this.#seedBenefit(tenant(seed.tenant), seed)

    for (const seed of SEED_CONTRACTS) {
      const grantor = tenant(seed.grantor)
      const provider = tenant(seed.provider)
      if (
        await Contract.query()
          .where('tenant_id', grantor.id)
          .where('reference', seed.reference)
          .first()
      )
        continue
      const benefits = await Benefit.query()
        .where('tenant_id', grantor.id)
        .whereIn('code', seed.benefits)
      const services = await Service.query()
        .where('tenant_id', provider.id)
        .whereIn('code', seed.services)
      const contract = await new ProposeContract().handle({
        tenantId: grantor.id,
        reference: seed.reference,
        providerTenantId: provider.id,
        benefitIds: benefits.map((b) => b.id),
        serviceIds: services.map((s) => s.id),
        validFrom: seed.validFrom,
        validTo: null,
        compensationMethod: seed.compensationMethod,
        flatCents: seed.flatCents ?? null,
        sharePercent: seed.sharePercent ?? null,
        monthlyCapCents: seed.monthlyCapCents ?? null,
        actor: AUTHOR,
      })
      await new RespondToContract().handle({
        providerTenantId: provider.id,
        contractId: contract.id,
        answer: 'accepted',
        actor: REVIEWER,
      })
    }
  }

  async #seedBenefit(owner: Tenant, seed: (typeof SEED_BENEFITS)[number]) {
    for (const [index, data] of seed.versions.entries()) {
      const number = index + 1
      const benefit = await Benefit.query()
        .where('tenant_id', owner.id)
        .where('code', seed.code)
        .first()
      const existing = benefit
        ? await BenefitVersion.query()
            .where('benefit_id', benefit.id)
            .where('version', number)
            .first()
        : null
      if (existing) {
        // Left in review by an earlier run (scenarios failed then): publish once they pass.
        if (existing.status === 'in_review' && (await this.#scenariosPass(existing))) {
          await new PublishBenefitVersion().handle({
            tenantId: owner.id,
            versionId: existing.id,
            actor: REVIEWER,
          })
          continue
        }
        if (existing.status === 'published') continue
        return
      }
      let version: BenefitVersion
      if (!benefit) {
        const created = await new CreateBenefit().handle({
          tenant: owner,
          code: seed.code,
          data,
          actor: AUTHOR,
        })
        version = created.version
      } else {
        const created = await new CreateBenefitVersion().handle({
          tenantId: owner.id,
          benefitId: benefit.id,
          effectiveFrom: data.effectiveFrom,
          actor: AUTHOR,
        })
        const updated = await new UpdateBenefitDraft().handle({
          tenant: owner,
          versionId: created.version.id,
          data,
          actor: AUTHOR,
        })
        version = updated.version
      }
      await new SubmitBenefitVersion().handle({
        tenantId: owner.id,
        versionId: version.id,
        actor: AUTHOR,
      })
      if (!version.scenariosPassed) return
      await new PublishBenefitVersion().handle({
        tenantId: owner.id,
        versionId: version.id,
        actor: REVIEWER,
      })
    }
  }

  async #scenariosPass(version: BenefitVersion) {
    const scenarios = await RuleScenario.query().where('version_id', version.id).orderBy('position')
    if (scenarios.length === 0) return false
    const env = await ruleEnvironment(version.tenantId)
    const run = await ruleChecker.run(version.rule, scenarioInputs(scenarios), env)
    return run.passed
  }
}
