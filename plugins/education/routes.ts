import type { Router } from '@adonisjs/core/http'

const EducationController = () => import('./app/controllers/education_controller.js')

/** Mounted by core at /education, names prefixed "education.", behind auth, tenant and plugin-enabled checks. */
export default function educationRoutes(router: Router) {
  router.get('/', [EducationController, 'index']).as('index')
}
