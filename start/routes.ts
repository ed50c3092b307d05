/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| One file per area under start/routes/. Plugin routes are mounted by the
| plugin loader under each plugin's prefix.
|
| Path parameters take a matcher from routeParams, so that a value the
| database cannot hold answers 404 (tests/functional/platform/
| route_param_sweep.spec.ts fails on a parameter without one). The defaults
| below cover `:id`, `:code` and `:token` of routes (plugins' too) that name
| none; a bigIncrements key needs `.where('id', routeParams.int8Id)`.
|
*/
import router from '@adonisjs/core/services/router'
import { routeParams } from '#platform/http/route_params'
import './routes/health.js'
import './routes/web.js'
import './routes/auth.js'
import './routes/operator.js'
import './routes/staff.js'
import './routes/api.js'
import './routes/catalogue.js'
import './routes/entitlements.js'
import './routes/registers.js'
import './routes/identification.js'
import './routes/decisions.js'
import './routes/transactions.js'
import './routes/offline_lists.js'

router.where('id', routeParams.int4Id)
router.where('code', routeParams.code)
router.where('token', routeParams.token)
