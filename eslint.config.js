import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const frameworks = ['react', 'react-dom', 'react/*', 'react-dom/*', 'vue', 'vue/*', '@angular/*', 'vue-router']
const only = (allowed) => frameworks.filter((name) => !allowed.some((a) => name === a || name.startsWith(`${a}/`)))

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'public/**',
      'coverage/**',
      'storybook-static/**',
      'storybook-vue-static/**',
      'storybook-ng-static/**',
      'artifacts/**',
      '.cache/**',
      '**/*.vue',
      'examples/*/dist/**',
      'examples/*/public/**',
      'examples/next/.next/**',
      'examples/next/next-env.d.ts',
      'examples/*/.angular/**',
      'examples/nuxt/.nuxt/**',
      'examples/nuxt/.output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The core is framework-free: it must run in Node, in any framework and on the server.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworks, message: 'src/ is framework-free: put framework code in components/<framework>.' },
            { group: ['**/components/**'], message: 'src/ must not import components/.' },
          ],
        },
      ],
    },
  },
  {
    // The ground floor (docs/ARCHITECTURE.md "Layers") imports nothing of authfront above it; type-only imports of
    // the recipe types a config names are allowed. Repeats the src/ patterns: a later block replaces the rule.
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworks, message: 'src/ is framework-free: put framework code in components/<framework>.' },
            { group: ['**/components/**'], message: 'src/ must not import components/.' },
            {
              group: [
                '../session/**',
                '../recipes/**',
                '../flows/**',
                '../mock/**',
                '../plugins',
                '../createAuthClient',
              ],
              allowTypeImports: true,
              message: 'src/client is the ground floor: the composition root is src/createAuthClient.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/react/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: only(['react', 'react-dom']), message: 'components/react may only use React.' },
            {
              group: ['**/components/vue/**', '**/components/angular/**', '../vue/**', '../angular/**'],
              message: 'Bindings import src only, never another binding.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/vue/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: only(['vue', 'vue-router']), message: 'components/vue may only use Vue.' },
            {
              group: ['**/components/react/**', '**/components/angular/**', '../react/**', '../angular/**'],
              message: 'Bindings import src only, never another binding.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/angular/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: only(['@angular']), message: 'components/angular may only use Angular.' },
            {
              group: ['**/components/react/**', '**/components/vue/**', '../react/**', '../vue/**'],
              message: 'Bindings import src only, never another binding.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'examples/**', 'stories/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
)
