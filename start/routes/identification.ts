/*
|--------------------------------------------------------------------------
| Identification: the issuer's staff pages for the means it issued
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'
import { routeParams } from '#platform/http/route_params'

const IssuedMeansController = () => import('#identification/controllers/issued_means_controller')

// person_identifiers ids (bigIncrements).
const id = routeParams.int8Id

router
  .group(() => {
    router.get('/', [IssuedMeansController, 'index']).as('identification.means.index')
    router.post('/search', [IssuedMeansController, 'search']).as('identification.means.search')
    router
      .get('/means/:id', [IssuedMeansController, 'show'])
      .where('id', id)
      .as('identification.means.show')
    router
      .post('/means/:id/block', [IssuedMeansController, 'block'])
      .where('id', id)
      .as('identification.means.block')
    router
      .post('/means/:id/unblock', [IssuedMeansController, 'unblock'])
      .where('id', id)
      .as('identification.means.unblock')
    router
      .post('/means/:id/replace', [IssuedMeansController, 'replace'])
      .where('id', id)
      .as('identification.means.replace')
  })
  .prefix('/staff/identification')
  .use([...webStack(), middleware.auth(), middleware.tenant()])
