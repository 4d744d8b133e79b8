import type { MockLinkedLoginMethod, MockUser } from '../types'

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

/** A login method of a user: its own first, then the linked ones (oldest first). */
export type LoginMethod = Omit<MockLinkedLoginMethod, 'recipeId'> & {
  recipeId: NonNullable<MockUser['recipeId']>
  thirdParty?: { id: string; userId: string }
}

export function loginMethodsOf(user: MockUser): LoginMethod[] {
  const own: LoginMethod = {
    recipeId: user.recipeId ?? 'emailpassword',
    recipeUserId: user.id,
    tenantIds: user.tenantIds,
    timeJoined: user.timeJoined,
    verified: user.verified,
  }
  if (user.email !== '') own.email = user.email
  if (user.phoneNumber !== undefined) own.phoneNumber = user.phoneNumber
  if (user.thirdParty !== undefined) own.thirdParty = user.thirdParty
  return [own, ...(user.linkedLoginMethods ?? [])]
}

/**
 * The user as node sends it in sign-in/up answers (docs/PROTOCOL.md §2.2), for every login recipe. `credentialIds`:
 * the user's passkeys (WebAuthn login methods list them too).
 */
export function userJson(user: MockUser, request: Request, credentialIds: string[] = []) {
  const fdi = maxFdiVersion(request.headers.get('fdi-version'))
  // node sends the legacy user shape to clients whose highest FDI is below 1.18 or in 2.x (docs/PROTOCOL.md §0).
  if (fdi !== undefined && (fdi[0] === 2 || (fdi[0] === 1 && fdi[1] < 18) || fdi[0] < 1)) {
    const legacy: Record<string, unknown> = { id: user.id, timeJoined: user.timeJoined }
    if (user.email !== '') legacy['email'] = user.email
    if (user.phoneNumber !== undefined) legacy['phoneNumber'] = user.phoneNumber
    if (user.thirdParty !== undefined) legacy['thirdParty'] = user.thirdParty
    return legacy
  }
  const methods = loginMethodsOf(user)
  const distinct = (values: Array<string | undefined>) => [
    ...new Set(values.filter((value): value is string => value !== undefined)),
  ]
  return {
    id: user.id,
    // A user with linked login methods is a primary user (node's account linking).
    isPrimaryUser: methods.length > 1,
    tenantIds: user.tenantIds,
    emails: distinct(methods.map((method) => method.email)),
    phoneNumbers: distinct(methods.map((method) => method.phoneNumber)),
    thirdParty: user.thirdParty === undefined ? [] : [user.thirdParty],
    webauthn: { credentialIds },
    loginMethods: methods.map(({ recipeId, recipeUserId, tenantIds, timeJoined, verified, ...contact }) => ({
      recipeId,
      recipeUserId,
      tenantIds,
      timeJoined,
      verified,
      ...contact,
      ...(recipeId === 'webauthn' ? { webauthn: { credentialIds } } : {}),
    })),
    timeJoined: user.timeJoined,
  }
}
