import { fileURLToPath } from 'node:url'

/** An absolute path inside the repository, from an example's vite config. */
export const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))

/**
 * The examples run straight from source: the public entry names resolve to src/ and components/, as in tests.
 * `binding` is the framework entry the example uses (`react`, `vue` or `angular`).
 */
export function sourceAliases(binding: 'react' | 'vue' | 'angular') {
  return [
    { find: new RegExp(`^authfront/${binding}$`), replacement: repo(`components/${binding}/index.ts`) },
    { find: /^authfront\/mock\/browser$/, replacement: repo('src/mock/browser.ts') },
    { find: /^authfront\/mock$/, replacement: repo('src/mock/index.ts') },
    { find: /^authfront\/styles\.css$/, replacement: repo('components/styles/authfront.css') },
    { find: /^authfront$/, replacement: repo('src/index.ts') },
  ]
}
