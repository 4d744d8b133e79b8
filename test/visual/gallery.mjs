#!/usr/bin/env node
// Writes docs/GALLERY.md from the baselines and deletes the baselines no screenshot test takes any more (a story
// renamed or removed). The last step of `npm run test:visual:update`; the suite's last test fails when the two drift.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { BASELINES_DIR, GALLERY, ROOT, VARIANTS, baselineName, listStories, renderGallery } from './matrix.mjs'

const stories = listStories()
const expected = new Set(stories.flatMap((story) => VARIANTS.map((variant) => baselineName(story, variant))))
for (const file of readdirSync(BASELINES_DIR)) {
  if (file.endsWith('.png') && !expected.has(file)) {
    rmSync(join(BASELINES_DIR, file))
    console.warn(`removed ${relative(ROOT, join(BASELINES_DIR, file))}: no screenshot test takes it`)
  }
}
const missing = [...expected].filter((file) => !existsSync(join(BASELINES_DIR, file)))
if (missing.length) {
  console.error(`No baseline yet for ${missing.join(', ')}: run the screenshot tests with --update-snapshots first.`)
  process.exit(1)
}
writeFileSync(GALLERY, renderGallery(stories))
console.warn(`wrote ${relative(ROOT, GALLERY)}: ${expected.size} screenshots of ${stories.length} stories`)
