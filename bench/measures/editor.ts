// editor-keystroke: a key typed at the end of the 200 KB document until the next frame is painted.
// raw: a bare Tiptap editor (StarterKit) with the same document, mounted over the same page.
// autosave: the renderer main thread's task time for one autosave of that document (from the
// debounce firing to the saved state shown, plus what the write sets off: live queries, re-renders).
// raw: Dexie putting the same row.
import type { CDPSession, Page } from 'playwright-core'
import { attr, blankPageMs, loadRaw, mainThreadMs, raw, settle, timeInteraction, waitFor } from '../lib/inPage'
import { LARGE_ITEM } from '../lib/pageApi'
import { profileSample, profiling } from '../lib/profile'
import { traceSample } from '../lib/trace'
import { editorBody, ROW, SAVE_STATE } from '../lib/ui'
import { sleep, type AppSession } from './session'
import { samples, type Samples } from './types'

const KEYS = 'abcdefghijklmnopqrstuvwxyz'
/** A brisk typist's pause between keys: shorter than the autosave delay, so typing never saves. */
const TYPING_GAP_MS = 60

/** `profile`: the CDP session to profile each key with (BALUCHON_BENCH_PROFILE_DIR), for the app's keys. */
async function typeAndTime(page: Page, runs: number, profile?: CDPSession): Promise<{ times: number[]; misses: number }> {
  const times: number[] = []
  let misses = 0
  for (let i = 0; i < runs; i++) {
    const press = () => timeInteraction(page, 'keydown', { type: 'frame' }, () => page.keyboard.press(KEYS[i % KEYS.length]!))
    // Traced (BALUCHON_BENCH_TRACE_DIR): the first keys after opening, which set the p95, and a steady one.
    const key = profile && (i < 8 || i === 16) ? () => traceSample(profile, `editor-keystroke-${i}`, press) : press
    const ms = profile ? await profileSample(profile, `editor-keystroke-${i}`, key) : await key()
    if (ms === null) misses++
    else times.push(ms)
    await sleep(TYPING_GAP_MS)
  }
  return { times, misses }
}

/** Opens the 200 KB item and puts the caret at the end of its text. */
export async function openLargeForTyping(page: Page): Promise<void> {
  await page.locator(`${ROW}[data-item-id="${LARGE_ITEM.id}"]`).click()
  const body = editorBody(page)
  await body.waitFor({ state: 'visible', timeout: 30_000 })
  await body.click()
  await page.keyboard.press('Control+End')
  await settle(page, 200)
}

export async function editorKeystroke({ page, cdp }: AppSession, runs: number): Promise<Samples> {
  const out = samples()
  await openLargeForTyping(page)
  const app = await typeAndTime(page, runs, cdp)
  out.app.push(...app.times)
  if (app.misses) out.notes.push(`${app.misses} keys without a frame`)
  // Let the typing's autosave go through before the bare editor is measured.
  await waitSaved(page)
  await raw(page, 'mountEditor', LARGE_ITEM.id)
  await settle(page, 200)
  const bare = await typeAndTime(page, runs)
  out.raw.push(...bare.times)
  await raw(page, 'unmountEditor')
  await settle(page)
  return out
}

const waitSaved = (page: Page): Promise<boolean> => waitFor(page, { type: 'attr', selector: SAVE_STATE, name: 'data-state', value: 'saved' })
const saveState = (page: Page): Promise<string | null> => attr(page, SAVE_STATE, 'data-state')

/** What the write sets off (live queries re-reading, re-renders) is counted if it happens within this. */
const AFTERMATH_MS = 300

/** The cost of the measuring itself (two metric reads, an evaluate, the wait), with nothing to save. */
async function measuringCost({ page, cdp }: AppSession, probe: () => Promise<unknown>): Promise<number> {
  const idle: number[] = []
  for (let i = 0; i < 5; i++) {
    const m0 = await mainThreadMs(cdp)
    await probe()
    await sleep(AFTERMATH_MS)
    idle.push((await mainThreadMs(cdp)) - m0)
    await settle(page)
  }
  return Math.min(...idle)
}

/** The app's part; the raw part runs on a page without the app (rawAutosave), which would react to the write. */
export async function autosave(session: AppSession, runs: number): Promise<Samples> {
  const { page, cdp } = session
  const out = samples()
  await openLargeForTyping(page)
  if (!(await page.locator(SAVE_STATE).count())) {
    out.notes.push('no save state in the editor: autosave not measured')
    return out
  }
  // The cost of measuring with nothing to save is taken before the samples and again after them, and the
  // smaller is subtracted from each: taken before them alone, right after the app's start (--only=autosave), the
  // start's background work (src/app/background.ts: code fetched ahead, read-ahead) could run in every one of its
  // idle windows, inflating it past the saves' own cost, and every sample came out 0.
  const costBefore = await measuringCost(session, () => waitSaved(page))
  // One sample, its main-thread time before the baseline is subtracted: null when dropped. Profiled from the
  // key on (BALUCHON_BENCH_PROFILE_DIR), so the profile surely holds the save's start.
  const totals: number[] = []
  const once = async (i: number): Promise<number | null> => {
    await page.keyboard.press(KEYS[i % KEYS.length]!)
    // After the keystroke's own work (and the word count, 400 ms after typing stops), before the 700 ms autosave.
    await sleep(550)
    if ((await saveState(page)) !== 'pending') {
      out.notes.push('a save started before the measure did: sample dropped')
      await waitSaved(page)
      return null
    }
    // Traced over the measured window only (BALUCHON_BENCH_TRACE_DIR).
    return traceSample(cdp, `autosave-${i}`, async () => {
      const m0 = await mainThreadMs(cdp)
      const saved = await waitSaved(page)
      await sleep(AFTERMATH_MS)
      const m1 = await mainThreadMs(cdp)
      if (saved) return m1 - m0
      out.notes.push('a save did not finish within 30 s')
      return null
    })
  }
  for (let i = 0; i < runs; i++) {
    const ms = profiling() ? await profileSample(cdp, `autosave-${i}`, () => once(i)) : await once(i)
    if (ms !== null) totals.push(ms)
    await settle(page)
  }
  const costAfter = await measuringCost(session, () => waitSaved(page))
  const baseline = Math.min(costBefore, costAfter)
  console.log(`autosave: measuring cost ${costBefore.toFixed(1)} ms before the samples, ${costAfter.toFixed(1)} ms after; ${baseline.toFixed(1)} subtracted`)
  out.app.push(...totals.map((total) => Math.max(0, total - baseline)))
  return out
}

/**
 * Dexie putting the same row, on a blank page of the same origin: on the app's page the app would
 * react to the write (its live queries re-read the row), which is not the library's cost.
 * Navigates away from the app: run it last.
 */
export async function rawAutosave(session: AppSession, origin: string, runs: number): Promise<number[]> {
  const { page, cdp } = session
  await page.goto(`${origin}/__bench/blank.html`)
  await blankPageMs(page)
  await loadRaw(page)
  await raw(page, 'preparePut', LARGE_ITEM.id)
  await settle(page, 200)
  const baseline = await measuringCost(session, () => raw(page, 'get', LARGE_ITEM.id))
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const m0 = await mainThreadMs(cdp)
    await raw(page, 'put')
    await sleep(AFTERMATH_MS)
    times.push(Math.max(0, (await mainThreadMs(cdp)) - m0 - baseline))
    await settle(page)
  }
  return times
}
