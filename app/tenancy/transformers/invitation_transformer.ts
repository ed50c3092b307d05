import { DateTime } from 'luxon'
import { BaseTransformer } from '@adonisjs/core/transformers'
import type Invitation from '#tenancy/models/invitation'

export default class InvitationTransformer extends BaseTransformer<Invitation> {
  toObject() {
    const { acceptedAt, expiresAt } = this.resource
    const status = acceptedAt ? 'accepted' : expiresAt <= DateTime.now() ? 'expired' : 'pending'
    return {
      ...this.pick(this.resource, ['id', 'email', 'fullName', 'role']),
      status: status as 'accepted' | 'expired' | 'pending',
      expiresAt: expiresAt.toISO()!,
    }
  }
}
