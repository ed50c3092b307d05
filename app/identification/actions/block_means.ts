import {
  changeMeansStatus,
  type StatusChangeActor,
} from '#identification/actions/change_means_status'

/** The issuer blocks a means (lost, stolen…): it stops applying at once, whatever its files say. */
export default class BlockMeans {
  handle(input: StatusChangeActor & { identifierId: number; reason: string }) {
    return changeMeansStatus(input, input.identifierId, async (means, trx) => {
      if (means.status === 'blocked') return { refusal: 'already_blocked' }
      if (means.status === 'replaced') return { refusal: 'already_replaced' }
      await trx.table('identifier_holds').insert({
        identifier_id: means.id,
        status: 'blocked',
        reason: input.reason,
        user_id: input.userId,
        created_at: new Date(),
      })
      return { toStatus: 'blocked', reason: input.reason, action: 'blocked' }
    })
  }
}
