import type { Preview } from '@storybook/react-vite'
import 'authfront/styles.css'
import { themeGlobalType, themeInitialGlobals } from '../stories/common/theme'

const preview: Preview = {
  globalTypes: themeGlobalType,
  initialGlobals: themeInitialGlobals,
  parameters: { layout: 'padded' },
}
export default preview
