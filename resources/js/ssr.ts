import { createSSRApp, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createInertiaApp } from '@inertiajs/vue3'
import type { Page } from '@inertiajs/core'
import { resolvePage } from './resolve_page'
import { pageTitle } from './page_title'

export default function render(page: Page) {
  return createInertiaApp({
    page,
    render: renderToString,
    title: pageTitle,
    resolve: resolvePage,
    setup({ App, props, plugin }) {
      return createSSRApp({ render: () => h(App, props) }).use(plugin)
    },
  })
}
