import { OPEN } from '#decisions/index/days'
import type { Moment } from '#decisions/index/moment'

export type BenefitForm = 'percent' | 'fixed_price' | 'amount_off' | 'free'

/** Rows as loaded from the catalogue (dates already day numbers, see days.ts). */
export interface CatalogueRows {
  benefits: { id: number; code: string; grantorTenantId: number; grantorName: string }[]
  /** Published versions only. */
  versions: {
    id: number
    benefitId: number
    from: number
    to: number
    nameLv: string
    nameEn: string
    form: BenefitForm
    value: number | null
    priority: number
    serviceCodes: string[]
    weekdays: number[]
    timeWindows: { from: string; to: string }[]
    specificDates: string[]
  }[]
  services: {
    id: number
    providerTenantId: number
    code: string
    nameLv: string
    nameEn: string
    sector: string
    basePriceCents: number
  }[]
  /** Accepted contracts only. */
  contracts: {
    grantorTenantId: number
    providerTenantId: number
    from: number
    to: number
    benefitIds: number[]
    serviceIds: number[]
  }[]
}

export interface IndexedVersion {
  id: number
  from: number
  to: number
  nameLv: string
  nameEn: string
  form: BenefitForm
  value: number | null
  priority: number
  /** Service codes it is limited to; null: any service the contract covers. */
  serviceCodes: Set<string> | null
  /** Bit n set: ISO weekday n applies; 0: every day. */
  weekdayMask: number
  /** Month × 100 + day; null: every date. */
  monthDays: Set<number> | null
  /** [from, to) minute pairs; null: all day. */
  windows: number[] | null
}

export interface IndexedBenefit {
  id: number
  code: string
  grantorTenantId: number
  grantorName: string
  /** Oldest first. */
  versions: IndexedVersion[]
}

export interface IndexedService {
  id: number
  code: string
  providerTenantId: number
  basePriceCents: number
  /**
   * By benefit slot: the [first, last] day pairs in which a live contract of the benefit's
   * grantor with this provider covers the benefit and this service (or the whole time for the
   * provider's own benefits); absent: the benefit never applies here.
   */
  grants: (number[] | undefined)[]
}

/**
 * Benefit ids → small stable slots, so the entitlement records (Uint16 benefit slot) stay valid
 * across catalogue reloads. Slots are never reused.
 */
export class BenefitSlots {
  #slots = new Map<number, number>()
  slotOf(benefitId: number): number {
    let slot = this.#slots.get(benefitId)
    if (slot === undefined) {
      slot = this.#slots.size
      if (slot > 0xffff) throw new RangeError('more than 65 536 benefits')
      this.#slots.set(benefitId, slot)
    }
    return slot
  }
}

function minutes(time: string) {
  const [h, m] = time.split(':').map(Number)
  return h * 60 + m
}

/**
 * What the decision index knows of the catalogue: benefits with their published versions'
 * applicability fields, and per provider its services with the benefits live contracts let
 * apply there. Small (hundreds of rows), rebuilt whole when the catalogue changes.
 */
export class CatalogueSnapshot {
  readonly benefits: (IndexedBenefit | undefined)[] = []
  readonly #services = new Map<number, Map<string, IndexedService>>()

  constructor(
    rows: CatalogueRows,
    readonly slots: BenefitSlots
  ) {
    const byId = new Map<number, IndexedBenefit>()
    for (const b of rows.benefits) {
      const benefit = { ...b, versions: [] as IndexedVersion[] }
      byId.set(b.id, benefit)
      this.benefits[slots.slotOf(b.id)] = benefit
    }
    for (const v of rows.versions) {
      byId.get(v.benefitId)?.versions.push({
        id: v.id,
        from: v.from,
        to: v.to,
        nameLv: v.nameLv,
        nameEn: v.nameEn,
        form: v.form,
        value: v.value,
        priority: v.priority,
        serviceCodes: v.serviceCodes.length ? new Set(v.serviceCodes) : null,
        weekdayMask: v.weekdays.reduce((mask, day) => mask | (1 << day), 0),
        monthDays: v.specificDates.length
          ? new Set(v.specificDates.map((d) => Number(d.slice(0, 2)) * 100 + Number(d.slice(3))))
          : null,
        windows: v.timeWindows.length
          ? v.timeWindows.flatMap((w) => [minutes(w.from), minutes(w.to)])
          : null,
      })
    }
    for (const benefit of byId.values()) benefit.versions.sort((a, b) => a.from - b.from)

    const servicesById = new Map<number, IndexedService>()
    for (const s of rows.services) {
      const service: IndexedService = {
        id: s.id,
        code: s.code,
        providerTenantId: s.providerTenantId,
        basePriceCents: s.basePriceCents,
        grants: [],
      }
      servicesById.set(s.id, service)
      let ofProvider = this.#services.get(s.providerTenantId)
      if (!ofProvider) this.#services.set(s.providerTenantId, (ofProvider = new Map()))
      ofProvider.set(s.code, service)
      // A provider's own benefits apply on its own services without a contract.
      for (const benefit of byId.values()) {
        if (benefit.grantorTenantId === s.providerTenantId) {
          service.grants[slots.slotOf(benefit.id)] = [0, OPEN]
        }
      }
    }
    for (const contract of rows.contracts) {
      for (const serviceId of contract.serviceIds) {
        const service = servicesById.get(serviceId)
        if (!service || service.providerTenantId !== contract.providerTenantId) continue
        for (const benefitId of contract.benefitIds) {
          const benefit = byId.get(benefitId)
          if (!benefit || benefit.grantorTenantId !== contract.grantorTenantId) continue
          const slot = slots.slotOf(benefitId)
          ;(service.grants[slot] ??= []).push(contract.from, contract.to)
        }
      }
    }
  }

  /** The provider's service with this code, or undefined (another provider's or unknown). */
  service(providerTenantId: number, code: string): IndexedService | undefined {
    return this.#services.get(providerTenantId)?.get(code)
  }

  benefitAt(slot: number): IndexedBenefit | undefined {
    return this.benefits[slot]
  }
}

/** Whether a [first, last] day pair list covers the day. */
export function coversDay(pairs: number[], day: number) {
  for (let i = 0; i < pairs.length; i += 2) {
    if (pairs[i] <= day && (pairs[i + 1] === OPEN || pairs[i + 1] >= day)) return true
  }
  return false
}

/** The benefit's version in force on the day, or undefined. */
export function versionOn(benefit: IndexedBenefit, day: number): IndexedVersion | undefined {
  const versions = benefit.versions
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]
    if (v.from <= day) return v.to === OPEN || v.to >= day ? v : undefined
  }
  return undefined
}

/**
 * Whether the version's applicability fields allow the service at the moment; answers the
 * minute the permission ends that day (1440: end of day), or -1.
 */
export function applicableUntil(version: IndexedVersion, serviceCode: string, at: Moment): number {
  if (version.serviceCodes && !version.serviceCodes.has(serviceCode)) return -1
  if (version.weekdayMask && !(version.weekdayMask & (1 << at.weekday))) return -1
  if (version.monthDays && !version.monthDays.has(at.monthDay)) return -1
  const windows = version.windows
  if (!windows) return 1440
  for (let i = 0; i < windows.length; i += 2) {
    if (windows[i] <= at.minute && at.minute < windows[i + 1]) return windows[i + 1]
  }
  return -1
}

/** The price the resident pays under the version, for a full price. */
export function priceAfter(version: IndexedVersion, fullPrice: number): number {
  const value = version.value ?? 0
  switch (version.form) {
    case 'free':
      return 0
    case 'percent':
      return Math.round((fullPrice * (100 - Math.min(100, value))) / 100)
    case 'fixed_price':
      return Math.min(fullPrice, value)
    case 'amount_off':
      return Math.max(0, fullPrice - value)
  }
}
