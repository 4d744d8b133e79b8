// What a password manager reads from the live DOM: forms, autocomplete tokens, labels wired to their inputs.
import assert from 'node:assert/strict'
import type { Page } from '@playwright/test'
import { test } from './lib/fixtures'
import { button, expectHeading, mock, uniqueEmail } from './lib/helpers'

/** Every visible input of the auth form, as a password manager sees it. */
const readForm = (page: Page) =>
  page.evaluate(() => {
    const form = document.querySelector('form[data-af-form]')
    if (!form) return undefined
    return {
      hasSubmit: form.querySelector('button[type="submit"]') !== null,
      inputs: [...form.querySelectorAll('input')].map((input) => ({
        name: input.name,
        type: input.type,
        autocomplete: input.getAttribute('autocomplete'),
        labels: [...(input.labels ?? [])].map((label) => label.textContent?.trim()),
        inForm: input.form === form,
        idUnique: document.querySelectorAll(`#${CSS.escape(input.id)}`).length === 1,
      })),
    }
  })

const field = (name: string, type: string, autocomplete: string, label: string) => ({
  name,
  type,
  autocomplete,
  labels: [label],
  inForm: true,
  idUnique: true,
})

test('password manager: sign-in, sign-up and new-password forms expose the right tokens and labels', async ({
  page,
}) => {
  await page.goto('/auth')
  await expectHeading(page, 'Sign in')
  assert.deepEqual(await readForm(page), {
    hasSubmit: true,
    inputs: [field('email', 'email', 'email', 'Email'), field('password', 'password', 'current-password', 'Password')],
  })

  await button(page, 'Sign up').click()
  await expectHeading(page, 'Create an account')
  assert.deepEqual(await readForm(page), {
    hasSubmit: true,
    inputs: [field('email', 'email', 'email', 'Email'), field('password', 'password', 'new-password', 'Password')],
  })

  const email = uniqueEmail('pm')
  await mock(page, (m, e) => void m.users.add({ email: e, password: 'correct-horse-42' }), email)
  await page.goto('/auth/reset-password')
  await expectHeading(page, 'Reset your password')
  assert.deepEqual(await readForm(page), {
    hasSubmit: true,
    inputs: [field('email', 'email', 'email', 'Email')],
  })
  await page.goto('/auth/reset-password?token=some-token')
  await expectHeading(page, 'Set a new password')
  assert.deepEqual(await readForm(page), {
    hasSubmit: true,
    inputs: [
      field('password', 'password', 'new-password', 'New password'),
      field('confirmPassword', 'password', 'new-password', 'Confirm password'),
    ],
  })
})
