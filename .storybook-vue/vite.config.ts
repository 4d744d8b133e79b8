import { defineConfig } from 'vite'
import { repo, sourceAliases } from '../examples/common/aliases'
import vue from '@vitejs/plugin-vue'

// Only what the stories need: the public entry names resolve to source, with the examples' aliases.
export default defineConfig({
  plugins: [vue()],
  resolve: { alias: sourceAliases('vue') },
  cacheDir: repo('node_modules/.vite/storybook-vue'),
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
})
