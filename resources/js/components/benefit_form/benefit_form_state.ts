import { useForm, type InertiaForm } from '@inertiajs/vue3'
import type { Data } from '~/generated/data'
import type { BenefitFormOptions } from '#catalogue/queries/get_form_options'

type Version = Data.Catalogue.BenefitVersion
type Scenario = Version['scenarios'][number]
type Person = Scenario['persons'][number]
type Fact = Person['facts'][number]

export type { BenefitFormOptions }

/** What the benefit form page receives (app/catalogue/controllers/benefits_controller.ts). */
export type BenefitFormProps = {
  benefit: Pick<Data.Catalogue.Benefit, 'id' | 'code' | 'sector' | 'visibility'> | null
  version: Version | null
  tenantKind: Data.Tenancy.Tenant['kind']
  options: BenefitFormOptions
}

/** Fields of a version an input edits as the text typed in it (a null becomes ''). */
type AsText<K extends keyof Version> = { [P in K]: string }
/** Numbers edited in a text input: a number until the user types. */
type AsNumberText<K extends keyof Version> = { [P in K]: string | number }

export type FactState = Omit<Fact, 'to'> & { to: string }
export type PersonState = Pick<Person, 'name' | 'birthDate' | 'expected'> & { facts: FactState[] }
export type ScenarioState = Pick<Scenario, 'name' | 'date'> & { persons: PersonState[] }

/**
 * The form's state: a version's fields as the inputs edit them. Lists (municipalities, time
 * windows, dates) are comma-separated text, money is euros, and the budget is `budget`.
 */
export type BenefitFormState = Pick<Data.Catalogue.Benefit, 'code' | 'sector' | 'visibility'> &
  AsText<
    | 'effectiveFrom'
    | 'nameLv'
    | 'nameEn'
    | 'descriptionLv'
    | 'descriptionEn'
    | 'legalAct'
    | 'legalPoint'
    | 'legalUrl'
    | 'programmeTerms'
    | 'form'
    | 'municipalities'
    | 'timeWindows'
    | 'specificDates'
    | 'combinationPolicy'
    | 'budgetPeriod'
    | 'rule'
  > &
  AsNumberText<'value' | 'limitPerDay' | 'limitPerMonth' | 'priority'> &
  Pick<Version, 'serviceCodes' | 'extra'> & {
    weekdays: string[]
    budget: string
    scenarios: ScenarioState[]
  }

export type BenefitForm = InertiaForm<BenefitFormState>

export const isMoney = (form: string) => form === 'fixed_price' || form === 'amount_off'
const euros = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '' : (cents / 100).toFixed(2)
const cents = (text: string | number | null) =>
  text === '' || text === null ? null : Math.round(Number(String(text).replace(',', '.')) * 100)

/** The form filled from the version being edited, or empty for a new benefit. */
export function useBenefitForm(props: BenefitFormProps): BenefitForm {
  const v = props.version
  return useForm<BenefitFormState>({
    code: props.benefit?.code ?? '',
    sector: props.benefit?.sector ?? props.options.sectors[0],
    visibility: props.benefit?.visibility ?? 'public',
    effectiveFrom: v?.effectiveFrom ?? '',
    nameLv: v?.nameLv ?? '',
    nameEn: v?.nameEn ?? '',
    descriptionLv: v?.descriptionLv ?? '',
    descriptionEn: v?.descriptionEn ?? '',
    legalAct: v?.legalAct ?? '',
    legalPoint: v?.legalPoint ?? '',
    legalUrl: v?.legalUrl ?? '',
    programmeTerms: v?.programmeTerms ?? '',
    form: v?.form ?? 'percent',
    value: v && isMoney(v.form) ? euros(v.value) : (v?.value ?? ''),
    serviceCodes: v?.serviceCodes ?? [],
    municipalities: (v?.municipalities ?? []).join(', '),
    weekdays: (v?.weekdays ?? []).map(String),
    timeWindows: (v?.timeWindows ?? []).map((w) => `${w.from}-${w.to}`).join(', '),
    specificDates: (v?.specificDates ?? []).join(', '),
    limitPerDay: v?.limitPerDay ?? '',
    limitPerMonth: v?.limitPerMonth ?? '',
    priority: v?.priority ?? 100,
    combinationPolicy: v?.combinationPolicy ?? 'exclusive',
    budget: euros(v?.budgetCents),
    budgetPeriod: v?.budgetPeriod ?? '',
    rule: v?.rule ?? '',
    extra: { ...v?.extra },
    scenarios: (v?.scenarios ?? []).map((s) => ({
      name: s.name,
      date: s.date,
      persons: s.persons.map((p) => ({
        name: p.name,
        birthDate: p.birthDate,
        expected: p.expected,
        facts: p.facts.map((f) => ({ ...f, to: f.to ?? '' })),
      })),
    })),
  })
}

export const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
const numberOrNull = (value: string | number) => (value === '' ? null : Number(value))

/** The state as the server validates it (app/catalogue/validators/benefit.ts). */
function toRequest(data: BenefitFormState) {
  return {
    ...data,
    value:
      data.form === 'free'
        ? null
        : isMoney(data.form)
          ? cents(data.value)
          : numberOrNull(data.value),
    municipalities: list(data.municipalities),
    weekdays: data.weekdays.map(Number),
    timeWindows: list(data.timeWindows).map((w) => {
      const [from = '', to = ''] = w.split('-').map((x) => x.trim())
      return { from, to }
    }),
    specificDates: list(data.specificDates),
    limitPerDay: numberOrNull(data.limitPerDay),
    limitPerMonth: numberOrNull(data.limitPerMonth),
    priority: Number(data.priority),
    budgetCents: cents(data.budget),
    budgetPeriod: data.budget === '' ? null : data.budgetPeriod || null,
    legalAct: data.legalAct || null,
    legalPoint: data.legalPoint || null,
    legalUrl: data.legalUrl || null,
    programmeTerms: data.programmeTerms || null,
    scenarios: data.scenarios.map((s) => ({
      ...s,
      persons: s.persons.map((p) => ({
        ...p,
        facts: p.facts.map((f) => ({ ...f, to: f.to || null })),
      })),
    })),
  }
}

/** Saves the draft: a new benefit, or the version being edited. */
export function submitBenefitForm(form: BenefitForm, version: Version | null) {
  const transformed = form.transform(toRequest)
  if (version) transformed.put(`/staff/catalogue/versions/${version.id}`)
  else transformed.post('/staff/catalogue/benefits')
}
