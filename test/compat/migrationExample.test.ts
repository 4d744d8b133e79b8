// @vitest-environment jsdom
// The migration guide's "after" app (docs/MIGRATING.md) runs against the mock in a jsdom page and behaves as the
// "before" app does on the official SDK (migrationBefore.test.ts: same transcript); the guide shows both files and
// they differ in their imports only.
import { readFileSync } from 'node:fs'
import { afterAll, expect, it } from 'vitest'
import * as after from './migrationExample'
import { expectedTranscript, runScenario, startBackend } from './migrationScenario'

const mock = startBackend()
afterAll(() => mock.server.close())

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
/** The code below the file's leading comment. */
const code = (path: string) => read(path).replace(/^(\/\/.*\n)+/, '')
const withoutImports = (text: string) => text.replace(/^import .*\n/gm, '')

it('the after app signs in, calls the API, survives an expired token and signs out like the before app', async () => {
  expect(await runScenario(after, mock)).toEqual(expectedTranscript)
})

it('the guide shows both apps as tested, and they differ in their imports only', () => {
  const guide = read('../../docs/MIGRATING.md')
  expect(guide).toContain('```ts\n' + code('./migrationExample.ts') + '```')
  expect(guide).toContain('```ts\n' + code('./migrationExample.before.ts') + '```')
  expect(withoutImports(code('./migrationExample.ts'))).toBe(withoutImports(code('./migrationExample.before.ts')))
})
