// @vitest-environment jsdom
// The window says what it is doing while the database takes long to open (an update building a new index, 1.5 s at
// 10,000 items and 5.5 s at 50,000 measured in Chromium for schema v8's), instead of staying empty; and a normal,
// quick open shows nothing.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MIGRATIONS } from '../../../src/db/migrations'
import { BaluchonDb } from '../../../src/db/schema'
import { OPENING_NOTICE_DELAY_MS, showOpeningNoticeIfSlow, storedSchemaVersion } from '../../../src/app/openingNotice'

const status = (root: HTMLElement) => root.querySelector('[role="status"]')

describe('storedSchemaVersion', () => {
  it('reads the version on disk without opening the database, and null when there is none', async () => {
    const name = `opening-${Math.random()}`
    await expect(storedSchemaVersion(name)).resolves.toBeNull()
    const old = new BaluchonDb(name, MIGRATIONS.filter((m) => m.version <= 7))
    await old.open()
    old.close()
    await expect(storedSchemaVersion(name)).resolves.toBe(7)
    const db = new BaluchonDb(name)
    await db.open()
    db.close()
    await expect(storedSchemaVersion(name)).resolves.toBe(MIGRATIONS.at(-1)!.version)
  })
})

describe('showOpeningNoticeIfSlow', () => {
  let root: HTMLElement
  beforeEach(() => {
    vi.useFakeTimers()
    root = document.createElement('div')
    document.body.append(root)
  })
  afterEach(() => {
    vi.useRealTimers()
    root.remove()
    vi.unstubAllGlobals()
  })

  /** The database on disk, as `indexedDB.databases()` lists it. */
  function onDisk(version: number | null): void {
    vi.stubGlobal('indexedDB', { databases: () => Promise.resolve(version === null ? [] : [{ name: 'baluchon', version: version * 10 }]) })
  }

  it('says the library is being updated, with a progress bar, while an older database opens; and goes once it has', async () => {
    onDisk(7)
    let open!: () => void
    const opened = new Promise<void>((resolve) => (open = resolve))
    showOpeningNoticeIfSlow(root, opened, { locale: 'en-GB' })
    await vi.advanceTimersByTimeAsync(OPENING_NOTICE_DELAY_MS)
    await vi.waitFor(() => expect(status(root)).not.toBeNull())
    expect(status(root)!.textContent).toContain('Updating your library for this version of Baluchon…')
    expect(status(root)!.textContent).toContain('This happens once')
    expect(root.querySelector('progress')?.getAttribute('aria-label')).toBe('Opening the library')
    open()
    await vi.waitFor(() => expect(status(root)).toBeNull())
  })

  it('speaks French on a French system, and only says it is opening when the database is not older', async () => {
    onDisk(MIGRATIONS.at(-1)!.version)
    showOpeningNoticeIfSlow(root, new Promise(() => undefined), { locale: 'fr-FR' })
    await vi.advanceTimersByTimeAsync(OPENING_NOTICE_DELAY_MS)
    await vi.waitFor(() => expect(status(root)).not.toBeNull())
    expect(status(root)!.textContent).toBe('Ouverture de votre bibliothèque…')
    expect(root.querySelector('.bc-opening-note')).toBeNull()
  })

  it('shows nothing when the database opens quickly', async () => {
    onDisk(7)
    showOpeningNoticeIfSlow(root, new Promise<void>((resolve) => setTimeout(resolve, OPENING_NOTICE_DELAY_MS / 2)), { locale: 'en-GB' })
    await vi.advanceTimersByTimeAsync(OPENING_NOTICE_DELAY_MS * 3)
    await Promise.resolve()
    expect(root.childElementCount).toBe(0)
  })
})
