#!/usr/bin/env node
// npm's prepack/postpack pair: the published package.json carries what a consumer's package manager reads, and none
// of the repository's own scripts, devDependencies or workspaces. `npm pack` and `npm publish` both run the pair;
// `strip` keeps the original beside it and `restore` puts it back, so the working tree ends where it began.
// Usage: node scripts/pack-manifest.mjs strip|restore
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'

const MANIFEST = 'package.json'
const ORIGINAL = 'package.json.orig'
// Keys that mean nothing to a consumer (scripts would even run on install if one were a lifecycle hook).
const UNPUBLISHED_KEYS = ['scripts', 'devDependencies', 'workspaces']

const [command] = process.argv.slice(2)
if (command === 'strip') {
  // A leftover original means an earlier pack died between the two hooks: the manifest on disk is the stripped one.
  if (existsSync(ORIGINAL)) throw new Error(`${ORIGINAL} exists: run "node scripts/pack-manifest.mjs restore" first.`)
  const text = readFileSync(MANIFEST, 'utf8')
  const manifest = JSON.parse(text)
  for (const key of UNPUBLISHED_KEYS) delete manifest[key]
  writeFileSync(ORIGINAL, text)
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n')
} else if (command === 'restore') {
  if (existsSync(ORIGINAL)) renameSync(ORIGINAL, MANIFEST)
} else {
  throw new Error('Usage: node scripts/pack-manifest.mjs strip|restore')
}
