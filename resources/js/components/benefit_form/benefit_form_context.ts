import { inject, provide, type InjectionKey } from 'vue'
import type { BenefitForm, BenefitFormProps } from '~/components/benefit_form/benefit_form_state'
import { useI18n } from '~/composables/use_i18n'

/** What every part of the benefit form reads: the form state and the page's choices. */
export interface BenefitFormContext {
  form: BenefitForm
  props: BenefitFormProps
}

const KEY: InjectionKey<BenefitFormContext> = Symbol('benefit form')

export function provideBenefitForm(context: BenefitFormContext) {
  provide(KEY, context)
}

export function useBenefitFormContext() {
  const context = inject(KEY)
  if (!context) throw new Error('A benefit form part is used outside the benefit form page')
  const { form } = context
  const { t } = useI18n()
  return {
    ...context,
    t,
    /** A field's error by its dotted name (`scenarios.0.name`), which `form.errors` does not type. */
    err: (key: string) => (form.errors as Record<string, string | undefined>)[key],
    /** Select options whose labels are the translations `<prefix>.<value>`. */
    choices: (prefix: string, values: readonly string[]) =>
      values.map((value) => ({ value, label: t(`${prefix}.${value}`) })),
  }
}
