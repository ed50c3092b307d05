import IdentifierIssuer from '#identification/models/identifier_issuer'

/** Names the tenant behind an issuer code of the identifier files (idempotent). */
export default class RegisterIssuer {
  async handle(input: { code: string; tenantId: number }) {
    return IdentifierIssuer.firstOrCreate(
      { code: input.code },
      { code: input.code, tenantId: input.tenantId }
    )
  }
}
