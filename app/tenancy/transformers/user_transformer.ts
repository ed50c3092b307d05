import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#tenancy/models/user'

export default class UserTransformer extends BaseTransformer<User> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'email', 'fullName', 'isPlatformOperator', 'locale']),
      hasTwoFactor: this.resource.hasTwoFactor,
    }
  }
}
