import { useRuntimeConfig } from 'nitropack/runtime'

/** The origin users open the app on (NUXT_PUBLIC_APP_ORIGIN when the server starts): where the mock answers. */
export const appOrigin = () => String(useRuntimeConfig().public.appOrigin)

/** The mock's access-token lifetime (NUXT_ACCESS_TOKEN_LIFETIME_MS); not a positive number: the mock's default. */
export const accessTokenLifetimeMs = () => Number(useRuntimeConfig().accessTokenLifetimeMs)
