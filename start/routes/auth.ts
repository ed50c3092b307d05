import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'
import { routeParams } from '#platform/http/route_params'

const SessionController = () => import('#tenancy/controllers/auth/session_controller')
const TwoFactorChallengeController = () =>
  import('#tenancy/controllers/auth/two_factor_challenge_controller')
const TwoFactorSetupController = () =>
  import('#tenancy/controllers/auth/two_factor_setup_controller')
const PasswordResetController = () => import('#tenancy/controllers/auth/password_reset_controller')
const InvitationsController = () => import('#tenancy/controllers/auth/invitations_controller')

router
  .group(() => {
    router
      .group(() => {
        router.get('/login', [SessionController, 'show']).as('auth.login.show')
        router.post('/login', [SessionController, 'store']).as('auth.login.store')
        router
          .get('/two-factor/challenge', [TwoFactorChallengeController, 'show'])
          .as('auth.two_factor.challenge')
        router
          .post('/two-factor/challenge', [TwoFactorChallengeController, 'store'])
          .as('auth.two_factor.verify')
      })
      .use(middleware.guest())

    router.post('/logout', [SessionController, 'destroy']).as('auth.logout')

    router
      .group(() => {
        router
          .get('/two-factor/setup', [TwoFactorSetupController, 'show'])
          .as('auth.two_factor.setup')
        router
          .post('/two-factor/setup', [TwoFactorSetupController, 'store'])
          .as('auth.two_factor.confirm')
        router
          .post('/two-factor/disable', [TwoFactorSetupController, 'destroy'])
          .as('auth.two_factor.disable')
      })
      .use(middleware.auth())

    router.get('/forgot-password', [PasswordResetController, 'create']).as('auth.password.forgot')
    router.post('/forgot-password', [PasswordResetController, 'store']).as('auth.password.email')
    router
      .get('/reset-password/:token', [PasswordResetController, 'edit'])
      .as('auth.password.reset')
    router
      .post('/reset-password/:token', [PasswordResetController, 'update'])
      .as('auth.password.update')

    router.get('/invitations/:token', [InvitationsController, 'show']).as('auth.invitation.show')
    router
      .post('/invitations/:token', [InvitationsController, 'store'])
      .as('auth.invitation.accept')
  })
  .where('token', routeParams.token)
  .use(webStack())
