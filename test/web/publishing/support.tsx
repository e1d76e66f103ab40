// Shared set-up for the publishing component tests: English or French UI, a fresh database, and a window.api
// whose publishing channels are vi.fn()s each test programs.
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { configure } from '@testing-library/react'
import { vi } from 'vitest'
import type { PublishingAccount } from '../../../src/core/ipc/publishing'
import { BaluchonDb, setDb } from '../../../src/db'
import { resetAccountsForTests } from '../../../src/features/publishing/accounts'
import { resetMastodonAccountsForTests } from '../../../src/features/publishing/mastodon/accounts'
import { i18next, initI18n } from '../../../src/i18n'

configure({ asyncUtilTimeout: 8000 })

export const ok = <T,>(value: T) => ({ ok: true as const, value })
export const fail = (code: string, message: string, detail?: Record<string, string | number>) => ({ ok: false as const, error: { code, message, ...(detail ? { detail } : {}) } })

export function account(over: Partial<PublishingAccount> = {}): PublishingAccount {
  return {
    id: 'acc-1',
    kind: 'wordpress',
    siteUrl: 'https://blog.example.org',
    restRoot: 'https://blog.example.org/wp-json/',
    siteName: 'My blog',
    username: 'ada',
    displayName: 'Ada',
    canPublish: true,
    secretProtection: 'os',
    verifiedAt: '2026-11-28T10:00:00.000Z',
    ...over,
  }
}

export type Api = Record<string, ReturnType<typeof vi.fn>>

let n = 0

export async function setUp(language: 'en' | 'fr' = 'en'): Promise<{ api: Api; db: BaluchonDb }> {
  globalThis.Blob = NodeBlob as unknown as typeof Blob
  globalThis.File = NodeFile as unknown as typeof File
  Element.prototype.scrollIntoView ??= () => undefined
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver
  await initI18n(language)
  if (i18next.language !== language) await i18next.changeLanguage(language)
  await i18next.loadNamespaces(['publishing', 'common', 'mastodon'])
  resetAccountsForTests()
  resetMastodonAccountsForTests()
  const api: Api = {
    publishingAccountList: vi.fn(async () => ok([])),
    publishingAccountSave: vi.fn(),
    publishingAccountRemove: vi.fn(async () => ok(undefined)),
    publishingStorageStatus: vi.fn(async () => ok({ protection: 'os', backend: 'gnome_libsecret' })),
    wordpressPublish: vi.fn(),
    wordpressRefresh: vi.fn(),
    openExternal: vi.fn(async () => ok(undefined)),
    // Settings › Publishing also lists the Mastodon accounts (src/features/publishing/mastodon).
    mastodonAccountList: vi.fn(async () => ok([])),
    mastodonAccountSave: vi.fn(),
    mastodonAccountVerify: vi.fn(),
    mastodonAccountRemove: vi.fn(async () => ok(undefined)),
    mastodonPostStatus: vi.fn(),
    mastodonReschedule: vi.fn(),
    mastodonCancelScheduled: vi.fn(async () => ok(undefined)),
  }
  ;(window as unknown as { api: unknown }).api = api
  const db = new BaluchonDb(`publishing-ui-${Date.now()}-${n++}`)
  await db.open()
  setDb(db)
  return { api, db }
}
