import type { StorybookConfig } from '@storybook/vue3-vite'

const config: StorybookConfig = {
  // A minimal Vite config keeps the library build plugins (dts, Analog) out of Storybook.
  framework: {
    name: '@storybook/vue3-vite',
    options: { builder: { viteConfigPath: '.storybook-vue/vite.config.ts' } },
  },
  stories: ['../stories/vue/**/*.stories.ts'],
  staticDirs: ['../public'],
  addons: [],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
}
export default config
