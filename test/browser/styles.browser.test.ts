import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import css from '../../components/styles/authfront.css?raw'

// authfront.css in Chromium, over the markup every binding renders (the contract snapshots, test/contract/__markup__).
const states = import.meta.glob<string>('../contract/__markup__/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** A snapshot as HTML: the `.value` / `.checked` pseudo-attributes dropped, `{id}` made unique per render. */
function html(name: string, prefix = 'x'): string {
  const text = states[`../contract/__markup__/${name}.txt`]
  if (text === undefined) throw new Error(`no markup snapshot ${name}`)
  return text.replace(/ \.(value|checked)="[^"]*"/g, '').replaceAll('{id}', prefix)
}

const host = document.createElement('div')
let style: HTMLStyleElement

beforeAll(() => {
  style = document.createElement('style')
  style.textContent = css
  document.head.append(style)
  document.body.append(host)
})
afterEach(() => {
  host.replaceChildren()
  document.querySelectorAll('style[data-app]').forEach((node) => node.remove())
})

function render(name: string): HTMLElement {
  host.innerHTML = html(name)
  return host.firstElementChild as HTMLElement
}

describe('authfront.css', () => {
  it('puts every rule in the authfront cascade layer', () => {
    const rules = [...(style.sheet?.cssRules ?? [])]
    expect(rules).toHaveLength(1)
    expect(rules[0]).toBeInstanceOf(CSSLayerBlockRule)
    expect((rules[0] as CSSLayerBlockRule).name).toBe('authfront')
  })

  it("lets an app's unlayered rule win over a more specific one of ours, without !important", () => {
    const app = document.createElement('style')
    app.dataset['app'] = ''
    app.textContent = '[data-af-submit] { background-color: rgb(1, 2, 3) } [data-af-root] { --af-danger: rgb(4, 5, 6) }'
    document.head.append(app)
    const root = render('signInUp.signIn.formError')
    expect(getComputedStyle(root.querySelector('[data-af-submit]')!).backgroundColor).toBe('rgb(1, 2, 3)')
    expect(getComputedStyle(root.querySelector('[data-af-form-error]')!).color).toBe('rgb(4, 5, 6)')
  })

  it('keeps the first names of the colour tokens working next to the role names', () => {
    const app = document.createElement('style')
    app.dataset['app'] = ''
    app.textContent = '[data-af-root] { --af-error: rgb(7, 8, 9); --af-bg: rgb(10, 11, 12) }'
    document.head.append(app)
    const root = render('signInUp.signIn.formError')
    expect(getComputedStyle(root.querySelector('[data-af-form-error]')!).color).toBe('rgb(7, 8, 9)')
    expect(getComputedStyle(root).backgroundColor).toBe('rgb(10, 11, 12)')
  })
})
