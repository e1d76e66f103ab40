// Publishing accounts and WordPress publishing, behind the IPC contract (src/core/ipc/publishing.ts).
// Electron's parts come in as deps: safeStorage, the data folder (userData) and fetch, so Node tests and the
// end-to-end harness run these handlers for real against a real WordPress.
//
// Secrets: an account's application password goes from the save call straight to the encrypted store
// (electron/main/secrets.ts) and comes out only to build the Authorization header of a request. It is never
// returned, logged, or written anywhere else; the canary test checks that with a planted
// token (test/node/publishing/wordpress.integration.test.ts, last test).
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { ChannelOutput } from '../../../src/core/ipc/contract'
import type { PublishingAccount } from '../../../src/core/ipc/publishing'
import { IpcFailure } from '../../../src/core/ipc/result'
import type { HandlerInput, Handlers } from '../ipc/dispatcher'
import { createAccountStore, secretKey } from '../publishing/accounts'
import { discoverRestRoot, normaliseSiteUrl, verifyWordPressUser } from '../publishing/wordpressDiscovery'
import { publishWordPressPost, refreshWordPressPost, rescheduleWordPressPost } from '../publishing/wordpressPublish'
import { createWordPressRest, type Fetch, type WordPressRest } from '../publishing/wordpressRest'
import { createSecretStore, type SafeStorageApi, type SecretFileSystem } from '../secrets'

export interface PublishingDeps {
  /** Electron's safeStorage (a fake in tests). */
  safeStorage: SafeStorageApi
  /** The folder that holds the account list and the secret store: the app's userData. */
  dataDir: string
  /** HTTP client for the blogs (Node's fetch in the app). */
  fetch: Fetch
  /** Clock (ms since the epoch), for schedule checks and verification dates. */
  now?: () => number
  fs?: SecretFileSystem
}

export const ACCOUNTS_FILE = 'publishing-accounts.json'
export const SECRETS_FILE = 'secrets.json'

type PublishingChannel =
  | 'publishingStorageStatus'
  | 'publishingAccountSave'
  | 'publishingAccountList'
  | 'publishingAccountRemove'
  | 'wordpressPublish'
  | 'wordpressRefresh'
  | 'wordpressReschedule'

export function createPublishingHandlers(deps: PublishingDeps): Pick<Handlers, PublishingChannel> {
  const now = deps.now ?? Date.now
  const secrets = createSecretStore({ safeStorage: deps.safeStorage, filePath: join(deps.dataDir, SECRETS_FILE), ...(deps.fs ? { fs: deps.fs } : {}) })
  const accounts = createAccountStore(join(deps.dataDir, ACCOUNTS_FILE), deps.fs)

  const restFor = async (accountId: string): Promise<WordPressRest> => {
    const account = await accounts.get(accountId)
    if (!account) throw new IpcFailure('unknown-account', 'This publishing account does not exist (any more)')
    const secret = await secrets.get(secretKey(account.id))
    if (!secret.found) {
      throw new IpcFailure(
        'secret-unreadable',
        'unreadable' in secret
          ? 'The saved password can no longer be decrypted on this computer; enter it again'
          : 'The password of this account is missing; enter it again',
        { accountId: account.id },
      )
    }
    return createWordPressRest(deps.fetch, { restRoot: account.restRoot, username: account.username, applicationPassword: secret.secret })
  }

  const saveAccount = async (input: HandlerInput<'publishingAccountSave'>): Promise<PublishingAccount> => {
    const site = normaliseSiteUrl(input.siteUrl)
    // Ask before anything else: the person decides whether to go on before typing errors are even checked.
    const status = secrets.status()
    if (status.protection !== 'os' && !input.allowInsecureStorage) {
      throw new IpcFailure('insecure-storage', 'This computer offers no keychain to encrypt the password; ask the person before storing it', {
        protection: status.protection,
        backend: status.backend,
      })
    }
    // WordPress shows application passwords in groups of four ("abcd efgh …") and ignores the spaces.
    const applicationPassword = input.applicationPassword.replace(/\s+/g, '')
    const discovery = await discoverRestRoot(deps.fetch, site)
    const siteUrl = site.toString().replace(/\/+$/, '')
    const user = await verifyWordPressUser(
      deps.fetch,
      { restRoot: discovery.restRoot, username: input.username, applicationPassword },
      { siteUrl: discovery.wordpressUrl ?? siteUrl, applicationPasswords: discovery.applicationPasswords },
    )

    const known = await accounts.list()
    const same = input.id
      ? known.find((account) => account.id === input.id)
      : known.find((account) => account.siteUrl === siteUrl && account.username.toLowerCase() === input.username.toLowerCase())
    if (input.id && !same) throw new IpcFailure('unknown-account', 'This publishing account does not exist (any more)')
    const id = same?.id ?? randomUUID()

    const stored = await secrets.set(secretKey(id), applicationPassword, { allowInsecure: input.allowInsecureStorage === true })
    if (!stored.stored) {
      throw new IpcFailure('insecure-storage', 'The keychain became unavailable; ask the person before storing the password', {
        protection: stored.status.protection,
        backend: stored.status.backend,
      })
    }
    const account: PublishingAccount = {
      id,
      kind: 'wordpress',
      siteUrl,
      restRoot: discovery.restRoot,
      siteName: discovery.siteName,
      username: input.username,
      displayName: user.displayName,
      canPublish: user.canPublish,
      secretProtection: stored.protection,
      verifiedAt: new Date(now()).toISOString(),
    }
    await accounts.put(account)
    return account
  }

  return {
    publishingStorageStatus: () => secrets.status(),
    publishingAccountSave: saveAccount,
    publishingAccountList: () => accounts.list(),
    publishingAccountRemove: async ({ id }) => {
      await secrets.delete(secretKey(id))
      await accounts.remove(id)
    },
    wordpressPublish: async (input): Promise<ChannelOutput<'wordpressPublish'>> => {
      const rest = await restFor(input.accountId)
      return publishWordPressPost(
        rest,
        {
          post: input.post,
          images: input.images.map((image) => ({
            ...image,
            data: typeof image.data === 'string' ? new Uint8Array(Buffer.from(image.data, 'base64')) : image.data,
          })),
          ...(input.featuredImageId !== undefined ? { featuredImageId: input.featuredImageId } : {}),
          ...(input.remoteId !== undefined ? { remoteId: input.remoteId } : {}),
          ...(input.recoverSince !== undefined ? { recoverSince: input.recoverSince } : {}),
        },
        now,
      )
    },
    wordpressRefresh: async ({ accountId, remoteId }) => refreshWordPressPost(await restFor(accountId), remoteId),
    wordpressReschedule: async ({ accountId, remoteId, dateGmt }) => rescheduleWordPressPost(await restFor(accountId), remoteId, dateGmt, now),
  }
}

/**
 * For a process built without publishing deps (unit tests of other handlers): no accounts, and every action
 * says publishing is unavailable rather than pretending.
 */
export function unavailablePublishing(): Pick<Handlers, PublishingChannel> {
  const unavailable = (): never => {
    throw new IpcFailure('internal', 'Publishing is not available in this process')
  }
  return {
    publishingStorageStatus: () => ({ protection: 'plain', backend: 'unavailable' }),
    publishingAccountSave: unavailable,
    publishingAccountList: () => [],
    publishingAccountRemove: unavailable,
    wordpressPublish: unavailable,
    wordpressRefresh: unavailable,
    wordpressReschedule: unavailable,
  }
}
