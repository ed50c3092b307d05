import vine from '@vinejs/vine'
import {
  BENEFIT_FORMS,
  BUDGET_PERIODS,
  COMBINATION_POLICIES,
  VISIBILITIES,
} from '#catalogue/catalogue_options'
import { uniqueInTenant } from '#tenancy/validators/rules'
import { INT4_MAX } from '#platform/validation/database_integers'

const isoDate = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
const optionalText = (max: number) => vine.string().trim().maxLength(max).nullable().optional()

const scenarioSchema = vine.object({
  name: vine.string().trim().minLength(1).maxLength(200),
  date: isoDate(),
  persons: vine
    .array(
      vine.object({
        name: vine.string().trim().minLength(1).maxLength(100),
        birthDate: isoDate(),
        facts: vine
          .array(
            vine.object({
              attribute: vine.string().trim().maxLength(100),
              value: vine.string().trim().maxLength(200),
              from: isoDate(),
              to: isoDate().nullable().optional(),
            })
          )
          .maxLength(50),
        groups: vine
          .array(
            vine.object({
              key: vine.string().trim().maxLength(64),
              from: isoDate(),
              to: isoDate().nullable().optional(),
            })
          )
          .optional(),
        identifiers: vine
          .array(
            vine.object({
              type: vine.string().trim().maxLength(32),
              from: isoDate(),
              to: isoDate().nullable().optional(),
            })
          )
          .optional(),
        expected: vine.boolean(),
      })
    )
    .minLength(1)
    .maxLength(20),
})

/** The fields of a version, shared by create, update and the JSON API. */
const versionFields = {
  sector: vine.string().trim().maxLength(32),
  visibility: vine.enum(VISIBILITIES),
  effectiveFrom: isoDate(),
  nameLv: vine.string().trim().minLength(2).maxLength(200),
  nameEn: vine.string().trim().minLength(2).maxLength(200),
  descriptionLv: vine.string().trim().minLength(1).maxLength(4000),
  descriptionEn: vine.string().trim().minLength(1).maxLength(4000),
  legalAct: optionalText(300),
  legalPoint: optionalText(100),
  legalUrl: vine.string().trim().url().maxLength(500).nullable().optional(),
  programmeTerms: optionalText(4000),
  form: vine.enum(BENEFIT_FORMS),
  value: vine.number().withoutDecimals().range([0, INT4_MAX]).nullable().optional(),
  serviceCodes: vine.array(vine.string().trim().maxLength(64)).maxLength(100).optional(),
  municipalities: vine.array(vine.string().trim().maxLength(100)).maxLength(50).optional(),
  weekdays: vine
    .array(vine.number().withoutDecimals().range([1, 7]))
    .maxLength(7)
    .optional(),
  timeWindows: vine
    .array(
      vine.object({
        from: vine.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        to: vine.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/),
      })
    )
    .maxLength(10)
    .optional(),
  specificDates: vine
    .array(
      vine
        .string()
        .trim()
        .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
    )
    .maxLength(50)
    .optional(),
  limitPerDay: vine.number().withoutDecimals().range([1, INT4_MAX]).nullable().optional(),
  limitPerMonth: vine.number().withoutDecimals().range([1, INT4_MAX]).nullable().optional(),
  priority: vine.number().withoutDecimals().range([0, 1000]),
  combinationPolicy: vine.enum(COMBINATION_POLICIES),
  budgetCents: vine
    .number()
    .withoutDecimals()
    .range([0, Number.MAX_SAFE_INTEGER])
    .nullable()
    .optional(),
  budgetPeriod: vine.enum(BUDGET_PERIODS).nullable().optional(),
  rule: vine.string().trim().minLength(1).maxLength(5000),
  extra: vine.record(vine.any()).optional(),
  scenarios: vine.array(scenarioSchema).maxLength(30).optional(),
}

/** A new benefit with its first (draft) version. */
export const createBenefitValidator = vine.withMetaData<{ tenantId: number }>().create({
  code: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_.-]*$/)
    .maxLength(64)
    .use(uniqueInTenant('benefits', 'code')),
  ...versionFields,
})

/** Changes to a draft version (the code never changes). */
export const updateBenefitValidator = vine.withMetaData<{ tenantId: number }>().create({
  ...versionFields,
})

export const newVersionValidator = vine.create({
  effectiveFrom: isoDate(),
})

export type BenefitDraftData = Omit<
  Awaited<ReturnType<(typeof createBenefitValidator)['validate']>>,
  'code'
>
