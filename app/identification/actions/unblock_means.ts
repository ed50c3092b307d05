import { todayInRiga } from '#platform/calendar/today_in_riga'
import { effectiveStatus } from '#identification/lifecycle'
import {
  changeMeansStatus,
  type StatusChangeActor,
} from '#identification/actions/change_means_status'

/**
 * The issuer lifts its own block: the means is again what its files say (so a means the files
 * deliver as blocked stays blocked). A block delivered by a file is lifted by a file.
 */
export default class UnblockMeans {
  handle(input: StatusChangeActor & { identifierId: number; reason: string }) {
    return changeMeansStatus(input, input.identifierId, async (means, trx) => {
      const held = await trx
        .from('identifier_holds')
        .where('identifier_id', means.id)
        .where('status', 'blocked')
        .first()
      if (!held) return { refusal: 'not_blocked' }
      await trx.from('identifier_holds').where('identifier_id', means.id).delete()
      const toStatus = effectiveStatus(
        {
          deliveredStatus: means.deliveredStatus,
          retracted: false,
          hold: null,
          validFrom: means.validFrom,
          validTo: means.validTo,
        },
        todayInRiga()
      )
      return { toStatus, reason: input.reason, action: 'unblocked' }
    })
  }
}
