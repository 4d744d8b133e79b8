// Checks every story test makes on top of Storybook's own (render and play function without an exception).
import { afterEach, beforeEach, expect, inject, vi } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    storyTheme: string
  }
}

let errors: unknown[][] = []
beforeEach(() => {
  // The stories of a file share one page; each starts as on a fresh page load, as in Storybook (the session guard
  // keeps its redirect-loop count in sessionStorage).
  sessionStorage.clear()
  errors = []
  vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args))
})

// Registered after Storybook's setup, so it runs before Storybook's own clean-up, with the story still on the canvas.
afterEach(() => {
  vi.mocked(console.error).mockRestore()
  expect(
    errors.map((args) => args.map(String).join(' ')),
    'console.error calls',
  ).toEqual([])
  const themes = [...document.querySelectorAll<HTMLElement>('[data-af-theme]')].map((el) => el.dataset['afTheme'])
  expect(
    themes.filter((theme) => theme !== inject('storyTheme')),
    'screens in another theme',
  ).toEqual([])
})
