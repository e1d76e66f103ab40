// What the window shows when opening the database takes a while, before the app can render anything. Opening is
// normally a matter of milliseconds, but the first start after an update whose schema adds an index has IndexedDB
// build it over every row before the database opens: measured in Chromium on this project's machines, a new index
// took 1.5 s at 10,000 items and 5.5 s at 50,000 (schema v8's). Until then the window was empty. Plain DOM, not
// React: React mounts once the start-up reads (which wait for the database) are done, and replaces this then.
import { LATEST_VERSION } from '../db/migrations'
import { DB_NAME } from '../db/schema'
import { languageFromLocale, preloadLanguage } from '../i18n'

/** Shorter opens show nothing: a notice flashing by would be noise. */
export const OPENING_NOTICE_DELAY_MS = 400

interface OpeningTexts {
  updating: string
  updatingNote: string
  opening: string
  progress: string
}

/**
 * The version of the database on disk (Dexie's version: IndexedDB's divided by 10), or null when there is none or
 * the browser cannot say. `indexedDB.databases()` lists without opening, so it never waits behind the upgrade.
 */
export async function storedSchemaVersion(name = DB_NAME): Promise<number | null> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null
  const found = (await indexedDB.databases()).find((db) => db.name === name)
  return found?.version ? found.version / 10 : null
}

/** Builds the notice: a status (announced), the words, and an indeterminate progress bar. */
function renderNotice(root: HTMLElement, texts: OpeningTexts, updating: boolean): HTMLElement {
  const box = document.createElement('div')
  box.className = 'bc-opening'
  box.setAttribute('role', 'status')
  const title = document.createElement('p')
  title.className = 'bc-opening-title'
  title.textContent = updating ? texts.updating : texts.opening
  box.append(title)
  if (updating) {
    const note = document.createElement('p')
    note.className = 'bc-opening-note'
    note.textContent = texts.updatingNote
    box.append(note)
  }
  const bar = document.createElement('progress')
  bar.setAttribute('aria-label', texts.progress)
  box.append(bar)
  root.replaceChildren(box)
  return box
}

/**
 * Shows the notice in `root` if `opened` has not settled after `delayMs`, and takes it away when it settles. The
 * texts are in the OS language: the person's chosen one is in the database being opened.
 */
export function showOpeningNoticeIfSlow(root: HTMLElement, opened: Promise<unknown>, { delayMs = OPENING_NOTICE_DELAY_MS, locale = navigator.language } = {}): void {
  let settled = false
  let shown: HTMLElement | null = null
  const done = (): void => {
    settled = true
    shown?.remove()
  }
  opened.then(done, done)
  setTimeout(() => {
    if (settled) return
    const language = languageFromLocale(locale)
    void Promise.all([preloadLanguage(language), storedSchemaVersion().catch(() => null)])
      .then(([namespaces, stored]) => {
        if (settled) return
        const texts = (namespaces['common'] as { opening?: OpeningTexts } | undefined)?.opening
        if (!texts) return
        document.documentElement.lang = language
        shown = renderNotice(root, texts, stored !== null && stored < LATEST_VERSION)
      })
      .catch(() => undefined)
  }, delayMs)
}
