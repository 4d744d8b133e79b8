import { AuthPage } from 'authfront/react'

// Every auth screen (sign in and up, reset password, verify email…) on /auth/…, rendered on the server from the
// URL Next.js hands over, so the browser's first render equals the server HTML.
export default async function Auth(props: {
  params: Promise<{ path?: string[] }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { path = [] } = await props.params
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(await props.searchParams)) {
    // The auth pages' parameters (token, show, redirectToPath, tenantId…) come once each: keep the first.
    const first = Array.isArray(value) ? value[0] : value
    if (first !== undefined) query.set(name, first)
  }
  return <AuthPage pathname={['/auth', ...path].join('/')} search={`?${query}`} />
}
