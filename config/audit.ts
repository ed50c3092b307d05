import app from '@adonisjs/core/services/app'
import env from '#start/env'

/**
 * Tamper evidence of the audit log (README, "Audit log integrity"). Keys never live in the
 * database: the MAC key comes from AUDIT_MAC_KEY or is derived from APP_KEY; the Ed25519 signing
 * key from AUDIT_SIGNING_KEY or a key file generated on first use.
 */
const auditConfig = {
  /** HMAC-SHA256 key of the chain; unset: HKDF-SHA256 of APP_KEY, label `audit-chain-mac:v1`. */
  macKey: env.get('AUDIT_MAC_KEY')?.release() ?? null,
  signing: {
    /** Ed25519 private key, PEM or base64 PKCS#8 DER; unset: `keyFile` (created 0600 if missing). */
    privateKey: env.get('AUDIT_SIGNING_KEY')?.release() ?? null,
    keyFile: app.makePath('storage/keys/audit_signing_ed25519.pem'),
    /** What verification trusts, PEM or base64 SPKI DER; unset: derived from the private key. */
    publicKey: env.get('AUDIT_PUBLIC_KEY') ?? null,
  },
  checkpoints: {
    /** The writer signs a checkpoint once this many entries were added since the last one, */
    everyEntries: env.get('AUDIT_CHECKPOINT_EVERY', 1000),
    /** or when this many minutes passed since the last one and entries were added. */
    everyMinutes: env.get('AUDIT_CHECKPOINT_MINUTES', 10),
    /**
     * Append-only JSON lines outside the database (point it at WORM storage in production).
     * Tests default to none: their rows roll back, lines in a shared file would not.
     */
    file:
      env.get('AUDIT_CHECKPOINT_FILE') ??
      (app.inTest ? null : app.makePath('storage/audit/checkpoints.jsonl')),
  },
}

export default auditConfig
