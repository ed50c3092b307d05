import { APPLYING_STATUSES } from '#identification/lifecycle'
import type { IdentifierStatus } from '#platform/identifiers/identifier_types'
import { otherMeansOfHolder } from '#identification/queries/issued_means'
import {
  changeMeansStatus,
  type StatusChangeActor,
} from '#identification/actions/change_means_status'

/**
 * The issuer replaces a means by another of the same holder that it issued and that applies
 * (a new card for a lost one): the old one stops applying and links to its replacement.
 */
export default class ReplaceMeans {
  handle(
    input: StatusChangeActor & { identifierId: number; replacementId: number; reason: string }
  ) {
    return changeMeansStatus(input, input.identifierId, async (means, trx) => {
      if (means.status === 'replaced') return { refusal: 'already_replaced' }
      const candidates = await otherMeansOfHolder(input.tenantId, means)
      const replacement = candidates.find((other) => other.id === input.replacementId)
      if (!replacement || !APPLYING_STATUSES.includes(replacement.status as IdentifierStatus)) {
        return { refusal: 'replacement_invalid' }
      }
      const hold = {
        status: 'replaced',
        reason: input.reason,
        replaced_by_id: replacement.id,
        user_id: input.userId,
        created_at: new Date(),
      }
      // A blocked means may be replaced: its hold changes.
      const updated = await trx
        .from('identifier_holds')
        .where('identifier_id', means.id)
        .update(hold, ['identifier_id'])
      if (updated.length === 0) {
        await trx.table('identifier_holds').insert({ identifier_id: means.id, ...hold })
      }
      return {
        toStatus: 'replaced',
        reason: input.reason,
        replacedById: replacement.id,
        action: 'replaced',
      }
    })
  }
}
