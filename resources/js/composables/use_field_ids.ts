import { computed } from 'vue'

/** The first error of a field and the ids its input must name in aria-describedby. */
export function useFieldIds(props: { id: string; hint?: string; error?: string | string[] }) {
  const errorText = computed(() => (Array.isArray(props.error) ? props.error[0] : props.error))
  const describedBy = computed(
    () =>
      [props.hint ? `${props.id}-hint` : '', errorText.value ? `${props.id}-error` : '']
        .filter(Boolean)
        .join(' ') || undefined
  )
  return { errorText, describedBy }
}
