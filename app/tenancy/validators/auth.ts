import vine from '@vinejs/vine'

const email = () => vine.string().trim().toLowerCase().maxLength(254).email()

/** Staff passwords: long rather than complex (NIST 800-63B). */
const newPassword = () =>
  vine
    .string()
    .minLength(12)
    .maxLength(128)
    .confirmed({ confirmationField: 'passwordConfirmation' })

export const loginValidator = vine.create(
  vine.object({
    email: email(),
    password: vine.string().maxLength(128),
  })
)

export const twoFactorCodeValidator = vine.create(
  vine.object({
    code: vine
      .string()
      .trim()
      .regex(/^\d{3} ?\d{3}$/)
      .transform((value) => value.replace(' ', '')),
  })
)

export const forgotPasswordValidator = vine.create(vine.object({ email: email() }))

export const resetPasswordValidator = vine.create(vine.object({ password: newPassword() }))

export const acceptInvitationValidator = vine.create(
  vine.object({
    fullName: vine.string().trim().minLength(2).maxLength(200),
    password: newPassword(),
  })
)
