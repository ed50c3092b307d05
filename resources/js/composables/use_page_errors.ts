import { computed } from 'vue'
import { usePage } from '@inertiajs/vue3'

/**
 * The field errors the server flashed after a submit made with `router` rather than a form
 * helper: field name → its first message (the default error bag).
 */
export function usePageErrors() {
  const page = usePage()
  return computed(() => (page.props.errors ?? {}) as Record<string, string | undefined>)
}
