import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#platform/audit/record_audit'
import PersonGroup from '#catalogue/models/person_group'
import { CatalogueValidationError } from '#catalogue/errors'
import { ruleChecker } from '#catalogue/rules/rule_checker'
import { ruleEnvironment } from '#catalogue/rules/rule_environment'
import type { GroupKind } from '#catalogue/catalogue_options'
import type { Actor } from '#catalogue/actor'

/** A person group of the tenant: rule-based (CEL, checked like a benefit rule) or a list. */
export default class CreatePersonGroup {
  async handle(input: {
    tenantId: number
    key: string
    nameLv: string
    nameEn: string
    kind: GroupKind
    rule?: string | null
    actor: Actor
  }) {
    const rule = input.kind === 'rule' ? (input.rule ?? '') : null
    if (rule !== null) {
      const check = await ruleChecker.check(rule, await ruleEnvironment(input.tenantId))
      if (!check.ok) {
        throw new CatalogueValidationError(
          check.errors.map((e) => ({
            field: 'rule',
            message: e.message,
            line: e.line,
            column: e.column,
          }))
        )
      }
    }
    return db.transaction(async (trx) => {
      const group = await PersonGroup.create(
        {
          tenantId: input.tenantId,
          key: input.key,
          nameLv: input.nameLv,
          nameEn: input.nameEn,
          kind: input.kind,
          rule,
        },
        { client: trx }
      )
      await recordAudit({
        action: 'catalogue.group.created',
        tenantId: input.tenantId,
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        subjectType: 'person_group',
        subjectId: group.id,
        metadata: { key: group.key, kind: group.kind },
        ctx: input.actor.ctx,
        trx,
      })
      return group
    })
  }
}
