// The gallery and the baselines stay in step: `npm run test:visual:update` rewrites both.
import { readdirSync, readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { BASELINES_DIR, GALLERY, VARIANTS, baselineName, listStories, renderGallery } from './matrix.mjs'

test('docs/GALLERY.md shows every baseline, and every baseline belongs to a screenshot test', () => {
  const stories = listStories()
  const expected = stories.flatMap((story) => VARIANTS.map((variant) => baselineName(story, variant)))
  const files = readdirSync(BASELINES_DIR).filter((file) => file.endsWith('.png'))
  expect(
    files.filter((file) => !expected.includes(file)),
    'baselines of no test (run npm run test:visual:update)',
  ).toEqual([])
  expect(readFileSync(GALLERY, 'utf8'), 'docs/GALLERY.md is stale (run npm run test:visual:update)').toBe(
    renderGallery(stories),
  )
})
