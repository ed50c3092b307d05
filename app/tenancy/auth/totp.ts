import { authenticator } from 'otplib'
import QRCode from 'qrcode'
import encryption from '@adonisjs/core/services/encryption'
import type User from '#tenancy/models/user'

export const TOTP_ISSUER = 'Atvieglo'

/** One step either side absorbs small clock drift on the phone. */
const totp = authenticator.clone({ window: 1 })

export function generateTotpSecret() {
  return totp.generateSecret()
}

export function verifyTotp(code: string, secret: string) {
  return totpStep(code, secret) !== null
}

/** The time step (30 s since the epoch) the code belongs to, or null when it is not valid now. */
export function totpStep(code: string, secret: string, now = Date.now()): number | null {
  try {
    const delta = totp.clone({ epoch: now }).checkDelta(code, secret)
    return delta === null ? null : Math.floor(now / 1000 / totp.allOptions().step) + delta
  } catch {
    return null
  }
}

/** The user's confirmed secret, decrypted (null when 2FA is off). */
export function userTotpSecret(user: User) {
  if (!user.totpSecret) return null
  return encryption.decrypt<string>(user.totpSecret) ?? null
}

export function encryptTotpSecret(secret: string) {
  return encryption.encrypt(secret)
}

export function totpUri(email: string, secret: string) {
  return totp.keyuri(email, TOTP_ISSUER, secret)
}

export function totpQrCode(uri: string) {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 })
}
