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
  try {
    return totp.check(code, secret)
  } catch {
    return false
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
