/** The light/dark toolbar of the three Storybooks: it sets the components' `theme` (their `data-af-theme`). */
export const themeGlobalType = {
  theme: {
    description: 'Colour scheme of the authfront screens (data-af-theme)',
    toolbar: {
      title: 'Theme',
      icon: 'mirror' as const,
      items: [
        { value: 'light', title: 'Light' },
        { value: 'dark', title: 'Dark' },
        { value: 'auto', title: 'Follow the system' },
      ],
      dynamicTitle: true,
    },
  },
}

export const themeInitialGlobals = { theme: 'light' }

export type StoryTheme = 'light' | 'dark' | 'auto'

/** Reads the toolbar value and paints the page behind the screen to match. */
export function applyTheme(globals: Record<string, unknown>): StoryTheme {
  const theme: StoryTheme = globals['theme'] === 'dark' || globals['theme'] === 'auto' ? globals['theme'] : 'light'
  const dark = theme === 'dark' || (theme === 'auto' && window.matchMedia('(prefers-color-scheme: dark)').matches)
  document.body.style.background = dark ? '#0d1117' : '#f4f5f7'
  return theme
}
