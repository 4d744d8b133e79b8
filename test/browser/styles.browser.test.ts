import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cdp, page } from 'vitest/browser'
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
afterEach(async () => {
  host.replaceChildren()
  host.removeAttribute('dir')
  await page.viewport(1024, 768)
  await emulate([])
  document.querySelectorAll('style[data-app]').forEach((node) => node.remove())
})

async function emulate(features: { name: string; value: string }[]) {
  await cdp().send('Emulation.setEmulatedMedia', { features })
}

const pseudo = (element: Element | null, property: string) =>
  getComputedStyle(element!, '::before').getPropertyValue(property)

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

  it('gives errors, warnings and successes their own colour and their own icon', () => {
    const notices = ['signInUp.signIn.formError', 'passkeys.unsupported', 'resetPassword.done'].map((name) => {
      const notice = render(name).querySelector('[data-af-form-error], [data-af-status]')!
      return { color: getComputedStyle(notice).color, icon: pseudo(notice, 'mask-image') }
    })
    expect(new Set(notices.map((notice) => notice.color)).size).toBe(3)
    expect(new Set(notices.map((notice) => notice.icon)).size).toBe(3)
    for (const { icon } of notices) expect(icon).toMatch(/^url\("data:image\/svg\+xml/)
    const field = render('signInUp.signIn.fieldErrors').querySelector('[data-af-field-error]')!
    expect(getComputedStyle(field).color).toBe(notices[0]!.color)
  })

  it('shows no error state in the success colour', () => {
    const success = getComputedStyle(render('resetPassword.done').querySelector('[data-af-status]')!).color
    for (const name of Object.keys(states)) {
      const root = render(name.replace(/^.*\/|\.txt$/g, ''))
      for (const error of root.querySelectorAll('[data-af-form-error], [data-af-error], [data-af-field-error]'))
        expect(getComputedStyle(error).color, name).not.toBe(success)
      for (const status of root.querySelectorAll('[data-af-status]:not([data-af-status="success"])'))
        expect(getComputedStyle(status).color, name).not.toBe(success)
    }
  })

  it('fits every screen state in a 320 px wide phone, left to right and right to left', async () => {
    await page.viewport(320, 640)
    for (const dir of ['ltr', 'rtl']) {
      host.dir = dir
      for (const name of Object.keys(states)) {
        render(name.replace(/^.*\/|\.txt$/g, ''))
        expect(document.documentElement.scrollWidth, `${name} ${dir}`).toBeLessThanOrEqual(320)
      }
    }
  })

  it('puts the password toggle inside the field at its inline end, the same size pressed or not', () => {
    for (const dir of ['ltr', 'rtl']) {
      host.dir = dir
      const frame = render('resetPassword.newPassword').querySelector('[data-af-password]')!
      const input = frame.querySelector('input')!.getBoundingClientRect()
      const toggle = frame.querySelector('[data-af-toggle]')!
      const box = toggle.getBoundingClientRect()
      const outer = frame.getBoundingClientRect()
      if (dir === 'ltr') expect(box.left).toBeGreaterThanOrEqual(input.right)
      else expect(box.right).toBeLessThanOrEqual(input.left)
      expect(box.top).toBeGreaterThanOrEqual(outer.top)
      expect(box.bottom).toBeLessThanOrEqual(outer.bottom)
      const height = outer.height
      toggle.setAttribute('aria-pressed', 'true')
      expect(frame.getBoundingClientRect().height).toBe(height)
      expect(getComputedStyle(toggle.querySelectorAll('path')[1]!).display).toBe('inline')
    }
  })

  it('spins the busy spinner only without prefers-reduced-motion', async () => {
    const busy = () => render('signInUp.signIn.busy').querySelector('[data-af-submit]')!
    expect(busy().getAttribute('aria-busy')).toBe('true')
    expect(pseudo(busy(), 'animation-name')).toBe('af-spin')
    await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }])
    expect(pseudo(busy(), 'animation-name')).toBe('none')
    expect(pseudo(busy(), 'content')).toBe('""')
  })

  it('keeps the notice icons visible in forced colours, in the text colour', async () => {
    await emulate([{ name: 'forced-colors', value: 'active' }])
    const notice = render('signInUp.signIn.formError').querySelector('[data-af-form-error]')!
    expect(pseudo(notice, 'background-color')).toBe(getComputedStyle(notice).color)
    expect(pseudo(notice, 'background-color')).not.toBe('rgba(0, 0, 0, 0)')
  })

  it('keeps the busy spinner an open ring in forced colours, in the colour of the text beside it', async () => {
    // Forced colours repaint every border side, a transparent one too (a closed ring that reads as a bullet); a mask
    // is left alone, so the gap must be cut by one.
    await emulate([{ name: 'forced-colors', value: 'active' }])
    host.innerHTML = html('signInUp.signIn.busy', 'a') + html('thirdPartyCallback.busy', 'b')
    const spinners = [...host.querySelectorAll('[aria-busy="true"], [data-af-status="progress"]')]
    expect(spinners).toHaveLength(2)
    for (const spinner of spinners) {
      const name = spinner.outerHTML.slice(0, 40)
      expect(pseudo(spinner, 'content'), name).toBe('""')
      expect(pseudo(spinner, 'background-color'), name).toMatch(/^rgba\(.*, 0\)$/)
      for (const side of ['top', 'right', 'bottom', 'left'])
        expect(pseudo(spinner, `border-${side}-color`), `${name} ${side}`).toBe(getComputedStyle(spinner).color)
      expect(pseudo(spinner, 'mask-image'), name).toMatch(/^conic-gradient\(.*rgba\(0, 0, 0, 0\)/)
    }
  })

  it('spaces "Set a new password" evenly: field to field as last field to the button', () => {
    const root = render('resetPassword.newPassword')
    const [first, second] = [...root.querySelectorAll('[data-af-field]')].map((field) => field.getBoundingClientRect())
    const submit = root.querySelector('[data-af-submit]')!.getBoundingClientRect()
    const frames = [...root.querySelectorAll('[data-af-password]')].map((frame) => frame.getBoundingClientRect())
    expect(second!.top - frames[0]!.bottom).toBeCloseTo(submit.top - frames[1]!.bottom, 0)
    expect(first).toBeDefined()
  })
})
