import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  plugins: [
    vue(),
    adonisjs({
      entryPoints: ['resources/js/app.ts'],
      serverEntryPoints: ['resources/js/ssr.ts'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
  resolve: {
    alias: {
      '~/': `${import.meta.dirname}/resources/js/`,
      '@plugins/': `${import.meta.dirname}/plugins/`,
    },
  },
  server: {
    // Tests and parallel runs need no live reload (and must not fight over its port).
    hmr: process.env.NODE_ENV === 'test' ? false : undefined,
    watch: {
      ignored: ['**/storage/**', '**/tmp/**'],
    },
  },
})
