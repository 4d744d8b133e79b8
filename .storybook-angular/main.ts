import type { StorybookConfig } from '@analogjs/storybook-angular'

const config: StorybookConfig = {
  // A minimal Vite config keeps the library build plugins (dts, the library's own Analog setup) out of Storybook;
  // the framework adds its Angular compiler plugin on top, reading the tsconfig below.
  framework: {
    name: '@analogjs/storybook-angular',
    options: {
      tsconfig: '.storybook-angular/tsconfig.json',
      experimentalZoneless: true,
      builder: { viteConfigPath: '.storybook-angular/vite.config.ts' },
    },
  },
  stories: ['../stories/angular/**/*.stories.ts'],
  staticDirs: ['../public'],
  addons: [],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
}
export default config
