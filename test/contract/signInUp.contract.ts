/**
 * Behaviour of the SignInUp screen, run by every binding against the real client and mock backend.
 */
import { describe, expect, it } from 'vitest'
import { waitFor, within } from '@testing-library/dom'
import { fr, registerLocale } from '../../src/flows'
import { axeViolations } from './axe'
import { ADA, createCase, formFieldsOf, useContractServer, setupUser } from './harness'
import type { ContractCase, ContractRender, RenderRequest } from './harness'
import { expectMarkup } from './markup'

const SIGN_UP_FIELDS = [
  { id: 'name', label: 'Full name', autoComplete: 'name' },
  {
    id: 'plan',
    label: 'Plan',
    type: 'select',
    defaultValue: 'free',
    options: [
      { value: 'free', label: 'Free' },
      { value: 'pro', label: 'Pro' },
    ],
  },
  { id: 'newsletter', label: 'Send me news', type: 'checkbox', optional: true },
  { id: 'terms', label: 'I accept the terms', type: 'checkbox' },
]

export function signInUpContract(render: ContractRender, options: { markup?: boolean } = {}): void {
  const checkMarkup = options.markup ?? true
  useContractServer()

  const setup = async (props: Record<string, unknown> = {}, caseOptions: Parameters<typeof createCase>[0] = {}) => {
    const c = await createCase(caseOptions)
    const request: RenderRequest = {
      component: 'SignInUp',
      client: c.client,
      props: { navigate: c.navigate, ...props },
    }
    const rendered = await render(request)
    const view = within(rendered.container)
    const user = setupUser()
    // The initial session check (one refresh probe) settles before the test interacts.
    await waitFor(() => expect(c.client.store.getState().status).not.toBe('loading'))
    return { ...c, ...rendered, view, user }
  }

  const fill = async (user: ReturnType<typeof setupUser>, input: HTMLElement, text: string) => {
    await user.clear(input)
    if (text !== '') await user.type(input, text)
  }

  const sessionCount = (c: ContractCase, email: string) => c.backend.sessions.forUser(email).length

  describe('SignInUp', { timeout: 30_000 }, () => {
    it('renders the sign-in form with labelled inputs, autocomplete tokens and an empty live region', async () => {
      const { view, container } = await setup()
      expect(view.getByRole('heading', { name: 'Sign in' })).toBeTruthy()
      const form = container.querySelector('form')
      expect(document.getElementById(form?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Sign in')
      const email = view.getByLabelText('Email') as HTMLInputElement
      const password = view.getByLabelText('Password') as HTMLInputElement
      expect(email.getAttribute('autocomplete')).toBe('email')
      expect(email.type).toBe('email')
      expect(password.getAttribute('autocomplete')).toBe('current-password')
      expect(password.type).toBe('password')
      expect(view.getByRole('status').textContent).toBe('')
      expect(view.getByRole('status').getAttribute('aria-live')).toBe('polite')
      expect(container.querySelectorAll('[aria-live], [role="status"], [role="alert"]')).toHaveLength(1)
      expect(view.getByRole('button', { name: 'Sign in' }).getAttribute('type')).toBe('submit')
      expect(container.querySelector('[data-af-root]')?.getAttribute('data-af-theme')).toBe('auto')
      expect(await axeViolations(container)).toEqual([])
      if (checkMarkup) await expectMarkup(container, 'signInUp.signIn')
    })

    it('signs in with the keyboard only and redirects to "/"', async () => {
      const c = await setup()
      await c.user.tab()
      await c.user.tab()
      expect(document.activeElement).toBe(c.view.getByLabelText('Email'))
      await c.user.keyboard(ADA.email)
      await c.user.tab()
      expect(document.activeElement).toBe(c.view.getByLabelText('Password'))
      await c.user.keyboard(`${ADA.password}{Enter}`)
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(c.client.store.getState().status).toBe('signedIn')
      expect(sessionCount(c, ADA.email)).toBe(1)
      expect(await formFieldsOf(c.requestsTo('/signin', 'POST')[0])).toEqual(ADA)
      expect(c.view.getByRole('status').textContent).toContain('Signed in')
    })

    it('signs up with the keyboard only, sending custom fields as formFields', async () => {
      const c = await setup(
        { initialScreen: 'signUp', signUpFields: SIGN_UP_FIELDS },
        { signUpFields: [{ id: 'name' }, { id: 'plan' }, { id: 'newsletter', optional: true }, { id: 'terms' }] },
      )
      expect(c.view.getByRole('heading', { name: 'Create an account' })).toBeTruthy()
      expect(c.view.getByLabelText('Password').getAttribute('autocomplete')).toBe('new-password')
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.signUp.customFields')
      expect(await axeViolations(c.container)).toEqual([])
      c.view.getByLabelText('Email').focus()
      await c.user.keyboard('grace@example.com')
      await c.user.tab()
      await c.user.keyboard('secret123')
      await c.user.tab() // show-password toggle
      await c.user.tab()
      expect(document.activeElement).toBe(c.view.getByLabelText('Full name'))
      await c.user.keyboard('Grace Hopper')
      await c.user.tab()
      expect(document.activeElement).toBe(c.view.getByLabelText('Plan'))
      await c.user.tab()
      await c.user.tab()
      expect(document.activeElement).toBe(c.view.getByLabelText('I accept the terms'))
      await c.user.keyboard(' ')
      await c.user.tab()
      expect(document.activeElement).toBe(c.view.getByRole('button', { name: 'Sign up' }))
      await c.user.keyboard('{Enter}')
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      const sent = await formFieldsOf(c.requestsTo('/signup', 'POST')[0])
      expect(sent).toEqual({
        email: 'grace@example.com',
        password: 'secret123',
        name: 'Grace Hopper',
        plan: 'free',
        terms: true,
      })
      expect(c.backend.users.get('grace@example.com')?.fields).toMatchObject({ name: 'Grace Hopper', plan: 'free' })
      expect(c.client.store.getState().status).toBe('signedIn')
    })

    it('forwards select and checkbox changes and sends them as formFields', async () => {
      const c = await setup(
        { initialScreen: 'signUp', signUpFields: SIGN_UP_FIELDS, checkEmailExists: false },
        { signUpFields: [{ id: 'name' }, { id: 'plan' }, { id: 'newsletter', optional: true }, { id: 'terms' }] },
      )
      await c.user.type(c.view.getByLabelText('Email'), 'linus@example.com')
      await c.user.type(c.view.getByLabelText('Password'), 'secret123')
      await c.user.type(c.view.getByLabelText('Full name'), 'Linus')
      await c.user.selectOptions(c.view.getByLabelText('Plan'), 'pro')
      await c.user.click(c.view.getByLabelText(/Send me news/))
      await c.user.click(c.view.getByRole('button', { name: 'Sign up' }))
      const terms = c.view.getByLabelText('I accept the terms')
      await waitFor(() => expect(terms.getAttribute('aria-invalid')).toBe('true'))
      await waitFor(() => expect(document.activeElement).toBe(terms))
      expect((c.view.getByLabelText('Plan') as HTMLSelectElement).value).toBe('pro')
      expect((c.view.getByLabelText(/Send me news/) as HTMLInputElement).checked).toBe(true)
      await c.user.click(terms)
      await c.user.click(c.view.getByRole('button', { name: 'Sign up' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(await formFieldsOf(c.requestsTo('/signup', 'POST')[0])).toEqual({
        email: 'linus@example.com',
        password: 'secret123',
        name: 'Linus',
        plan: 'pro',
        newsletter: true,
        terms: true,
      })
    })

    it('does not flag an empty field on blur, only on submit', async () => {
      const c = await setup()
      c.view.getByLabelText('Password').focus()
      await c.user.tab()
      // A later validation that does show proves the earlier blur of the empty password has settled.
      await c.user.type(c.view.getByLabelText('Email'), 'nope')
      await c.user.tab()
      await waitFor(() => expect(c.view.getByText('Enter a valid email address')).toBeTruthy())
      expect(c.view.getByLabelText('Password').getAttribute('aria-invalid')).toBe('false')
      expect(c.view.queryByText('Fill in this field')).toBeNull()
    })

    it('validates on submit: errors on the fields, aria wiring, focus on the first invalid field, no request', async () => {
      const c = await setup()
      await c.user.click(c.view.getByRole('button', { name: 'Sign in' }))
      const email = c.view.getByLabelText('Email')
      await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'))
      const emailError = document.getElementById(email.getAttribute('aria-describedby') ?? '')
      expect(emailError?.textContent).toBe('Fill in this field')
      const password = c.view.getByLabelText('Password')
      expect(password.getAttribute('aria-invalid')).toBe('true')
      expect(document.getElementById(password.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
        'Fill in this field',
      )
      await waitFor(() => expect(document.activeElement).toBe(email))
      expect(c.requestsTo('/signin')).toHaveLength(0)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.signIn.fieldErrors')
    })

    it('validates the email on blur with the backend message, and clears the error when typing', async () => {
      const c = await setup()
      const email = c.view.getByLabelText('Email')
      await c.user.type(email, 'not-an-email')
      await c.user.tab()
      await waitFor(() => expect(c.view.getByText('Enter a valid email address')).toBeTruthy())
      const describedBy = email.getAttribute('aria-describedby') ?? ''
      expect(describedBy).toMatch(/-email-error$/)
      expect(document.getElementById(describedBy)?.textContent).toBe('Enter a valid email address')
      await c.user.type(email, 'x')
      expect(c.view.queryByText('Enter a valid email address')).toBeNull()
      expect(email.hasAttribute('aria-describedby')).toBe(false)
    })

    it('applies the backend password rules on sign-up, in the backend order', async () => {
      const c = await setup({ initialScreen: 'signUp' })
      const password = c.view.getByLabelText('Password')
      const cases: [string, string][] = [
        ['short1', 'Use at least 8 characters, including a number'],
        ['12345678', 'Add at least one letter'],
        ['abcdefgh', 'Add at least one number'],
        [`a1${'x'.repeat(98)}`, 'Use fewer than 100 characters'],
      ]
      for (const [value, message] of cases) {
        await fill(c.user, password, value)
        await c.user.tab()
        await waitFor(() => expect(c.view.getByText(message)).toBeTruthy())
        password.focus()
      }
    })

    it('shows "email already exists" on sign-up email blur, after local validation passes', async () => {
      const c = await setup({ initialScreen: 'signUp' })
      await c.user.type(c.view.getByLabelText('Email'), ADA.email)
      await c.user.tab()
      await waitFor(() =>
        expect(c.view.getByText('An account with this email already exists. Sign in instead.')).toBeTruthy(),
      )
      expect(c.requestsTo('/emailpassword/email/exists', 'GET')).toHaveLength(1)
      await fill(c.user, c.view.getByLabelText('Email'), 'bad')
      await c.user.tab()
      await waitFor(() => expect(c.view.getByText('Enter a valid email address')).toBeTruthy())
      expect(c.requestsTo('/emailpassword/email/exists')).toHaveLength(1)
    })

    it('shows a server FIELD_ERROR on its field and keeps the typed values', async () => {
      const c = await setup({ initialScreen: 'signUp', checkEmailExists: false })
      await c.user.type(c.view.getByLabelText('Email'), ADA.email)
      await c.user.type(c.view.getByLabelText('Password'), 'another12')
      await c.user.click(c.view.getByRole('button', { name: 'Sign up' }))
      await waitFor(() => expect(c.view.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true'))
      expect(c.view.getByText('An account with this email already exists. Sign in instead.')).toBeTruthy()
      await waitFor(() => expect(document.activeElement).toBe(c.view.getByLabelText('Email')))
      expect((c.view.getByLabelText('Email') as HTMLInputElement).value).toBe(ADA.email)
      expect((c.view.getByLabelText('Password') as HTMLInputElement).value).toBe('another12')
      expect(c.navigate).not.toHaveBeenCalled()
    })

    it('announces wrong credentials in the live region and keeps the typed values', async () => {
      const c = await setup()
      await c.user.type(c.view.getByLabelText('Email'), ADA.email)
      await c.user.type(c.view.getByLabelText('Password'), 'wrong-password1')
      await c.user.keyboard('{Enter}')
      await waitFor(() => expect(c.view.getByRole('alert').textContent).toBe('Incorrect email or password'))
      expect((c.view.getByLabelText('Email') as HTMLInputElement).value).toBe(ADA.email)
      expect((c.view.getByLabelText('Password') as HTMLInputElement).value).toBe('wrong-password1')
      expect(c.client.store.getState().status).toBe('signedOut')
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.signIn.formError')
    })

    it('moves focus to the form error after a mouse-submitted wrong password', async () => {
      const c = await setup()
      await c.user.type(c.view.getByLabelText('Email'), ADA.email)
      await c.user.type(c.view.getByLabelText('Password'), 'wrong-password1')
      await c.user.click(c.view.getByRole('button', { name: 'Sign in' }))
      const alert = await c.view.findByRole('alert')
      expect(alert.textContent).toBe('Incorrect email or password')
      await waitFor(() => expect(document.activeElement).toBe(alert))
    })

    it('gives two screens in one document their own ids, each input one label', async () => {
      const first = await setup()
      const second = await setup({ initialScreen: 'signUp', signUpFields: [{ id: 'name', label: 'Full name' }] })
      const ids = [...document.querySelectorAll('[id]')].map((element) => element.id)
      expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
      for (const view of [first.view, second.view]) {
        // The accessible name comes from the label whose `for` points at this input: "Email", never "Email Email".
        const email = view.getByRole('textbox', { name: 'Email' })
        expect(view.getByText('Email', { selector: 'label' }).getAttribute('for')).toBe(email.id)
      }
      expect(second.view.getByRole('textbox', { name: 'Full name' })).toBeTruthy()
      await second.user.click(second.view.getByRole('button', { name: 'Sign up' }))
      // The second screen's errors point at its own error elements.
      const name = second.view.getByRole('textbox', { name: 'Full name' })
      await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'))
      expect(second.container.querySelector(`#${name.getAttribute('aria-describedby')}`)?.textContent).toBe(
        'Fill in this field',
      )
      expect(first.container.querySelector('[aria-invalid="true"]')).toBeNull()
    })

    it('takes a locale tag as well as a catalog', async () => {
      registerLocale('fr', fr)
      const c = await setup({ locale: 'fr' })
      expect(c.view.getByRole('heading', { name: 'Connexion' })).toBeTruthy()
    })

    it('shows a retryable error on network failure and succeeds on retry without retyping', async () => {
      const c = await setup()
      c.backend.controls.networkErrorNext({ match: '/signin' })
      await c.user.type(c.view.getByLabelText('Email'), ADA.email)
      await c.user.type(c.view.getByLabelText('Password'), ADA.password)
      await c.user.click(c.view.getByRole('button', { name: 'Sign in' }))
      await waitFor(() => expect(c.view.getByRole('alert').textContent).toMatch(/Could not reach the server/))
      expect((c.view.getByLabelText('Password') as HTMLInputElement).value).toBe(ADA.password)
      await c.user.click(c.view.getByRole('button', { name: 'Sign in' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
    })

    it('shows a server error (500) as a retryable form error', async () => {
      const c = await setup()
      c.backend.controls.failNext({ match: '/signin', status: 500 })
      await c.user.type(c.view.getByLabelText('Email'), ADA.email)
      await c.user.type(c.view.getByLabelText('Password'), ADA.password)
      await c.user.keyboard('{Enter}')
      await waitFor(() =>
        expect(c.view.getByRole('alert').textContent).toBe('The server had a problem. Please try again.'),
      )
      expect(c.view.getByRole('button', { name: 'Sign in' }).hasAttribute('disabled')).toBe(false)
    })

    it('shows GENERAL_ERROR messages as text, never as HTML', async () => {
      const c = await setup()
      c.backend.controls.failNext({
        match: '/signin',
        status: 200,
        body: { status: 'GENERAL_ERROR', message: 'Maintenance <img src=x onerror=alert(1)> until 5' },
      })
      await c.user.type(c.view.getByLabelText('Email'), ADA.email)
      await c.user.type(c.view.getByLabelText('Password'), ADA.password)
      await c.user.keyboard('{Enter}')
      await waitFor(() =>
        expect(c.view.getByRole('alert').textContent).toBe('Maintenance <img src=x onerror=alert(1)> until 5'),
      )
      expect(c.container.querySelector('img')).toBeNull()
    })

    it('shows the reason of SIGN_IN_NOT_ALLOWED and SIGN_UP_NOT_ALLOWED', async () => {
      const c = await setup()
      c.backend.controls.failNext({
        match: '/signin',
        status: 200,
        body: { status: 'SIGN_IN_NOT_ALLOWED', reason: 'Cannot sign in due to security reasons. (ERR_CODE_008)' },
      })
      await c.user.type(c.view.getByLabelText('Email'), ADA.email)
      await c.user.type(c.view.getByLabelText('Password'), ADA.password)
      await c.user.keyboard('{Enter}')
      await waitFor(() =>
        expect(c.view.getByRole('alert').textContent).toBe('Cannot sign in due to security reasons. (ERR_CODE_008)'),
      )
      await c.user.click(c.view.getByRole('button', { name: 'Sign up' }))
      c.backend.controls.failNext({
        match: '/signup',
        status: 200,
        body: { status: 'SIGN_UP_NOT_ALLOWED', reason: 'Cannot sign up (ERR_CODE_007)' },
      })
      await fill(c.user, c.view.getByLabelText('Email'), 'new@example.com')
      await c.user.click(c.view.getByRole('button', { name: 'Sign up' }))
      await waitFor(() => expect(c.view.getByRole('alert').textContent).toBe('Cannot sign up (ERR_CODE_007)'))
      expect(c.backend.users.get('new@example.com')).toBeUndefined()
    })

    it('disables the submit button with aria-busy and a busy label while pending', async () => {
      const c = await setup()
      c.backend.controls.hangNext({ match: '/signin' })
      await c.user.type(c.view.getByLabelText('Email'), ADA.email)
      await c.user.type(c.view.getByLabelText('Password'), ADA.password)
      await c.user.keyboard('{Enter}')
      const busy = await c.view.findByRole('button', { name: 'Signing in…' })
      expect(busy.hasAttribute('disabled')).toBe(true)
      expect(busy.getAttribute('aria-busy')).toBe('true')
      await c.user.keyboard('{Enter}')
      expect(c.requestsTo('/signin')).toHaveLength(1)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.signIn.busy')
    })

    it('toggles password visibility with an aria-pressed button, by mouse and keyboard', async () => {
      const c = await setup()
      const password = c.view.getByLabelText('Password') as HTMLInputElement
      await c.user.type(password, 'abc')
      const toggle = c.view.getByRole('button', { name: 'Show password' })
      expect(toggle.getAttribute('type')).toBe('button')
      expect(toggle.getAttribute('aria-pressed')).toBe('false')
      expect(toggle.getAttribute('aria-controls')).toBe(password.id)
      await c.user.click(toggle)
      expect(password.type).toBe('text')
      expect(toggle.getAttribute('aria-pressed')).toBe('true')
      expect(password.value).toBe('abc')
      toggle.focus()
      await c.user.keyboard(' ')
      expect(password.type).toBe('password')
      expect(toggle.getAttribute('aria-pressed')).toBe('false')
      expect(c.requestsTo('/signin')).toHaveLength(0)
    })

    it('switches screens, keeps the typed email and moves focus to the new heading', async () => {
      const c = await setup()
      await c.user.type(c.view.getByLabelText('Email'), 'someone@example.com')
      await c.user.click(c.view.getByRole('button', { name: 'Sign up' }))
      const heading = await c.view.findByRole('heading', { name: 'Create an account' })
      await waitFor(() => expect(document.activeElement).toBe(heading))
      expect((c.view.getByLabelText('Email') as HTMLInputElement).value).toBe('someone@example.com')
      expect(c.container.querySelector('[data-af-screen]')?.getAttribute('data-af-screen')).toBe('signUp')
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.signUp')
      expect(await axeViolations(c.container)).toEqual([])
      await c.user.click(c.view.getByRole('button', { name: 'Sign in' }))
      const back = await c.view.findByRole('heading', { name: 'Sign in' })
      await waitFor(() => expect(document.activeElement).toBe(back))
    })

    it('opens the sign-up screen from ?show=signup', async () => {
      const c = await setup({ search: '?show=signup' })
      expect(c.view.getByRole('heading', { name: 'Create an account' })).toBeTruthy()
    })

    it('goes to the reset-password page through navigate, with a real href', async () => {
      const c = await setup()
      const link = c.view.getByRole('link', { name: 'Forgot password?' })
      expect(link.getAttribute('href')).toBe('/auth/reset-password')
      await c.user.click(link)
      expect(c.navigate).toHaveBeenCalledWith('/auth/reset-password')
    })

    it('redirects to a safe redirectToPath from the URL, and ignores an unsafe one', async () => {
      const safe = await setup({ search: '?redirectToPath=%2Faccount%3Ftab%3D2' })
      await safe.user.type(safe.view.getByLabelText('Email'), ADA.email)
      await safe.user.type(safe.view.getByLabelText('Password'), `${ADA.password}{Enter}`)
      await waitFor(() => expect(safe.navigate).toHaveBeenCalledWith('/account?tab=2'))
      await safe.unmount()

      const unsafe = await setup({ search: '?redirectToPath=%2F%2Fevil.example%2Fx' })
      await unsafe.user.type(unsafe.view.getByLabelText('Email'), ADA.email)
      await unsafe.user.type(unsafe.view.getByLabelText('Password'), `${ADA.password}{Enter}`)
      await waitFor(() => expect(unsafe.navigate).toHaveBeenCalledWith('/'))
    })

    it('redirects at once when a session already exists', async () => {
      const c = await setup({ redirectToPath: '/dashboard' }, { signInAs: ADA })
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/dashboard'))
      expect(c.navigate).toHaveBeenCalledTimes(1)
    })

    it('sends a new user to verify-email when email verification is required', async () => {
      const c = await setup({ initialScreen: 'signUp', checkEmailExists: false }, { emailVerification: 'required' })
      await c.user.type(c.view.getByLabelText('Email'), 'new@example.com')
      await c.user.type(c.view.getByLabelText('Password'), 'secret123{Enter}')
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/auth/verify-email'))
    })

    it('renders another locale and per-key overrides', async () => {
      const c = await setup({ locale: fr, messages: { 'signIn.heading': 'Bienvenue' } })
      expect(c.view.getByRole('heading', { name: 'Bienvenue' })).toBeTruthy()
      expect(c.view.getByLabelText('Mot de passe')).toBeTruthy()
      await c.user.click(c.view.getByRole('button', { name: 'Se connecter' }))
      await waitFor(() => expect(c.view.getAllByText('Renseignez ce champ')).toHaveLength(2))
    })

    it('renders unstyled without the data-af-theme hook', async () => {
      const c = await setup({ unstyled: true })
      expect(c.container.querySelector('[data-af-root]')?.hasAttribute('data-af-theme')).toBe(false)
      const forced = await setup({ theme: 'dark', idPrefix: 'second' })
      expect(forced.container.querySelector('[data-af-root]')?.getAttribute('data-af-theme')).toBe('dark')
      expect(forced.container.querySelector('#second-email')).not.toBeNull()
    })
  })
}
