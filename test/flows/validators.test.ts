import { describe, expect, it } from 'vitest'
import { en, fr, createTranslator, validateEmail, validatePassword } from '../../src/flows'
import type { MessageCatalog, MessageKey } from '../../src/flows'
import { enPasskeys } from '../../src/flows/passkeyMessages'
import { enMfa, enRecipes } from '../../src/flows/recipeMessages'

// The complete English texts: the core catalog and the login-recipe, MFA and passkey screens' defaults.
const english: Record<MessageKey, string> = { ...en, ...enRecipes, ...enMfa, ...enPasskeys }

describe('validators (backend defaults, docs/PROTOCOL.md §1.4)', () => {
  it.each(['ada@example.com', ' ada@example.com ', 'a.b+c@sub.example.co', '"quoted"@example.com', 'x@[127.0.0.1]'])(
    'accepts %s',
    (email) => expect(validateEmail(email)).toBeUndefined(),
  )

  it.each(['', 'ada', 'ada@', '@example.com', 'ada@example', 'ada@example.c', 'a b@example.com', 'ada@@example.com'])(
    'rejects %s',
    (email) => expect(validateEmail(email)).toBe('error.email.invalid'),
  )

  it.each<[string, MessageKey | undefined]>([
    ['abc1', 'error.password.tooShort'],
    ['1234567', 'error.password.tooShort'],
    ['12345678', 'error.password.noLetter'],
    ['abcdefgh', 'error.password.noNumber'],
    [`a1${'x'.repeat(97)}`, undefined],
    [`a1${'x'.repeat(98)}`, 'error.password.tooLong'],
    ['password1', undefined],
  ])('password %s → %s', (password, key) => expect(validatePassword(password)).toBe(key))

  it('uses the exact backend texts in English', () => {
    const t = createTranslator()
    expect(t('error.password.tooShort')).toBe('Use at least 8 characters, including a number')
    expect(t('error.password.tooLong')).toBe('Use fewer than 100 characters')
    expect(t('error.password.noLetter')).toBe('Add at least one letter')
    expect(t('error.password.noNumber')).toBe('Add at least one number')
    expect(t('error.email.invalid')).toBe('Enter a valid email address')
    expect(t('error.field.required')).toBe('Fill in this field')
    expect(t('error.confirmPassword.mismatch')).toBe('The passwords don’t match')
  })
})

describe('message catalog', () => {
  it('has every English key in every shipped locale, and no extra key', () => {
    const keys = Object.keys(english).sort()
    expect(Object.keys(fr).sort()).toEqual(keys)
    for (const key of keys) expect(fr[key as MessageKey]?.trim(), key).not.toBe('')
  })

  it('keeps the same placeholders in every locale', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()
    for (const key of Object.keys(english) as MessageKey[]) {
      expect(placeholders(fr[key] ?? ''), key).toEqual(placeholders(english[key]))
    }
  })

  it('translates keys, backend texts and params; overrides win; unknown text passes through', () => {
    const t = createTranslator(fr, { 'signIn.heading': 'Bonjour' })
    expect(t('signIn.heading')).toBe('Bonjour')
    expect(t('Email is invalid')).toBe(fr['error.email.invalid'])
    expect(t('emailVerification.resendIn', { seconds: 5 })).toBe('Renvoyer dans 5 s')
    expect(t('Custom <b>text</b>')).toBe('Custom <b>text</b>')
  })

  it('falls back to every English text of `en` for the `en` tag and for a catalog that lacks keys', () => {
    // The screens register the reset-password and email-verification texts when created; none is created here.
    for (const t of [
      createTranslator('en'),
      createTranslator({ 'signIn.heading': 'Hi' } as unknown as MessageCatalog),
    ]) {
      expect(t('resetPassword.new.heading')).toBe('Set a new password')
      expect(t('emailVerification.resendIn', { seconds: 5 })).toBe('Resend email in 5 s')
      expect(t('error.confirmPassword.mismatch')).toBe('The passwords don’t match')
    }
  })
})
