import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

// The react and react18 projects run the same suites; this proves each really runs on its React major, so an alias
// that silently fell back to the root React 19 would fail here.
describe('React under test', () => {
  const major = process.env['AUTHFRONT_REACT_MAJOR']

  it('is the major version the project names, for react, react-dom and react-dom/server', () => {
    expect(major).toMatch(/^(18|19)$/)
    expect(version.split('.')[0]).toBe(major)
    expect(domVersion.split('.')[0]).toBe(major)
    expect(renderToString(<b>{version}</b>)).toBe(`<b>${version}</b>`)
  })
})
