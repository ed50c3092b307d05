import { BaseTransformer } from '@adonisjs/core/transformers'
import type Membership from '#tenancy/models/membership'

/** A membership with its user preloaded: who belongs to the tenant, in which role. */
export default class MemberTransformer extends BaseTransformer<Membership> {
  toObject() {
    return {
      id: this.resource.id,
      userId: this.resource.userId,
      fullName: this.resource.user.fullName,
      email: this.resource.user.email,
      role: this.resource.role,
      since: this.resource.createdAt.toISODate()!,
    }
  }
}
