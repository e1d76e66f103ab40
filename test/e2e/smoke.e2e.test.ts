// The shell and its bridge, end to end: the built app loads under its CSP in real Chromium, and
// window.api reaches the real main-process dispatcher. (Features have their own *.e2e.test.ts files.)
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security'
import { CHANNELS } from '../../src/core/ipc/channels'
import { LATEST_VERSION, MIGRATIONS } from '../../src/db/migrations'
import type { Page } from 'playwright-core'
import { launchApp, type App } from './harness'
import { serveDirectory } from './staticServer'
import { sidebar, write } from './ui'

const apps: App[] = []
async function launch(...args: Parameters<typeof launchApp>): Promise<App> {
  const app = await launchApp(...args)
  apps.push(app)
  return app
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
})

describe('app shell', () => {
  it('loads the built renderer under the app CSP, without a console error, and takes a screenshot', async () => {
    const app = await launch()
    const response = await app.page.request.get(app.url)
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    await expect(app.page.title()).resolves.toBe('Baluchon')
    const path = await app.screenshot('smoke-shell')
    expect(existsSync(path)).toBe(true)
    expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(app.errors).toEqual([])
  })

  it('follows the locale and color scheme it is launched with', async () => {
    const app = await launch({ locale: 'fr-FR', colorScheme: 'dark' })
    const seen = await app.page.evaluate(async () => ({
      language: navigator.language,
      dark: matchMedia('(prefers-color-scheme: dark)').matches,
      info: await window.api.appInfo(),
    }))
    expect(seen).toMatchObject({ language: 'fr-FR', dark: true, info: { ok: true, value: { locale: 'fr-FR' } } })
    await app.screenshot('smoke-shell-fr-dark')
    expect(app.errors).toEqual([])
  })

  // Every style of ours is in the one stylesheet the page loads at start. A lazily loaded chunk bringing its own CSS
  // had a <link rel=stylesheet> appended when its code arrived: with the 200 KB draft open, 5.4-7.1 ms of main
  // thread against 3.6-4.5 for a one-rule <style>, and 4 ms of that in the append itself, which landed on the
  // first key typed in one traced editor-keystroke sample (the background prefetch of dialogs, calendar and insights
  // appended ten such sheets in the first seconds). FullCalendar and the insights heatmap inject <style> elements
  // of their own; they are the libraries', not counted here.
  it('adds no stylesheet of its own once started: the editor, a dialog, the calendar and insights bring no CSS file', async () => {
    const app = await launch()
    const { page } = app
    const stylesheets = () => page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.getAttribute('href')))
    await sidebar(page).waitFor()
    const atStart = await stylesheets()
    expect(atStart).toHaveLength(1)
    await page.keyboard.press('Control+n')
    await write(page, 'Styles', 'All in one sheet.')
    await page.keyboard.press('Control+,')
    await page.getByRole('dialog', { name: 'Settings' }).waitFor()
    await page.keyboard.press('Escape')
    await sidebar(page).getByRole('button', { name: 'Calendar' }).click()
    await page.getByRole('region', { name: 'Content calendar' }).waitFor()
    await sidebar(page).getByRole('button', { name: 'Insights' }).click()
    await page.getByRole('heading', { name: 'Contribution insights' }).waitFor()
    expect(await stylesheets()).toEqual(atStart)
    expect(app.errors).toEqual([])
  })
})

describe('opening an older database', () => {
  // An update whose schema adds an index has IndexedDB build it over every row before the database opens (1.5 s at
  // 10,000 items, 5.5 s at 50,000, measured for schema v8's). The window says so instead of staying empty. Made to
  // last here by a connection from another page that does not step aside, as a long index build would.
  it('says the library is being updated while it cannot open yet, then shows the app', async () => {
    const app = await launch()
    await sidebar(app.page).waitFor()
    // A page of the app's origin that is not the app (a file it serves), to hold the database at schema v7.
    const holder = await app.context.newPage()
    await holder.goto(`${app.origin}/open-database-early.js`)
    await app.page.close()
    const v7 = schemaAt(7)
    await holder.evaluate(async ({ name, stores }) => {
      const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))))
      await request(indexedDB.deleteDatabase(name))
      const open = indexedDB.open(name, 70)
      open.onupgradeneeded = () => {
        for (const [table, spec] of Object.entries(stores)) {
          const [primary, ...indexes] = spec.split(',').map((part) => part.trim())
          const store = open.result.createObjectStore(table, { keyPath: primary! })
          for (const index of indexes) {
            const multiEntry = index.startsWith('*')
            const bare = index.replace(/^[*&]/, '')
            const keyPath = bare.startsWith('[') ? bare.slice(1, -1).split('+') : bare
            store.createIndex(bare, keyPath, { multiEntry })
          }
        }
      }
      const db = await request(open)
      // Holds on: never closes for the app's upgrade until told to.
      ;(globalThis as unknown as { held: IDBDatabase }).held = db
    }, { name: 'baluchon', stores: v7 })
    const page = await app.context.newPage()
    await page.goto(app.url)
    const notice = page.getByRole('status').filter({ hasText: 'Updating your library for this version of Baluchon…' })
    await notice.waitFor()
    await page.getByRole('progressbar', { name: 'Opening the library' }).waitFor()
    await app.screenshot('opening-updating', page)
    await holder.evaluate(() => (globalThis as unknown as { held: IDBDatabase }).held.close())
    await sidebar(page).waitFor()
    expect(await notice.count()).toBe(0)
    expect(await page.evaluate(async () => (await indexedDB.databases()).find((db) => db.name === 'baluchon')?.version)).toBe(LATEST_VERSION * 10)
    expect(app.errors).toEqual([])
  })
})

/** The tables and indexes (Dexie's notation) a database created by the app at `version` has. */
function schemaAt(version: number): Record<string, string> {
  const stores: Record<string, string> = {}
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    for (const [table, spec] of Object.entries(migration.stores)) {
      if (spec === null) delete stores[table]
      else stores[table] = spec
    }
  }
  return stores
}

describe('window.api bridge to the real dispatcher', () => {
  it('round-trips appInfo and records the call with its sender', async () => {
    const app = await launch({ appInfo: { version: '9.9.9' } })
    const result = await app.page.evaluate(() => window.api.appInfo())
    expect(result).toEqual({
      ok: true,
      value: { version: '9.9.9', platform: process.platform, locale: 'en-US', dataPath: '/tmp/baluchon-e2e' },
    })
    expect(app.ipcCalls.at(-1)).toMatchObject({ channel: 'appInfo', senderUrl: app.url, result })
  })

  it('returns typed errors from main and never throws across the bridge', async () => {
    const app = await launch()
    const results = await app.page.evaluate(async () => ({
      javascript: await window.api.openExternal({ url: 'javascript:alert(1)' }),
      file: await window.api.openExternal({ url: 'file:///etc/passwd' }),
      https: await window.api.openExternal({ url: 'https://example.org/talk' }),
      mailto: await window.api.openExternal({ url: 'mailto:me@example.org' }),
      badInput: await window.api.setMenuLanguage({ language: 'de' as 'en' }),
      offline: await window.api.linkPreview({ url: 'https://example.org/' }),
    }))
    expect(results).toMatchObject({
      javascript: { ok: false, error: { code: 'unsupported-url' } },
      file: { ok: false, error: { code: 'unsupported-url' } },
      https: { ok: true },
      mailto: { ok: true },
      badInput: { ok: false, error: { code: 'invalid-input' } },
      offline: { ok: false, error: { code: 'offline' } },
    })
    expect(app.openedUrls).toEqual(['https://example.org/talk', 'mailto:me@example.org'])
    expect(app.menuLanguages).toEqual([])
    expect(app.errors).toEqual([])
  })

  it('is the shipped preload: frozen, one method per channel, unknown channels refused', async () => {
    const app = await launch()
    const facts = await app.page.evaluate(async () => {
      const api = window.api as unknown as Record<string, unknown>
      let replaced = true
      try {
        ;(window as unknown as { api: unknown }).api = {}
      } catch {
        replaced = false
      }
      let unknownEvent = ''
      try {
        window.api.on('nope' as 'menuCommand', () => undefined)
      } catch (error) {
        unknownEvent = (error as Error).message
      }
      const invoke = (window as unknown as { __baluchonInvoke: (c: string, i?: unknown) => Promise<unknown> }).__baluchonInvoke
      let unprefixed = ''
      await invoke('appInfo').catch((error: Error) => (unprefixed = error.message))
      return {
        methods: Object.keys(api).sort(),
        frozen: Object.isFrozen(api),
        replaced: replaced && window.api !== api,
        unknownEvent,
        unknownChannel: await invoke('baluchon:deleteEverything'),
        unprefixed,
      }
    })
    expect(facts).toEqual({
      // One method per channel of the contract, and `on` for events.
      methods: [...CHANNELS, 'on'].sort(),
      frozen: true,
      replaced: false,
      unknownEvent: 'Unknown event nope',
      unknownChannel: { ok: false, error: { code: 'unknown-channel', message: 'Unknown channel deleteEverything' } },
      unprefixed: expect.stringContaining("No handler registered for 'appInfo'"),
    })
  })

  it('delivers main -> renderer events to subscribers until they unsubscribe', async () => {
    const app = await launch()
    await app.page.evaluate(() => {
      const w = window as unknown as { received: unknown[]; stop: () => void }
      w.received = []
      w.stop = window.api.on('menuCommand', (payload) => w.received.push(payload))
    })
    expect(await app.emit('menuCommand', { command: 'new-note' })).toBeGreaterThanOrEqual(1)
    await app.emit('menuCommand', { command: 'search' })
    const received = () => app.page.evaluate(() => (window as unknown as { received: unknown[] }).received)
    expect(await received()).toEqual([{ command: 'new-note' }, { command: 'search' }])
    const before = await app.emit('menuCommand', { command: 'settings' })
    await app.page.evaluate(() => (window as unknown as { stop: () => void }).stop())
    expect(await app.emit('menuCommand', { command: 'settings' })).toBe(before - 1)
    expect(await received()).toEqual([{ command: 'new-note' }, { command: 'search' }, { command: 'settings' }])
  })

  it('refuses calls from a page of another origin (forbidden-sender), even in the same profile', async () => {
    const app = await launch()
    const dir = await mkdtemp(join(tmpdir(), 'baluchon-e2e-'))
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Elsewhere</title><p>Not the app</p>')
    const elsewhere = await serveDirectory(dir)
    let page: Page | undefined
    try {
      page = await app.context.newPage()
      await page.goto(`${elsewhere.origin}/index.html`)
      const result = await page.evaluate(() => window.api.appInfo())
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
      expect(app.ipcCalls.at(-1)).toMatchObject({ senderUrl: `${elsewhere.origin}/index.html` })
    } finally {
      await page?.close()
      await elsewhere.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('harness guarantees', () => {
  it('reports CSP violations (an inline script is blocked)', async () => {
    const app = await launch()
    const ran = await app.page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.head.append(script)
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true
    })
    expect(ran).toBe(false)
    await expect.poll(() => app.errors.join('\n')).toContain('CSP violation: script-src')
  })

  it('reports uncaught exceptions', async () => {
    const app = await launch()
    await app.page.evaluate(() => {
      setTimeout(() => {
        throw new Error('boom from the page')
      })
    })
    await expect.poll(() => app.errors.join('\n')).toContain('uncaught: boom from the page')
  })

  it('gives each app a fresh profile, shared by its reloads, windows and restarts', async () => {
    const first = await launch()
    await first.page.evaluate(putProbe, 'kept')
    await first.reload()
    expect(await first.page.evaluate(getProbe)).toBe('kept')
    const second = await first.openWindow()
    expect(await second.evaluate(getProbe)).toBe('kept')
    await second.close()
    await first.restart()
    expect(await first.page.evaluate(getProbe)).toBe('kept')

    const other = await launch()
    expect(await other.page.evaluate(getProbe)).toBeNull()
    expect([...first.errors, ...other.errors]).toEqual([])
  })
})

// Plain IndexedDB (not the app's Dexie schema) so this test is about the profile, not a feature.
// Each function runs in the page (page.evaluate sends its source), so each is self-contained.
async function putProbe(value: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('e2e-probe', 1)
    request.onupgradeneeded = () => request.result.createObjectStore('kv')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('kv', 'readwrite')
    tx.objectStore('kv').put(value, 'probe')
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
  db.close()
}

async function getProbe(): Promise<string | null> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('e2e-probe', 1)
    request.onupgradeneeded = () => request.result.createObjectStore('kv')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const value = await new Promise<unknown>((resolve, reject) => {
    const request = db.transaction('kv').objectStore('kv').get('probe')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  db.close()
  return typeof value === 'string' ? value : null
}
