// Mastodon accounts and statuses behind the IPC contract (src/core/ipc/mastodon.ts), with the same deps as the
// WordPress handlers (safeStorage, the data folder, fetch), so Node tests and the e2e harness run them for real
// against the local Mastodon double (test/support/mastodon).
//
// Secrets: the access token goes from the save call straight into the encrypted credential store
// (electron/main/secrets.ts) and comes out only to build the Authorization header. It is never returned, logged
// or written anywhere else; the canary test (test/node/publishing/mastodon.integration.test.ts) checks it.
// The store is its own file (mastodon-secrets.json) rather than the WordPress one: each store serialises its own
// read-modify-writes, so two stores on one file could drop each other's entries.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { MastodonAccount, MastodonPosted } from '../../../src/core/ipc/mastodon'
import { IpcFailure } from '../../../src/core/ipc/result'
import { checkMastodonSchedule } from '../../../src/core/publish/schedule'
import type { HandlerInput, Handlers } from '../ipc/dispatcher'
import { createSecretStore, type SafeStorageApi, type SecretFileSystem } from '../secrets'
import { createAccountStore } from './accounts'
import {
  cancelScheduledStatus,
  createMastodonClient,
  normaliseInstanceUrl,
  postStatus,
  readInstance,
  rescheduleStatus,
  uploadMedia,
  verifyCredentials,
  type Fetch,
  type MastodonClient,
  type MastodonClientOptions,
} from './mastodonClient'

export interface MastodonDeps {
  safeStorage: SafeStorageApi
  dataDir: string
  fetch: Fetch
  now?: () => number
  fs?: SecretFileSystem
  /** Media polling waits (tests pass short ones). */
  client?: MastodonClientOptions
}

export const MASTODON_ACCOUNTS_FILE = 'mastodon-accounts.json'
export const MASTODON_SECRETS_FILE = 'mastodon-secrets.json'

export type MastodonChannel =
  | 'mastodonAccountSave'
  | 'mastodonAccountList'
  | 'mastodonAccountVerify'
  | 'mastodonAccountRemove'
  | 'mastodonPostStatus'
  | 'mastodonReschedule'
  | 'mastodonCancelScheduled'

const tokenKey = (accountId: string): string => `mastodon-account:${accountId}`

export function createMastodonHandlers(deps: MastodonDeps): Pick<Handlers, MastodonChannel> {
  const now = deps.now ?? Date.now
  const secrets = createSecretStore({ safeStorage: deps.safeStorage, filePath: join(deps.dataDir, MASTODON_SECRETS_FILE), ...(deps.fs ? { fs: deps.fs } : {}) })
  const accounts = createAccountStore<MastodonAccount>(join(deps.dataDir, MASTODON_ACCOUNTS_FILE), deps.fs)
  const clientOptions: MastodonClientOptions = { now, ...deps.client }

  const clientFor = async (accountId: string): Promise<{ account: MastodonAccount; client: MastodonClient }> => {
    const account = await accounts.get(accountId)
    if (!account) throw new IpcFailure('unknown-account', 'This Mastodon account does not exist (any more)')
    const secret = await secrets.get(tokenKey(account.id))
    if (!secret.found) {
      throw new IpcFailure(
        'secret-unreadable',
        'unreadable' in secret ? 'The saved access token can no longer be decrypted on this computer; enter it again' : 'The access token of this account is missing; enter it again',
        { accountId: account.id },
      )
    }
    return { account, client: createMastodonClient(deps.fetch, account.instanceUrl, secret.secret, clientOptions) }
  }

  /** Who the token is and what the instance allows, as an account record (not stored yet). */
  const describe = async (client: MastodonClient, id: string, secretProtection: MastodonAccount['secretProtection']): Promise<MastodonAccount> => {
    const user = await verifyCredentials(client)
    const instance = await readInstance(client)
    return {
      id,
      kind: 'mastodon',
      instanceUrl: client.instanceUrl,
      instanceTitle: instance.title,
      username: user.username,
      displayName: user.displayName,
      profileUrl: user.profileUrl,
      limits: instance.limits,
      instanceApi: instance.api,
      secretProtection,
      verifiedAt: new Date(now()).toISOString(),
    }
  }

  const save = async (input: HandlerInput<'mastodonAccountSave'>): Promise<MastodonAccount> => {
    const instanceUrl = normaliseInstanceUrl(input.instanceUrl)
    const status = secrets.status()
    if (status.protection !== 'os' && !input.allowInsecureStorage) {
      throw new IpcFailure('insecure-storage', 'This computer offers no keychain to encrypt the token; ask the person before storing it', {
        protection: status.protection,
        backend: status.backend,
      })
    }
    const token = input.accessToken.trim()
    const known = await accounts.list()
    if (input.id && !known.some((account) => account.id === input.id)) throw new IpcFailure('unknown-account', 'This Mastodon account does not exist (any more)')
    const verified = await describe(createMastodonClient(deps.fetch, instanceUrl, token, clientOptions), input.id ?? '', status.protection)
    const same = input.id
      ? known.find((account) => account.id === input.id)
      : known.find((account) => account.instanceUrl === instanceUrl && account.username.toLowerCase() === verified.username.toLowerCase())
    const id = same?.id ?? randomUUID()
    const stored = await secrets.set(tokenKey(id), token, { allowInsecure: input.allowInsecureStorage === true })
    if (!stored.stored) {
      throw new IpcFailure('insecure-storage', 'The keychain became unavailable; ask the person before storing the token', {
        protection: stored.status.protection,
        backend: stored.status.backend,
      })
    }
    const account: MastodonAccount = { ...verified, id, secretProtection: stored.protection }
    await accounts.put(account)
    return account
  }

  return {
    mastodonAccountSave: save,
    mastodonAccountList: () => accounts.list(),
    mastodonAccountVerify: async ({ id }) => {
      const { account, client } = await clientFor(id)
      const fresh = await describe(client, account.id, account.secretProtection)
      await accounts.put(fresh)
      return fresh
    },
    mastodonAccountRemove: async ({ id }) => {
      await secrets.delete(tokenKey(id))
      await accounts.remove(id)
    },
    mastodonPostStatus: async (input): Promise<MastodonPosted> => {
      const { account, client } = await clientFor(input.accountId)
      let scheduledAt: string | undefined
      if (input.scheduledAt !== undefined) {
        const check = checkMastodonSchedule(Date.parse(input.scheduledAt), now(), 0)
        if (!check.ok) throw new IpcFailure('invalid-input', 'Mastodon schedules a status at least 5 minutes ahead', { reason: 'schedule-too-soon', earliest: check.earliest })
        scheduledAt = check.scheduledAt
      }
      if (input.media.length > account.limits.maxMediaAttachments) {
        throw new IpcFailure('invalid-input', `This server takes at most ${account.limits.maxMediaAttachments} images per status`, {
          reason: 'too-many-media',
          max: account.limits.maxMediaAttachments,
        })
      }
      const mediaIds: string[] = []
      for (const media of input.media) {
        if ('remoteMediaId' in media) {
          mediaIds.push(media.remoteMediaId)
          continue
        }
        const data = typeof media.data === 'string' ? new Uint8Array(Buffer.from(media.data, 'base64')) : media.data
        mediaIds.push(await uploadMedia(client, { fileName: media.fileName, mimeType: media.mimeType, data, alt: media.alt }, clientOptions))
      }
      const posted = await postStatus(client, {
        status: input.status,
        visibility: input.visibility,
        mediaIds,
        idempotencyKey: input.idempotencyKey,
        ...(input.inReplyToId ? { inReplyToId: input.inReplyToId } : {}),
        ...(input.language ? { language: input.language } : {}),
        ...(input.spoilerText ? { spoilerText: input.spoilerText } : {}),
        ...(scheduledAt ? { scheduledAt } : {}),
      })
      return { ...posted, mediaIds }
    },
    mastodonReschedule: async ({ accountId, scheduledStatusId, scheduledAt }) => {
      const check = checkMastodonSchedule(Date.parse(scheduledAt), now(), 0)
      if (!check.ok) throw new IpcFailure('invalid-input', 'Mastodon schedules a status at least 5 minutes ahead', { reason: 'schedule-too-soon', earliest: check.earliest })
      const { client } = await clientFor(accountId)
      return rescheduleStatus(client, scheduledStatusId, check.scheduledAt)
    },
    mastodonCancelScheduled: async ({ accountId, scheduledStatusId }) => {
      const { client } = await clientFor(accountId)
      await cancelScheduledStatus(client, scheduledStatusId)
    },
  }
}

/** For a process built without publishing deps: no accounts, and every action says it is unavailable. */
export function unavailableMastodon(): Pick<Handlers, MastodonChannel> {
  const unavailable = (): never => {
    throw new IpcFailure('internal', 'Publishing is not available in this process')
  }
  return {
    mastodonAccountSave: unavailable,
    mastodonAccountList: () => [],
    mastodonAccountVerify: unavailable,
    mastodonAccountRemove: unavailable,
    mastodonPostStatus: unavailable,
    mastodonReschedule: unavailable,
    mastodonCancelScheduled: unavailable,
  }
}
