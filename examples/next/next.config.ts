import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'

const config: NextConfig = {
  // The repository's `tsc` checks this app (tsconfig.json at the root); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // msw (the mock backend's handlers) runs on the server as it is, not bundled.
  serverExternalPackages: ['msw'],
  // authfront resolves to the repository's own package (its `exports`, the built dist/), like an installed one.
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
  // Writing Turbopack's build cache took longer (15–20 s here) than the whole cold build it would save (5–8 s).
  experimental: { turbopackFileSystemCacheForBuild: false, agentUpgrade: false },
  // `next dev` would otherwise write an AGENTS.md into the example.
  agentRules: false,
}

export default config
