import router from '@adonisjs/core/services/router'

const HealthChecksController = () => import('#platform/controllers/health_checks_controller')

router.get('/health/live', [HealthChecksController, 'live']).as('health.live')
router.get('/health/ready', [HealthChecksController, 'ready']).as('health.ready')
