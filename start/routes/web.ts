import router from '@adonisjs/core/services/router'
import { webStack } from '#start/kernel'

router
  .group(() => {
    router.on('/').renderInertia('public/home', {}).as('public.home')
  })
  .use(webStack())
