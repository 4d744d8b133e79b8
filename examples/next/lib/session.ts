import { createSessionVerifier } from 'authfront/server'
import { apiBasePath, appOrigin } from './config'

// Once per process, so the backend's keys stay cached between requests (docs/SERVER.md).
export const sessions = createSessionVerifier({ apiDomain: appOrigin, apiBasePath })
