import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const repo = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

// Only what the stories need: the public entry names resolve to source, as in the tests and the examples.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^authfront\/react$/, replacement: repo('components/react/index.ts') },
      { find: /^authfront\/mock\/browser$/, replacement: repo('src/mock/browser.ts') },
      { find: /^authfront\/mock$/, replacement: repo('src/mock/index.ts') },
      { find: /^authfront\/styles\.css$/, replacement: repo('components/styles/authfront.css') },
      { find: /^authfront$/, replacement: repo('src/index.ts') },
    ],
  },
  cacheDir: repo('node_modules/.vite/storybook-react'),
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
})
