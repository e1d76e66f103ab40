// Shared set-up for the library's component tests: jsdom gaps (layout sizes, ResizeObserver, matchMedia),
// a fresh database per test, the i18n bundle in English, a fake window.api, and the whole App rendered.
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { configure, fireEvent, render, screen, waitFor, type RenderResult } from '@testing-library/react'
import { expect, vi } from 'vitest'
import { App } from '../../../src/app/App'
import { BaluchonDb, setDb } from '../../../src/db'
import { LibraryStore } from '../../../src/features/library/libraryStore'
import { clearPrefetched, prefetchFirstWindow } from '../../../src/features/library/prefetch'
import { SearchClient, setSearchClient, type SearchTransport } from '../../../src/features/search'
import type { ServiceMessage } from '../../../src/features/search/protocol'
import { createSearchService } from '../../../src/features/search/service'
import { setAppInfo, setStartupPreferences } from '../../../src/features/settings'
import { DEFAULT_PREFERENCES } from '../../../src/features/settings/preferences'
import { i18next, initI18n } from '../../../src/i18n'

let installed = false

// IndexedDB (fake-indexeddb) answers take a while under jsdom: give live queries time to settle.
configure({ asyncUtilTimeout: 8000 })

function installDomPolyfills(): void {
  if (installed) return
  installed = true
  // The virtualised list sizes itself from the scroll element's client box; jsdom has no layout.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 900 })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 400 })
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver
  window.matchMedia ??= ((query: string) =>
    ({ matches: false, media: query, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, dispatchEvent: () => false }) as MediaQueryList)
  Element.prototype.scrollTo ??= function scrollTo() {}
  Element.prototype.scrollIntoView ??= () => undefined
  const rect = (): DOMRect => ({ x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) }) as DOMRect
  const rectList = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList
  Range.prototype.getBoundingClientRect = rect
  Range.prototype.getClientRects = rectList
  Element.prototype.getClientRects ??= rectList
  document.elementFromPoint ??= () => null
  // jsdom puts every element at 0,0: the pane separators would claim every click (and cancel its focus).
  const originalRect = Element.prototype.getBoundingClientRect
  Element.prototype.getBoundingClientRect = function getBoundingClientRect(this: Element): DOMRect {
    if (this.hasAttribute('data-separator')) return { x: -10_000, y: -10_000, top: -10_000, left: -10_000, bottom: -10_000, right: -10_000, width: 1, height: 1, toJSON: () => ({}) } as DOMRect
    return originalRect.call(this)
  }
  Element.prototype.hasPointerCapture ??= () => false
  Element.prototype.releasePointerCapture ??= () => undefined
  // jsdom's Blob cannot go through IndexedDB's structured clone: use Node's, as Chromium's would.
  globalThis.Blob = NodeBlob as unknown as typeof Blob
  globalThis.File = NodeFile as unknown as typeof File
}

export interface FakeApi {
  appInfo: ReturnType<typeof vi.fn>
  setMenuLanguage: ReturnType<typeof vi.fn>
  openExternal: ReturnType<typeof vi.fn>
  linkPreview: ReturnType<typeof vi.fn>
  readyToClose: ReturnType<typeof vi.fn>
  notificationTakePending: ReturnType<typeof vi.fn>
  on: ReturnType<typeof vi.fn>
  emit(event: string, payload?: unknown): void
}

function installFakeApi(): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const ok = (value: unknown = undefined) => ({ ok: true, value })
  const api: FakeApi = {
    appInfo: vi.fn(async () => ok({ version: '1.2.3', platform: 'linux', locale: 'en-US', dataPath: '/data/baluchon' })),
    setMenuLanguage: vi.fn(async () => ok()),
    openExternal: vi.fn(async () => ok()),
    linkPreview: vi.fn(async () => ({ ok: false, error: { code: 'offline', message: 'Offline' } })),
    readyToClose: vi.fn(async () => ok()),
    // No notification was clicked while the window was closed.
    notificationTakePending: vi.fn(async () => ok({ target: null })),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }),
    emit: (event, payload = {}) => listeners.get(event)?.forEach((l) => l(payload)),
  }
  ;(window as unknown as { api: unknown }).api = api
  return api
}

/** The search worker's service, run in-process (jsdom has no Worker), messages delivered asynchronously as a worker would. */
function startInProcessSearch(dbName: string): void {
  let listener: ((message: ServiceMessage) => void) | null = null
  const service = createSearchService((message) => queueMicrotask(() => listener?.(message)))
  const transport: SearchTransport = {
    post: (message) => queueMicrotask(() => service.handle(message)),
    listen: (l) => {
      listener = l
    },
  }
  const client = new SearchClient(transport)
  client.start(dbName)
  setSearchClient(client)
}

let n = 0

export interface LibraryTest {
  db: BaluchonDb
  api: FakeApi
  store: LibraryStore
  view: RenderResult
}

export interface RenderOptions {
  /** Read the first window ahead, as the app's start-up does before its first render. */
  readAhead?: boolean
}

/** A fresh database (optionally filled first), English UI, and the App on screen. */
export async function renderApp(fill?: (db: BaluchonDb) => Promise<void>, options: RenderOptions = {}): Promise<LibraryTest> {
  installDomPolyfills()
  localStorage.clear()
  clearPrefetched()
  await initI18n('en')
  if (i18next.language !== 'en') await i18next.changeLanguage('en')
  const api = installFakeApi()
  setAppInfo({ version: '1.2.3', platform: 'linux', locale: 'en-US', dataPath: '/data/baluchon' })
  setStartupPreferences(DEFAULT_PREFERENCES)
  const db = new BaluchonDb(`library-test-${Date.now()}-${n++}`)
  await db.open()
  setDb(db)
  if (fill) await fill(db)
  if (options.readAhead) await prefetchFirstWindow(db)
  startInProcessSearch(db.name)
  const store = new LibraryStore()
  const view = render(<App store={store} />)
  return { db, api, store, view }
}

/**
 * Runs `during` while the person presses a key every 100 ms (never quiet), the page's clock (performance.now) moving
 * 100 ms per key, so that a loaded machine delaying the timer (a 500 ms stall between two keys) cannot make the
 * typing look paused; performance marks keep their own clock.
 */
export async function whileTyping(during: () => Promise<void>): Promise<void> {
  const realNow = performance.now.bind(performance)
  let clock = realNow()
  const now = vi.spyOn(performance, 'now').mockImplementation(() => clock)
  const key = (): void => void fireEvent.keyDown(window, { key: 'Shift' })
  // A key at once, then every 100 ms: before the first tick, the last input would be an earlier test's (or none), and
  // work queued in those first milliseconds (a warm-up whose wait was already over) ran as if the person were quiet.
  key()
  const typing = setInterval(() => {
    clock += 100
    key()
  }, 100)
  try {
    await during()
  } finally {
    clearInterval(typing)
    now.mockRestore()
  }
}

/**
 * The dialog named `name`, once it takes pointer input. A dialog loaded on first opening (App.tsx's lazy dialogs)
 * commits outside act(): findByRole can see it before the effect in which Radix turns its pointer events back on
 * (the page's body has `pointer-events: none` while a modal is open), and a click then fails.
 */
export async function findOpenDialog(name: string): Promise<HTMLElement> {
  const dialog = await screen.findByRole('dialog', { name })
  await waitFor(() => expect(getComputedStyle(dialog).pointerEvents).not.toBe('none'))
  return dialog
}
