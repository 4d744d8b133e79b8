/**
 * The headless flow of `PasskeySettings` (docs/RECIPES.md §5.1 credential management): the signed-in user's passkeys,
 * "Add a passkey", and "Remove" with a confirmation. Imported by the settings components only, so the sign-in page
 * never bundles it.
 */
import { createStore } from 'zustand/vanilla'
import type { PasskeyCredential } from '../recipes/factorTypes'
import { createMountCounter, resolveEnv, thrownMessage } from './core'
import { addDefaultTexts } from './messages'
import { enPasskeys } from './passkeyMessages'
import { passkeyFailure } from './passkeys'
import type { FlowClient, FlowOptions, FocusRequest, StatusTone, Theme } from './types'

export interface PasskeySettingsOptions extends FlowOptions {
  /** The account's email: "Add a passkey" needs it (the passkey is created for it). Without it, no add button. */
  email?: string
  /** The WebAuthn login method to add passkeys to. Defaults to that of the listed passkeys, else the session user. */
  recipeUserId?: string
}

/** One listed passkey (`li[data-af-passkey]`). */
export interface PasskeyItemView {
  id: string
  /** "Passkey added on 2026-12-06". */
  label: string
  /** The remove button's DOM id, its text and accessible name (which names the passkey). */
  remove: { id: string; label: string; name: string; isDisabled: boolean }
  /** The confirmation shown in place of the remove button; `undefined` when not asked. */
  confirm: { prompt: string; id: string; label: string; cancelLabel: string; isBusy: boolean } | undefined
}

export interface PasskeySettingsState {
  flow: 'passkeySettings'
  theme: Theme | undefined
  ids: { heading: string; live: string; formError: string; add: string }
  heading: string
  /** True until the first list arrives (the status says so). */
  isLoading: boolean
  /** "You have no passkey yet." once an empty list arrived. */
  emptyText: string | undefined
  passkeys: PasskeyItemView[]
  /** "Add a passkey"; `undefined` without the `email` option. */
  add: { label: string; isBusy: boolean; isDisabled: boolean } | undefined
  formError: string | undefined
  statusMessage: string | undefined
  /** `progress` while the list loads, `success` after an add or a removal. */
  statusTone: StatusTone | undefined
  focusRequest: FocusRequest | undefined
}

export interface PasskeySettingsFlow {
  getState(): PasskeySettingsState
  subscribe(listener: (state: PasskeySettingsState, previous: PasskeySettingsState) => void): () => void
  add(): Promise<void>
  askRemove(id: string): void
  confirmRemove(): Promise<void>
  cancelRemove(): void
  mount(): () => void
  destroy(): void
}

interface Model {
  credentials: PasskeyCredential[] | undefined
  busy: 'add' | 'remove' | undefined
  confirming: string | undefined
  formError: string | undefined
  statusMessage: string | undefined
  focusRequest: FocusRequest | undefined
}

/** Creates the `PasskeySettings` flow; it needs a session and the `webauthn()` plugin. */
export function createPasskeySettingsFlow(
  client: FlowClient,
  options: PasskeySettingsOptions = {},
): PasskeySettingsFlow {
  addDefaultTexts(enPasskeys)
  const env = resolveEnv(options)
  const { t, idPrefix } = env
  const ids = {
    heading: `${idPrefix}-heading`,
    live: `${idPrefix}-live`,
    formError: `${idPrefix}-form-error`,
    add: `${idPrefix}-passkey-add`,
  }
  let model: Model = {
    credentials: undefined,
    busy: undefined,
    confirming: undefined,
    formError: undefined,
    statusMessage: t('passkeySettings.loading'),
    focusRequest: undefined,
  }
  let destroyed = false
  let focusSeq = 0
  const removeId = (index: number) => `${idPrefix}-passkey-${index}-remove`

  const render = (): PasskeySettingsState => {
    const list = model.credentials ?? []
    return {
      flow: 'passkeySettings',
      theme: env.theme,
      ids,
      heading: t('passkeySettings.heading'),
      isLoading: model.credentials === undefined,
      emptyText: model.credentials?.length === 0 ? t('passkeySettings.empty') : undefined,
      passkeys: list.map((credential, index) => {
        // ISO day: the same text on the server and in every browser, whatever its locale.
        const date = new Date(credential.createdAt).toISOString().slice(0, 10)
        const id = credential.webauthnCredentialId
        return {
          id,
          label: t('passkeySettings.item', { date }),
          remove: {
            id: removeId(index),
            label: t('passkeySettings.remove'),
            name: t('passkeySettings.removeName', { date }),
            isDisabled: model.busy !== undefined,
          },
          confirm:
            model.confirming === id
              ? {
                  prompt: t('passkeySettings.confirmRemove'),
                  id: `${idPrefix}-passkey-confirm`,
                  label: t('passkeySettings.confirm'),
                  cancelLabel: t('passkeySettings.cancel'),
                  isBusy: model.busy === 'remove',
                }
              : undefined,
        }
      }),
      add:
        options.email === undefined
          ? undefined
          : {
              label: t(model.busy === 'add' ? 'passkeySettings.addBusy' : 'passkeySettings.add'),
              isBusy: model.busy === 'add',
              isDisabled: model.busy !== undefined,
            },
      formError: model.formError,
      statusMessage: model.statusMessage,
      statusTone: model.statusMessage === undefined ? undefined : model.credentials ? 'success' : 'progress',
      focusRequest: model.focusRequest,
    }
  }
  const store = createStore<PasskeySettingsState>()(() => render())
  const update = (patch: Partial<Model>) => {
    if (destroyed) return
    model = { ...model, ...patch }
    store.setState(render(), true)
  }
  const focus = (id: string) => update({ focusRequest: { id, seq: ++focusSeq } })
  const fail = (formError: string) => {
    update({ busy: undefined, confirming: undefined, formError, statusMessage: undefined })
    focus(ids.formError)
  }

  const load = async (statusMessage?: string) => {
    try {
      const result = await client.webauthn!.listCredentials()
      if (result.status !== 'OK') return fail(result.message || t('error.GENERAL_ERROR'))
      update({ credentials: result.credentials, busy: undefined, confirming: undefined, statusMessage })
    } catch (error) {
      fail(thrownMessage(t, error))
    }
  }

  let hasLoaded = false
  const mounted = createMountCounter(() => {
    if (!hasLoaded) {
      hasLoaded = true
      void load()
    }
    return () => {}
  })

  return {
    getState: () => store.getState(),
    subscribe: (listener) => store.subscribe(listener),
    async add() {
      const api = client.webauthn
      if (!api || options.email === undefined || model.busy) return
      update({ busy: 'add', confirming: undefined, formError: undefined, statusMessage: undefined })
      const recipeUserId =
        options.recipeUserId ?? model.credentials?.[0]?.recipeUserId ?? client.store.getState().userId ?? ''
      try {
        const result = await api.registerCredential({ email: options.email, recipeUserId })
        if (result.status !== 'OK') return fail(passkeyFailure(t, result))
        await load(t('passkeySettings.added'))
      } catch (error) {
        fail(thrownMessage(t, error))
      }
    },
    askRemove(id) {
      if (model.busy) return
      update({ confirming: id, formError: undefined, statusMessage: undefined })
      focus(`${idPrefix}-passkey-confirm`)
    },
    async confirmRemove() {
      const id = model.confirming
      if (!id || model.busy || !client.webauthn) return
      update({ busy: 'remove' })
      try {
        const result = await client.webauthn.removeCredential({ webauthnCredentialId: id })
        // Already gone (removed elsewhere): the fresh list says so.
        if (result.status === 'GENERAL_ERROR') return fail(result.message || t('error.GENERAL_ERROR'))
        await load(t('passkeySettings.removed'))
        focus(ids.heading)
      } catch (error) {
        fail(thrownMessage(t, error))
      }
    },
    cancelRemove() {
      const index = (model.credentials ?? []).findIndex(
        (credential) => credential.webauthnCredentialId === model.confirming,
      )
      update({ confirming: undefined })
      if (index >= 0) focus(removeId(index))
    },
    mount: mounted.mount,
    destroy() {
      mounted.stopAll()
      destroyed = true
    },
  }
}
