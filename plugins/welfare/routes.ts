import type { Router } from '@adonisjs/core/http'

const WelfareController = () => import('./app/controllers/welfare_controller.js')

/** Mounted by core at /welfare, names prefixed "welfare.", behind auth, tenant and plugin-enabled checks. */
export default function welfareRoutes(router: Router) {
  router.get('/', [WelfareController, 'index']).as('index')
}
