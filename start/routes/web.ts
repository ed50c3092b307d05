import router from '@adonisjs/core/services/router'
import { webStack } from '#start/kernel'

const LanguageController = () => import('#platform/controllers/language_controller')

router
  .group(() => {
    router.on('/').renderInertia('public/home', {}).as('public.home')
    router.post('/language', [LanguageController, 'update']).as('language.update')
  })
  .use(webStack())
