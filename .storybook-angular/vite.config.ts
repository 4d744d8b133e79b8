import { defineConfig } from 'vite'
import { repo, sourceAliases } from '../examples/common/aliases'

// Only what the stories need: the public entry names resolve to source, with the examples' aliases. The
// Angular compiler plugin comes from the framework (@analogjs/storybook-angular), not from here.
export default defineConfig({
  resolve: { alias: sourceAliases('angular') },
  cacheDir: repo('node_modules/.vite/storybook-angular'),
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
})
