import auditConfig from '#config/audit'

export type AuditSettings = typeof auditConfig & {
  /** The clock of checkpoint times and of the "every M minutes" rule. */
  now: () => Date
}

const defaults: AuditSettings = { ...auditConfig, now: () => new Date() }
let current: AuditSettings = defaults

export function auditSettings(): AuditSettings {
  return current
}

/**
 * Replaces parts of the settings (keys, checkpoint file, intervals, clock) until reset with
 * `useAuditSettings(null)`. For tests and the benchmark; the app reads config/audit.ts.
 */
export function useAuditSettings(
  overrides: {
    macKey?: string | null
    signing?: Partial<AuditSettings['signing']>
    checkpoints?: Partial<AuditSettings['checkpoints']>
    now?: () => Date
  } | null
) {
  if (!overrides) {
    current = defaults
    return
  }
  current = {
    macKey: overrides.macKey === undefined ? current.macKey : overrides.macKey,
    signing: { ...current.signing, ...overrides.signing },
    checkpoints: { ...current.checkpoints, ...overrides.checkpoints },
    now: overrides.now ?? current.now,
  }
}
