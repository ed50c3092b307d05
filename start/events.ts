/*
 * Who listens to which domain event (app/platform/events/domain_events.ts). The only place
 * where an upstream context's events meet a downstream context's listeners.
 */
import emitter from '@adonisjs/core/services/emitter'

const FollowRegisterChanges = () => import('#entitlements/listeners/follow_register_changes')
const RefreshDecisionIndex = () => import('#decisions/listeners/refresh_decision_index')

emitter.on('registers:facts_changed', [FollowRegisterChanges])
emitter.on('entitlements:changed', [RefreshDecisionIndex])
