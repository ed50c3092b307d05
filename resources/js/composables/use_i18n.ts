import { computed } from 'vue'
import { usePage } from '@inertiajs/vue3'

/**
 * Translations shared by the server (resources/lang and each plugin's
 * lang folder) for the current locale. `t('ui.login.title', { name })`
 * replaces `{name}` placeholders.
 */
export function useI18n() {
  const page = usePage()
  const i18n = computed(() => page.props.i18n)

  function t(key: string, values: Record<string, string | number> = {}) {
    const template = i18n.value?.messages[key] ?? key
    return template.replace(/\{(\w+)\}/g, (match, name) =>
      name in values ? String(values[name]) : match
    )
  }

  return { t, locale: computed(() => i18n.value?.locale ?? 'lv'), i18n }
}
