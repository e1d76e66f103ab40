// End-to-end harness: the built renderer in real Chromium, with `window.api` wired to the REAL main-process
// dispatcher and handlers (electron/main), whose Electron parts are replaced by recorders the test reads.
//
//   const app = await launchApp({ locale: 'fr-FR' })
//   await app.page.getByRole('button', { name: 'Nouvelle note' }).click()
//   expect(app.openedUrls).toEqual([...]); expect(app.errors).toEqual([])
//   await app.close()
//
// Each app gets a fresh browser context, i.e. a fresh profile with an empty IndexedDB; openWindow() and
// restart() open more pages in the SAME profile, to test what persists. See test/e2e/README.md.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { createHandlers } from '../../electron/main/handlers'
import { fakeSafeStorage } from '../support/fakeSafeStorage'
import type { LinkPreviewDeps } from '../../electron/main/handlers/linkPreview'
import { createDispatcher, createSenderCheck } from '../../electron/main/ipc/dispatcher'
import { IPC_PREFIX, ipcChannel, type EventName } from '../../src/core/ipc/channels'
import type { AppInfo, EventPayloads, Language } from '../../src/core/ipc/contract'
import type { IpcResult } from '../../src/core/ipc/result'
import { afterAll, inject } from 'vitest'
import { ARTIFACTS_DIR, assertChromium, buildPaths, chromiumPath } from './environment'
import { EMIT_FUNCTION, INVOKE_BINDING, preloadInitScript, REPORT_BINDING } from './preloadShim'
import { serveDirectory, type StaticServer } from './staticServer'

export interface LaunchOptions {
  /** The browser's locale and the OS locale appInfo() reports (the app picks its language from it). Default en-US. */
  locale?: string
  /** prefers-color-scheme. Default light. */
  colorScheme?: 'light' | 'dark'
  /** Window size. Default 1280×800. */
  viewport?: { width: number; height: number }
  /** Network for linkPreview, e.g. (await startFakeWeb({...})).deps. Default: offline. */
  linkPreview?: LinkPreviewDeps
  /** Overrides for appInfo() (version, platform, dataPath). */
  appInfo?: Partial<AppInfo>
  /** Wait for the app to render before returning (default true). */
  waitForReady?: boolean
  /**
   * The native dialogs of backups: a path the test chose (e.g. under a temp folder), or null as when the person
   * cancels. Default: both cancelled. `autoBackupDir` is the automatic backups folder (default: none, automatic backups off).
   */
  backup?: { save?: (suggestedName: string) => string | null; open?: () => string | null; autoBackupDir?: string }
  /** The import's native open dialog: the path the test chose for a file or a folder, or null as when the person cancels (default). */
  importFiles?: { pick?: (kind: 'file' | 'folder') => string | null }
  /** The open-format export's native dialogs: the path the test chose (save: a file; folder: where to create the export folder), or null as when the person cancels (default). */
  exportFiles?: { save?: (suggestedName: string, kind: 'zip' | 'md' | 'html' | 'ics') => string | null; folder?: () => string | null }
  /**
   * The portfolio PDF's save dialog: the path the test chose, or null as when the person cancels (default). The page is
   * printed by this Chromium (page.pdf) in a context of its own that refuses every request outside the print folder.
   */
  portfolioPdf?: { save?: (suggestedName: string) => string | null }
  /**
   * Publishing: the keychain safeStorage reports (default a working one, "gnome_libsecret"; "basic_text" or
   * `encryptionAvailable: false` for the consent question) and the folder of accounts and secrets (default: a
   * fresh temp folder, deleted on close). The network is Node's fetch: publish to a real local WordPress
   * (test/support/wordpress).
   */
  publishing?: { backend?: string; encryptionAvailable?: boolean; dataDir?: string }
  /**
   * Mastodon: what main sends to `origin` (the server address the test types in Settings, e.g.
   * "https://social.example") goes to the local Mastodon double at `url` instead (test/support/mastodon), so the
   * app is used exactly as with a real https server. Other addresses go out unchanged.
   */
  mastodon?: { origin: string; url: string }
  /**
   * Runs before main handles each call (channel name without prefix): a test can hold a call until it has done
   * something (e.g. click Cancel while a read is pending) instead of racing the machine's speed.
   */
  beforeCall?: (channel: string) => Promise<void>
  /** Whether the OS has desktop notifications (default true: they are recorded in `app.notifications`). */
  notificationsSupported?: boolean
}

/** A desktop notification the app asked main to show. */
export interface ShownNotification {
  title: string
  body: string
  /** Clicks it as the person would: main focuses the window and sends `notificationClick` (resolves once delivered). */
  click(): Promise<void>
}

export interface IpcCall {
  channel: string
  input: unknown
  senderUrl: string
  result: IpcResult<unknown>
}

export interface App {
  /** The app's window. restart() replaces it. */
  page: Page
  /** The profile: every page opened in it shares IndexedDB and the bridge. */
  context: BrowserContext
  /** Where the built renderer is served, e.g. http://127.0.0.1:43123 (the only trusted sender). */
  origin: string
  /** The URL the app is loaded from. */
  url: string
  /** URLs the app asked main to open in the OS browser (nothing is really opened). */
  readonly openedUrls: string[]
  /** Languages the app set the native menu to. */
  readonly menuLanguages: Language[]
  /** How many times the app said it finished flushing and may close. */
  readonly readyToCloseCalls: number
  /** Every call that crossed the bridge, with its result. */
  readonly ipcCalls: IpcCall[]
  /** Console errors, uncaught exceptions, CSP violations and unexpected main-process errors. Expect it empty. */
  readonly errors: string[]
  /** Desktop notifications shown through main's real handler (with a recording Notification double), in order. */
  readonly notifications: ShownNotification[]
  /** How many times main brought the window forward (a notification click). */
  readonly focusCount: number
  /**
   * As on macOS after the last window closed: the next notification click makes main open a window ('opened')
   * instead of focusing one; `reload()` then plays that new window starting.
   */
  closeAllWindows(): void
  /** Sends an event from main to the renderer, as the native menu or the close button do. Returns how many listeners got it. */
  emit<K extends EventName>(event: K, payload: EventPayloads[K], page?: Page): Promise<number>
  /** Saves a PNG under test-artifacts/e2e/<name>.png and returns its path. */
  screenshot(name: string, page?: Page): Promise<string>
  /** Reloads the window (same profile) and waits for the app to render again. */
  reload(): Promise<void>
  /** Opens a second window on the same profile (same IndexedDB), ready to use. */
  openWindow(): Promise<Page>
  /**
   * Closes the window the way the app does (flushRequest, then up to 3 s for readyToClose) and opens a new
   * one on the same profile: a quit and relaunch.
   */
  restart(): Promise<void>
  close(): Promise<void>
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  // This machine's network is closed: without these Chromium keeps trying to reach Google's services.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

// One browser per test file, shared by its apps (each in its own context, i.e. its own profile).
let browser: Promise<Browser> | null = null

function sharedBrowser(): Promise<Browser> {
  browser ??= (async () => {
    assertChromium()
    return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
  })().catch((error: unknown) => {
    browser = null
    throw error
  })
  return browser
}

afterAll(async () => {
  const closing = browser
  browser = null
  await (await closing?.catch(() => null))?.close()
})

/** The app has rendered once #root has content (the shell is React; nothing is there before it mounts). */
export async function waitForReady(page: Page, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout })
  } catch (error) {
    // Say what the page looked like: "timeout" alone sends people hunting in the wrong place.
    const state = await page
      .evaluate(() => ({ readyState: document.readyState, hasApi: 'api' in window, body: document.body?.innerHTML.slice(0, 300) }))
      .catch((e: Error) => ({ unavailable: e.message }))
    throw new Error(`The app did not render at ${page.url()}: ${JSON.stringify(state)}`, { cause: error })
  }
}

export async function launchApp(options: LaunchOptions = {}): Promise<App> {
  const locale = options.locale ?? 'en-US'
  const build = buildPaths(inject('e2eBuildDir'))
  const server: StaticServer = await serveDirectory(build.renderer)
  let context: BrowserContext | null = null
  try {
    context = await (await sharedBrowser()).newContext({
      locale,
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport ?? { width: 1280, height: 800 },
      reducedMotion: 'reduce',
    })
    return await startApp(context, server, build.preload, locale, options)
  } catch (error) {
    await context?.close().catch(() => undefined)
    await server.close()
    throw error
  }
}

/** Electron's printToPDF stand-in: Chromium's page.pdf, in a fresh context limited to the print folder. */
async function printWithChromium(appContext: BrowserContext, pageFile: string, folder: string): Promise<Uint8Array> {
  const browser = appContext.browser()
  if (!browser) throw new Error('No browser to print with')
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const allowed = pathToFileURL(folder).href + '/'
    await context.route('**/*', (route) => (route.request().url().startsWith(allowed) ? route.continue() : route.abort()))
    const page = await context.newPage()
    await page.goto(pathToFileURL(pageFile).href)
    // The page's own @page rule sets A4 and the margins, as for Electron's printToPDF (preferCSSPageSize).
    return await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true })
  } finally {
    await context.close()
  }
}

/** `https://social.example/api/v1/…` → `http://127.0.0.1:PORT/api/v1/…` when the test gave a Mastodon double for that origin. */
function routeToMastodonDouble(target: string, mastodon: LaunchOptions['mastodon']): string {
  if (!mastodon || !target.startsWith(`${mastodon.origin}/`)) return target
  return `${mastodon.url}${target.slice(mastodon.origin.length)}`
}

async function startApp(
  context: BrowserContext,
  server: StaticServer,
  preloadFile: string,
  locale: string,
  options: LaunchOptions,
): Promise<App> {
  const url = `${server.origin}/index.html`
  const openedUrls: string[] = []
  const menuLanguages: Language[] = []
  const ipcCalls: IpcCall[] = []
  const errors: string[] = []
  let readyToCloseCalls = 0
  const publishingDir = options.publishing?.dataDir ?? mkdtempSync(join(tmpdir(), 'baluchon-e2e-publishing-'))
  const notifications: ShownNotification[] = []
  let focusCount = 0
  let windowOpen = true
  let delivering: Promise<unknown> = Promise.resolve()
  // Electron's Notification, recorded: show() lists it, and its click runs main's real click handler.
  class RecordingNotification {
    static isSupported = () => options.notificationsSupported ?? true
    private onClick: (() => void) | null = null
    constructor(private readonly shown: { title: string; body: string }) {}
    on(event: 'click' | 'close', listener: () => void) {
      if (event === 'click') this.onClick = listener
      return this
    }
    show() {
      notifications.push({
        ...this.shown,
        click: async () => {
          this.onClick?.()
          await delivering
        },
      })
    }
  }

  const dispatch = createDispatcher({
    isTrustedSender: createSenderCheck([`${server.origin}/`]),
    logError: (channel, error) => errors.push(`main: ${channel} failed: ${error instanceof Error ? error.message : String(error)}`),
    handlers: createHandlers({
      appInfo: () => ({ version: '0.0.0-e2e', platform: process.platform, locale, dataPath: '/tmp/baluchon-e2e', ...options.appInfo }),
      setMenuLanguage: (language) => void menuLanguages.push(language),
      openExternal: async (target) => void openedUrls.push(target),
      readyToClose: () => void readyToCloseCalls++,
      backup: {
        showSaveDialog: async (name) => options.backup?.save?.(name) ?? null,
        showOpenDialog: async () => options.backup?.open?.() ?? null,
        // Off unless the test gives a folder: the app would otherwise back up in the background during other tests.
        autoBackupDir: () => options.backup?.autoBackupDir ?? null,
      },
      importFiles: { showImportDialog: async (kind) => options.importFiles?.pick?.(kind) ?? null },
      exportFiles: {
        showSaveDialog: async (name, kind) => options.exportFiles?.save?.(name, kind) ?? null,
        showFolderDialog: async () => options.exportFiles?.folder?.() ?? null,
      },
      portfolioPdf: {
        showSaveDialog: async (name) => options.portfolioPdf?.save?.(name) ?? null,
        renderPdf: (pageFile, folder) => printWithChromium(context, pageFile, folder),
        tempDir: () => tmpdir(),
      },
      publishing: {
        safeStorage: fakeSafeStorage({ backend: options.publishing?.backend, available: options.publishing?.encryptionAvailable }),
        dataDir: publishingDir,
        fetch: (target, init) => fetch(routeToMastodonDouble(target, options.mastodon), init),
      },
      notifications: {
        Notification: RecordingNotification,
        focusWindow: () => {
          focusCount++
          if (windowOpen) return 'focused'
          windowOpen = true
          return 'opened'
        },
        send: (event, payload) => {
          delivering = app.emit(event, payload)
        },
      },
      linkPreview: options.linkPreview ?? {
        isOnline: () => false,
        resolveHost: () => Promise.reject(new Error('launchApp({ linkPreview }) not given')),
        fetch: () => Promise.reject(new Error('launchApp({ linkPreview }) not given')),
      },
    }),
  })

  // As in Electron, only prefixed channels have a handler; anything else rejects like an unhandled invoke.
  await context.exposeBinding(INVOKE_BINDING, async ({ frame }, channel: unknown, input: unknown) => {
    if (typeof channel !== 'string' || !channel.startsWith(IPC_PREFIX)) {
      throw new Error(`No handler registered for '${String(channel)}'`)
    }
    const senderUrl = frame.url()
    await options.beforeCall?.(channel.slice(IPC_PREFIX.length))
    const result = await dispatch(channel.slice(IPC_PREFIX.length), input, senderUrl)
    ipcCalls.push({ channel: channel.slice(IPC_PREFIX.length), input, senderUrl, result })
    return result
  })
  await context.exposeBinding(REPORT_BINDING, (_source, message: unknown) => void errors.push(String(message)))
  await context.addInitScript({ content: preloadInitScript(preloadFile) })

  const watch = (page: Page): void => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  }
  context.on('page', watch)

  const openPage = async (): Promise<Page> => {
    const page = await context.newPage()
    await page.goto(url)
    if (options.waitForReady ?? true) {
      await waitForReady(page).catch((error: Error) => {
        throw new Error(`${error.message}; errors so far: ${JSON.stringify(errors)}; calls: ${ipcCalls.map((c) => c.channel).join(', ')}`, {
          cause: error,
        })
      })
    }
    return page
  }

  let closed = false
  const app: App = {
    page: await openPage(),
    context,
    origin: server.origin,
    url,
    openedUrls,
    menuLanguages,
    ipcCalls,
    errors,
    notifications,
    get focusCount() {
      return focusCount
    },
    closeAllWindows: () => {
      windowOpen = false
    },
    get readyToCloseCalls() {
      return readyToCloseCalls
    },
    emit: (event, payload, page = app.page) =>
      page.evaluate(([fn, channel, data]) => (window as unknown as Record<string, (c: string, p: unknown) => number>)[fn]!(channel, data), [
        EMIT_FUNCTION,
        ipcChannel(event),
        payload,
      ] as const),
    async screenshot(name, page = app.page) {
      mkdirSync(ARTIFACTS_DIR, { recursive: true })
      const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    },
    async reload() {
      await app.page.reload()
      await waitForReady(app.page)
    },
    openWindow: openPage,
    async restart() {
      // Closing goes as in the app: main asks the renderer to flush, and waits for readyToClose (3 s at most).
      const before = readyToCloseCalls
      await app.emit('flushRequest', {})
      const deadline = Date.now() + 3000
      while (readyToCloseCalls === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      await app.page.close()
      app.page = await openPage()
    },
    async close() {
      if (closed) return
      closed = true
      try {
        await context.close()
      } finally {
        await server.close()
        if (!options.publishing?.dataDir) rmSync(publishingDir, { recursive: true, force: true })
      }
    },
  }
  return app
}
