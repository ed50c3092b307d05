import '../css/app.css'
import { createSSRApp, h } from 'vue'
import { createInertiaApp } from '@inertiajs/vue3'
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
  },
  progress: { color: '#1d70b8' },
})
