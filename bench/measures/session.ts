// One browser on one profile, with the app loaded and the bare libraries next to it.
import type { BrowserContext, CDPSession, Page } from 'playwright-core'
import { launch } from '../lib/browser'
import { firstSeen, loadRaw, settle } from '../lib/inPage'
import { ROW } from '../lib/ui'

export interface BenchEnv {
  origin: string
  /** The probe script (bench/page/probe.ts built), installed before the app's scripts. */
  probeFile: string
  profileDir: string
  items: number
  log(message: string): void
}

export interface AppSession {
  context: BrowserContext
  page: Page
  cdp: CDPSession
}

export function launchBrowser(env: BenchEnv): Promise<BrowserContext> {
  return launch({ profileDir: env.profileDir, origin: env.origin, probeFile: env.probeFile, firstSeenSelector: ROW })
}

export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage())
}

/** Launches the browser, loads the app and waits for its rows; the bare libraries are loaded too. */
export async function openApp(env: BenchEnv): Promise<AppSession> {
  const context = await launchBrowser(env)
  const page = await firstPage(context)
  page.on('pageerror', (error) => env.log(`page error: ${error.message}`))
  await page.goto(`${env.origin}/`)
  if ((await firstSeen(page)) === null) throw new Error('The app showed no rows within 60 s')
  await loadRaw(page, { besideApp: true })
  await settle(page, 200)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  return { context, page, cdp }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
