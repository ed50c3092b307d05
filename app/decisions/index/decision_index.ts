import { IdentifierTable } from '#decisions/index/identifier_table'
import { EntitlementLists } from '#decisions/index/entitlement_lists'
import {
  BenefitSlots,
  CatalogueSnapshot,
  applicableUntil,
  coversDay,
  priceAfter,
  versionOn,
  type IndexedBenefit,
  type IndexedService,
  type IndexedVersion,
} from '#decisions/index/catalogue_snapshot'
import { OPEN } from '#decisions/index/days'
import type { Moment } from '#decisions/index/moment'

/** The one benefit to apply. */
export interface Choice {
  benefit: IndexedBenefit
  version: IndexedVersion
  /** What the resident pays for the full price given. */
  priceCents: number
  /** Minute of the moment's day until which the benefit applies (1440: the whole day). */
  untilMinute: number
}

/**
 * The in-memory decision index of one web node: identifier hash → person → current
 * entitlements → applicability on the asked service at the asked moment. Holds no personal
 * attribute: person ids, benefit slots and days only.
 */
export class DecisionIndex {
  readonly slots = new BenefitSlots()
  identifiers: IdentifierTable
  entitlements: EntitlementLists
  catalogue: CatalogueSnapshot

  constructor(expected: { identifiers?: number; persons?: number; entitlements?: number } = {}) {
    this.identifiers = new IdentifierTable(expected.identifiers)
    this.entitlements = new EntitlementLists(expected.persons, expected.entitlements)
    this.catalogue = new CatalogueSnapshot(
      { benefits: [], versions: [], services: [], contracts: [] },
      this.slots
    )
  }

  /** Bytes held by the typed arrays (the catalogue snapshot aside: a few kB). */
  get bytes() {
    return this.identifiers.bytes + this.entitlements.bytes
  }

  /**
   * The benefit for the identifier (its hash key) on the provider's service at the moment:
   * among the person's entitlements valid that day whose benefit a live contract lets apply to
   * the service and whose version's applicability allows it, the highest priority, then the
   * lowest price for the resident (then the lower benefit id, so the answer is stable).
   */
  choose(
    hi: number,
    lo: number,
    service: IndexedService,
    at: Moment,
    fullPrice: number
  ): Choice | null {
    const person = this.identifiers.personOn(hi, lo, at.day)
    if (person === 0) return null
    const lists = this.entitlements
    const catalogue = this.catalogue
    // The best so far in locals: no object per candidate on the hot path.
    let bestBenefit: IndexedBenefit | undefined
    let bestVersion: IndexedVersion | undefined
    let bestPrice = 0
    let bestUntil = 0
    for (let r = lists.head(person); r !== -1; r = lists.next(r)) {
      const to = lists.toOf(r)
      if (lists.fromOf(r) > at.day || (to !== OPEN && to < at.day)) continue
      const slot = lists.benefitOf(r)
      const grants = service.grants[slot]
      if (grants === undefined || !coversDay(grants, at.day)) continue
      const benefit = catalogue.benefitAt(slot)
      const version = benefit && versionOn(benefit, at.day)
      if (!version) continue
      if (bestVersion && version.priority < bestVersion.priority) continue
      const untilMinute = applicableUntil(version, service.code, at)
      if (untilMinute < 0) continue
      const price = priceAfter(version, fullPrice)
      if (
        !bestVersion ||
        version.priority > bestVersion.priority ||
        price < bestPrice ||
        (price === bestPrice && benefit.id < bestBenefit!.id)
      ) {
        bestBenefit = benefit
        bestVersion = version
        bestPrice = price
        bestUntil = untilMinute
      }
    }
    return bestVersion
      ? {
          benefit: bestBenefit!,
          version: bestVersion,
          priceCents: bestPrice,
          untilMinute: bestUntil,
        }
      : null
  }
}
