import type { StorybookConfig } from '@storybook/react-vite'

const config: StorybookConfig = {
  // A minimal Vite config keeps the library build plugins (dts, Analog) out of Storybook.
  framework: { name: '@storybook/react-vite', options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } } },
  stories: ['../stories/react/**/*.stories.@(ts|tsx)'],
  staticDirs: ['../public'],
  addons: [],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: false },
}
export default config
