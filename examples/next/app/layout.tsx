import type { ReactNode } from 'react'
import { connection } from 'next/server'
import 'authfront/styles.css'
import { apiBasePath, appOrigin } from '../lib/config'
import { Providers } from './providers'

export const metadata = { title: 'authfront on Next.js' }

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so APP_ORIGIN is read where the server runs rather than frozen into the build.
  await connection()
  return (
    <html lang="en">
      <body>
        <Providers apiDomain={appOrigin} apiBasePath={apiBasePath}>
          {children}
        </Providers>
      </body>
    </html>
  )
}
