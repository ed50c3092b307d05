import router from '@adonisjs/core/services/router'
import { webStack } from '#start/kernel'

const HealthChecksController = () => import('#platform/controllers/health_checks_controller')

router.get('/health/live', [HealthChecksController, 'live']).as('health.live')
// The session tells whether an operator asks (they see the details); a probe needs no cookie.
router.get('/health/ready', [HealthChecksController, 'ready']).use(webStack()).as('health.ready')
