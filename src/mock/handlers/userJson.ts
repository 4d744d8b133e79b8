import type { MockUser } from '../types'

/** The largest version in an `fdi-version` list; undefined when absent (node then assumes the latest). */
function maxFdiVersion(header: string | null): [number, number] | undefined {
  if (!header) return undefined
  let best: [number, number] | undefined
  for (const item of header.split(',')) {
    const [major = NaN, minor = 0] = item.trim().split('.').map(Number)
    if (Number.isNaN(major)) continue
    if (best === undefined || major > best[0] || (major === best[0] && minor > best[1])) best = [major, minor]
  }
  return best
}

/** Whether the user signs in with this recipe (users stored before `recipeId` existed are EmailPassword users). */
export function hasRecipe(user: MockUser, recipeId: NonNullable<MockUser['recipeId']>): boolean {
  return (user.recipeId ?? 'emailpassword') === recipeId
}

/**
 * The user as node sends it in sign-in/up answers (docs/PROTOCOL.md §2.2), for every login recipe. `credentialIds`:
 * the user's passkeys (WebAuthn login methods list them too).
 */
export function userJson(user: MockUser, request: Request, credentialIds: string[] = []) {
  const fdi = maxFdiVersion(request.headers.get('fdi-version'))
  const recipeId = user.recipeId ?? 'emailpassword'
  // node sends the legacy user shape to clients whose highest FDI is below 1.18 or in 2.x (docs/PROTOCOL.md §0).
  if (fdi !== undefined && (fdi[0] === 2 || (fdi[0] === 1 && fdi[1] < 18) || fdi[0] < 1)) {
    const legacy: Record<string, unknown> = { id: user.id, timeJoined: user.timeJoined }
    if (user.email !== '') legacy['email'] = user.email
    if (user.phoneNumber !== undefined) legacy['phoneNumber'] = user.phoneNumber
    if (user.thirdParty !== undefined) legacy['thirdParty'] = user.thirdParty
    return legacy
  }
  const method: Record<string, unknown> = {
    recipeId,
    recipeUserId: user.id,
    tenantIds: user.tenantIds,
    timeJoined: user.timeJoined,
    verified: user.verified,
  }
  if (user.email !== '') method['email'] = user.email
  if (user.phoneNumber !== undefined) method['phoneNumber'] = user.phoneNumber
  if (user.thirdParty !== undefined) method['thirdParty'] = user.thirdParty
  if (recipeId === 'webauthn') method['webauthn'] = { credentialIds }
  return {
    id: user.id,
    isPrimaryUser: false,
    tenantIds: user.tenantIds,
    emails: user.email === '' ? [] : [user.email],
    phoneNumbers: user.phoneNumber === undefined ? [] : [user.phoneNumber],
    thirdParty: user.thirdParty === undefined ? [] : [user.thirdParty],
    webauthn: { credentialIds },
    loginMethods: [method],
    timeJoined: user.timeJoined,
  }
}
