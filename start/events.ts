/*
 * Who listens to which domain event (app/platform/events/domain_events.ts). The only place
 * where an upstream context's events meet a downstream context's listeners.
 */
import emitter from '@adonisjs/core/services/emitter'

const FollowRegisterChanges = () => import('#entitlements/listeners/follow_register_changes')
const RefreshDecisionIndex = () => import('#decisions/listeners/refresh_decision_index')
const RefreshOfflineLists = () => import('#decisions/offline_lists/refresh_after_changes')

emitter.on('registers:facts_changed', [FollowRegisterChanges])
emitter.on('registers:facts_changed', [RefreshOfflineLists])
emitter.on('entitlements:changed', [RefreshDecisionIndex])
emitter.on('entitlements:changed', [RefreshOfflineLists])
