import '../css/app.css'
import { createSSRApp, h } from 'vue'
import { createInertiaApp, router } from '@inertiajs/vue3'
import { resolvePage } from './resolve_page'
import { pageTitle } from './page_title'

createInertiaApp({
  title: pageTitle,
  resolve: resolvePage,
  setup({ el, App, props, plugin }) {
    createSSRApp({ render: () => h(App, props) })
      .use(plugin)
      .mount(el!)
    // Browser tests wait for this before they click.
    document.documentElement.dataset.hydrated = 'true'
    // SSR sets <html lang> on the first load; keep it right after a language switch.
    router.on('success', (event) => {
      const i18n = event.detail.page.props.i18n
      if (i18n) document.documentElement.lang = i18n.locale
    })
  },
  progress: { color: '#1d70b8' },
  // The progress bar's <style> needs the page's CSP nonce (see the root edge view).
  nonce: document.querySelector<HTMLMetaElement>('meta[property=csp-nonce]')?.nonce,
})
