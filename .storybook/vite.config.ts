import { defineConfig } from 'vite'
import { repo, sourceAliases } from '../examples/common/aliases'
import react from '@vitejs/plugin-react'

// Only what the stories need: the public entry names resolve to source, with the examples' aliases.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: sourceAliases('react') },
  cacheDir: repo('node_modules/.vite/storybook-react'),
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
})
