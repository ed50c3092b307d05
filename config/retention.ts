/*
|--------------------------------------------------------------------------
| Data retention
|--------------------------------------------------------------------------
|
| How long each category of data is kept once it has no further use, in days. `node ace
| retention:enforce` (and the daily job `platform:enforce_retention`) deletes what is older;
| the README's "Data retention" table explains each period.
|
*/
const retentionConfig = {
  /**
   * Audit log: kept 10 years, never deleted by retention:enforce. Its rows are chained (and
   * checkpointed): pruning them needs a signed, checkpointed archive first (not built yet).
   */
  auditLogDays: 3653,
  /** Password-reset tokens, after they expired or were used. */
  passwordResetTokensDays: 7,
  /** Invitations, after they expired or were accepted. */
  invitationsDays: 30,
  /** Rate-limit counters in the `rate_limits` table, after they expired. */
  rateLimitCountersDays: 1,
  /** API clients (and so their secrets' hashes), after they were revoked. */
  revokedApiClientsDays: 365,
  /** Error reports of imports (they quote rejected rows), after the import ended. */
  importErrorReportsDays: 90,
  /** Import records (counts, outcome, no personal data), after the import ended. */
  importRecordsDays: 1096,
  /** Register change log rows every consumer has read, after they were written. */
  registerChangeLogDays: 365,
  /** Ended entitlements with their explanations, after they were ended. */
  endedEntitlementsDays: 3653,
  /**
   * Persons no source delivers any more: no fact or identifier in force or received within the
   * period, no entitlement (current or history), no manual decision, in no person group.
   */
  personsWithoutSourceDays: 1826,
}

export type RetentionConfig = typeof retentionConfig
export default retentionConfig
