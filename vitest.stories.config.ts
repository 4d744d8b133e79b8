// Every story of the three Storybooks as a Vitest browser test (Storybook's Vitest addon): it renders the story in
// Debian Chromium and runs its play function, once per theme. stories/common/vitest.setup.ts adds what the addon
// does not check: no console.error, and the theme reaches every screen on the canvas.
//
//   npx vitest run -c vitest.stories.config.ts                       all of them
//   npx vitest run -c vitest.stories.config.ts --project 'stories-vue-*'
import { defineConfig } from 'vitest/config'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium.mjs'
import { FRAMEWORKS } from './scripts/lib/frameworks.mjs'

// The Storybooks' Vite configs import shared TypeScript helpers, which Vite's default (bundling) loader handles; the
// warning is about a future native loader only.
process.env['VITE_CONFIG_NATIVE_IGNORE_WARNING'] ??= 'true'

// Found late otherwise, and a late find reloads the page in the middle of a test (for Angular, it also loads a
// second copy of @angular/core: NG0203 injection errors).
const PREBUNDLE: Record<string, string[]> = {
  react: ['zustand/vanilla'],
  vue: ['vue', 'zustand/vanilla'],
  angular: [
    'zustand/vanilla',
    '@angular/core',
    '@angular/core/rxjs-interop',
    '@angular/common',
    '@angular/common/http',
    '@angular/platform-browser',
    '@angular/router',
    'rxjs',
  ],
}

// Values of the `theme` global (stories/common/theme.ts). Every story runs in the light theme; in the dark one only
// the sign-in page's stories, enough to prove each Storybook's theme switch reaches the screens it renders: no screen
// behaves differently by theme, and test/visual screenshots the dark CSS. (A tag filter would still load every file.)
const THEMES = ['light', 'dark']

export default defineConfig({
  test: {
    projects: FRAMEWORKS.flatMap((f) =>
      THEMES.map((theme) => ({
        // The Storybook's own Vite config: its framework plugin and the examples' source aliases.
        extends: `${f.storybook}/vite.config.ts`,
        plugins: [
          storybookTest({ configDir: f.storybook, initialGlobals: { theme } }),
          {
            // After the addon's plugin, whose optimizer cache is per Storybook: the two themes run side by side and
            // must not re-optimize each other's dependencies, and each scans only its own framework's stories.
            name: 'authfront-stories-optimizer',
            config: (config) => {
              // Narrows the list the addon's own config hook just set (a returned list would be appended to it).
              if (theme === 'dark' && config.test) config.test.include = [`stories/${f.name}/SignInUp.stories.*`]
              return {
                cacheDir: `node_modules/.vite/stories-${f.name}-${theme}`,
                optimizeDeps: { entries: [`stories/${f.name}/**/*.stories.*`], include: PREBUNDLE[f.name] },
              }
            },
          },
        ],
        test: {
          name: `stories-${f.name}-${theme}`,
          setupFiles: ['stories/common/vitest.setup.ts'],
          provide: { storyTheme: theme },
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' as const }],
          },
        },
      })),
    ),
  },
})
