import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import {
  type CodeEncrypter,
  type EncryptionSettings,
  encryptsLikeTheApp,
  fastCodeEncrypter,
} from '#registers/import/code_encrypter'

export interface ImportCodeEncryption {
  /** The app's default encrypter and its secret, for worker threads; null when it has none. */
  settings: EncryptionSettings | null
  /** Whether `encrypt` is the fast encrypter (workers then use it too). */
  fast: boolean
  encrypt: CodeEncrypter
}

/** The app's default encrypter and its secret (config/encryption.ts), when it has one. */
async function encryptionSettings(): Promise<EncryptionSettings | null> {
  const provider = app.config.get<any>('encryption', {})
  const config = typeof provider?.resolver === 'function' ? await provider.resolver(app) : provider
  const id = config?.default
  const key = config?.list?.[id]?.keys?.[0]
  const secret = typeof key === 'string' ? key : key?.release?.()
  if (typeof id !== 'string' || typeof secret !== 'string') return null
  return { id, key: secret }
}

/**
 * How an import encrypts codes: the fast encrypter when the app decrypts what it writes
 * (the app's aes256gcm driver), otherwise the app's own `encrypt`.
 */
export async function importCodeEncryption(): Promise<ImportCodeEncryption> {
  const settings = await encryptionSettings()
  const fastEncrypt = settings ? fastCodeEncrypter(settings) : null
  const decrypt = (value: string) => encryption.decrypt(value)
  if (fastEncrypt && encryptsLikeTheApp(fastEncrypt, decrypt)) {
    return { settings, fast: true, encrypt: fastEncrypt }
  }
  return { settings, fast: false, encrypt: (code) => encryption.encrypt(code) }
}
