import type { Router } from '@adonisjs/core/http'

const LoyaltyController = () => import('./app/controllers/loyalty_controller.js')

/** Mounted by core at /loyalty, names prefixed "loyalty.", behind auth, tenant and plugin-enabled checks. */
export default function loyaltyRoutes(router: Router) {
  router.get('/', [LoyaltyController, 'index']).as('index')
}
