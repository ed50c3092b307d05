import type { Router } from '@adonisjs/core/http'

const HealthController = () => import('./app/controllers/health_controller.js')

/** Mounted by core at /health, names prefixed "health.", behind auth, tenant and plugin-enabled checks. */
export default function healthRoutes(router: Router) {
  router.get('/', [HealthController, 'index']).as('index')
}
