#!/usr/bin/env node
// Packs the built package the way npm publishes it, then lints the tarball:
// publint (exports, files, module format), Are-the-Types-Wrong (types resolve for every entry, ESM-only profile),
// and an Angular application built with AOT against the packed package (scripts/check-angular-aot.mjs).
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'

mkdirSync('artifacts/pack', { recursive: true })
const out = execFileSync('npm', ['pack', '--pack-destination', 'artifacts/pack', '--json', '--ignore-scripts'], {
  encoding: 'utf8',
})
const [{ filename, size, entryCount }] = JSON.parse(out)
const tarball = `artifacts/pack/${filename}`
console.log(`packed ${tarball}: ${entryCount} files, ${(size / 1024).toFixed(1)} KiB`)
try {
  execFileSync('npx', ['publint', 'run', tarball, '--strict', '--pack', 'false'], { stdio: 'inherit' })
  // esm-only: the package ships ESM alone (no CJS build), like its peers' modern entries.
  execFileSync('npx', ['attw', tarball, '--profile', 'esm-only', '--exclude-entrypoints', './styles.css'], {
    stdio: 'inherit',
  })
  execFileSync('node', ['scripts/check-angular-aot.mjs', tarball], { stdio: 'inherit' })
} finally {
  rmSync(tarball, { force: true })
}
