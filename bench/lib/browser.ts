// Real Chromium (Debian's, like the end-to-end tests) on a fresh on-disk profile, with `window.api`
// forwarded to the real main-process handlers and the timing probe installed before the app's scripts.
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { CHANNELS } from '../../src/core/ipc/channels'
import { createHandlers } from '../../electron/main/handlers'
import { createDispatcher, createSenderCheck } from '../../electron/main/ipc/dispatcher'
import { BYTE_CHANNELS, pageInvokeSource, registerDispatch } from './ipcOverHttp'

export const CHROMIUM = process.env['BALUCHON_CHROMIUM'] || '/usr/bin/chromium'

/**
 * Playwright passes its own --disable-features (playwright-core 1.65's chromiumSwitches) before the flags given here,
 * and Chromium keeps only the last --disable-features: this list repeats Playwright's, then adds the bench's.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
]
const DISABLED_FEATURES = [...PLAYWRIGHT_DISABLED_FEATURES, 'WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup']

// The end-to-end harness's flags, plus vsync and the frame-rate limit off: a frame starts as soon as one
// is due, so "until painted" measures the work rather than where the 60 Hz clock happened to be (an empty
// change then paints in 1–5 ms instead of 10–17). Not with --run-all-compositor-stages-before-draw too:
// together they stall frame production once a contenteditable has focus (rAF never fires again).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu-vsync',
  '--disable-frame-rate-limit',
  // A benchmark page in the background must not be throttled.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // Headless Chromium otherwise starts the omnibox popup's WebUI renderer with the browser, and it loads about 150
  // modules during the first second or two: on this 2-core machine, CPU taken from every cold start measured, the
  // app's and the raw blank page's alike. An Electron window has no omnibox. test/e2e/benchBrowser.e2e.test.ts checks
  // it stays off (and that Playwright's own list above is still whole).
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
]

/** What the open dialog answers (backup-restore sets the archive backup-export wrote; null: cancelled). */
export const benchDialogs: { openPath: string | null } = { openPath: null }

/** Runs before main handles a call (bench/lib/workerProfiles.ts stops worker profiles before a commit). */
export const benchHooks: { beforeDispatch: ((channel: string) => Promise<void>) | null } = { beforeDispatch: null }

export interface LaunchOptions {
  profileDir: string
  origin: string
  probeFile: string
  /** What the probe watches for to time the cold start. */
  firstSeenSelector: string
}

/**
 * `window.api` as the preload builds it (src/core/ipc/buildApi.ts), over a Playwright binding; the channels that
 * carry bytes over HTTP on the same origin instead (see bench/lib/ipcOverHttp.ts for why).
 */
function apiShim(channels: readonly string[], httpToken: string): string {
  return `(() => {
    const api = {};
    const viaHttp = ${pageInvokeSource(httpToken)};
    const byteChannels = new Set(${JSON.stringify(BYTE_CHANNELS)});
    for (const name of ${JSON.stringify(channels)}) api[name] = byteChannels.has(name) ? (input) => viaHttp(name, input) : (input) => window.__benchInvoke(name, input);
    api.on = () => () => {};
    Object.defineProperty(window, 'api', { value: Object.freeze(api) });
  })();`
}

export async function launch({ profileDir, origin, probeFile, firstSeenSelector }: LaunchOptions): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
  })
  const dispatch = createDispatcher({
    handlers: createHandlers({
      appInfo: () => ({ version: 'bench', platform: process.platform, locale: 'en-US', dataPath: join(profileDir, 'data') }),
      setMenuLanguage: () => {},
      openExternal: async () => {},
      readyToClose: () => {},
      // The synthetic links are already fetched; the benchmark never reaches the network.
      linkPreview: { fetch: () => Promise.reject(new Error('offline')), resolveHost: async () => [], isOnline: () => false },
      // backup-export writes into the profile folder (bench/measures/backup.ts); nothing else opens a dialog.
      backup: {
        showSaveDialog: async (name) => join(profileDir, name),
        showOpenDialog: async () => benchDialogs.openPath,
        // No automatic backup in the background while other paths are timed.
        autoBackupDir: () => null,
      },
      // markdown-export saves its zip into the profile folder (bench/measures/markdownExport.ts).
      exportFiles: { showSaveDialog: async (name) => join(profileDir, name), showFolderDialog: async () => profileDir },
    }),
    isTrustedSender: createSenderCheck([`${origin}/`]),
  })
  const trace = process.env['BALUCHON_BENCH_IPC_TRACE']
  const hooked = async (channel: string, input: unknown, senderUrl: string): Promise<unknown> => {
    await benchHooks.beforeDispatch?.(channel)
    if (!trace) return dispatch(channel, input, senderUrl)
    const started = performance.now()
    try {
      return await dispatch(channel, input, senderUrl)
    } finally {
      appendFileSync(trace, `${started.toFixed(1)}\t${(performance.now() - started).toFixed(1)}\t${channel}\n`)
    }
  }
  await context.exposeBinding('__benchInvoke', (source, channel: string, input: unknown) => hooked(channel, input, source.frame.url()))
  const http = registerDispatch(hooked)
  context.on('close', http.unregister)
  // BALUCHON_BENCH_DROP_CHANNELS=a,b: the page's window.api without those channels (an A/B of a feature the app uses only when main offers it).
  const dropped = new Set((process.env['BALUCHON_BENCH_DROP_CHANNELS'] ?? '').split(',').filter(Boolean))
  await context.addInitScript({ content: apiShim(CHANNELS.filter((channel) => !dropped.has(channel)), http.token) })
  await context.addInitScript({ content: `window.__benchConfig = ${JSON.stringify({ firstSeenSelector })};` })
  await context.addInitScript({ path: probeFile })
  return context
}
