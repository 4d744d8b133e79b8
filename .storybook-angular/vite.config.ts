import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const repo = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

// Only what the stories need: the public entry names resolve to source, as in the tests and the examples. The
// Angular compiler plugin comes from the framework (@analogjs/storybook-angular), not from here.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^authfront\/angular$/, replacement: repo('components/angular/index.ts') },
      { find: /^authfront\/mock\/browser$/, replacement: repo('src/mock/browser.ts') },
      { find: /^authfront\/mock$/, replacement: repo('src/mock/index.ts') },
      { find: /^authfront\/styles\.css$/, replacement: repo('components/styles/authfront.css') },
      { find: /^authfront$/, replacement: repo('src/index.ts') },
    ],
  },
  cacheDir: repo('node_modules/.vite/storybook-angular'),
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
})
