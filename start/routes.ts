/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| One file per area under start/routes/. Plugin routes are mounted by the
| plugin loader under each plugin's prefix.
|
*/
import './routes/health.js'
import './routes/web.js'
import './routes/auth.js'
import './routes/operator.js'
import './routes/staff.js'
import './routes/api.js'
import './routes/catalogue.js'
import './routes/entitlements.js'
import './routes/registers.js'
