// The "before" app of docs/MIGRATING.md: the app of migrationExample.ts on the official SDK (supertokens-web-js).
import SuperTokens from 'supertokens-web-js'
import Session from 'supertokens-web-js/recipe/session'
import EmailPassword from 'supertokens-web-js/recipe/emailpassword'

let api = ''

export function initAuth(apiDomain: string, onEvent: (action: string) => void) {
  api = apiDomain
  SuperTokens.init({
    appInfo: { appName: 'Shop', apiDomain, apiBasePath: '/auth' },
    recipeList: [Session.init({ onHandleEvent: (event) => onEvent(event.action) }), EmailPassword.init()],
  })
}

export async function signIn(email: string, password: string): Promise<string> {
  const response = await EmailPassword.signIn({
    formFields: [
      { id: 'email', value: email },
      { id: 'password', value: password },
    ],
  })
  if (response.status === 'FIELD_ERROR') return response.formFields.map((field) => field.error).join(' ')
  if (response.status === 'WRONG_CREDENTIALS_ERROR') return 'Wrong email or password'
  if (response.status === 'SIGN_IN_NOT_ALLOWED') return response.reason
  return `Welcome ${response.user.emails[0]}`
}

export async function loadProfile(): Promise<unknown> {
  if (!(await Session.doesSessionExist())) return 'signed out'
  // The plain fetch: the SDK adds the session and refreshes it when the API answers 401.
  const response = await fetch(`${api}/api/me`)
  return response.json()
}

export async function signOut() {
  await Session.signOut()
}
