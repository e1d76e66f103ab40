// editor-keystroke: a key typed at the end of the 200 KB document until the next frame is painted.
// raw: a bare Tiptap editor (StarterKit) with the same document, mounted over the same page.
// autosave: the renderer main thread's task time for one autosave of that document (from the
// debounce firing to the saved state shown, plus what the write sets off: live queries, re-renders).
// raw: Dexie putting the same row.
import type { CDPSession, Page } from 'playwright-core'
import { attr, blankPageMs, loadRaw, mainThreadMs, raw, settle, timeInteraction, unmountBareEditor, waitFor } from '../lib/inPage'
import { LARGE_ITEM } from '../lib/pageApi'
import { profileSample, profiling } from '../lib/profile'
import { traceSample } from '../lib/trace'
import { EDITOR_AREA, editorBody, ROW, SAVE_STATE } from '../lib/ui'
import { sleep, type AppSession } from './session'
import { percentile } from '../lib/stats'
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

/** True when the caret is collapsed at the very end of the editor's last block. A string: tsx's helpers do not exist in the page. */
const caretAtEnd = (page: Page): Promise<boolean> =>
  page.evaluate(`(() => {
    const selection = getSelection()
    const last = document.querySelector('${EDITOR_AREA} .ProseMirror')?.lastElementChild
    if (!selection || !selection.isCollapsed || !selection.anchorNode || !last || !last.contains(selection.anchorNode)) return false
    const rest = document.createRange()
    rest.setStart(selection.anchorNode, selection.anchorOffset)
    rest.setEndAfter(last)
    return rest.toString() === ''
  })()`) as Promise<boolean>

/**
 * Opens the 200 KB item and puts the caret at the end of its text, checked. Pressed at once after the click,
 * Control+End was undone in about one run in four: ProseMirror took in the click's selection (Chromium reports
 * it in a later task, selectionchange) after the key had put the caret at the end, so the caret went back to
 * where the click fell, the second block. Every key of such a run was typed near the start of the draft, where
 * each save changes the list row's preview: its autosaves cost 13-23 ms instead of 7-12, another measure
 * (in Chromium's counters, a layout and the list's re-render in each save). Waiting for a frame after the
 * click, and checking where the caret is, keeps every run typing at the end.
 */
export async function openLargeForTyping(page: Page): Promise<void> {
  await page.locator(`${ROW}[data-item-id="${LARGE_ITEM.id}"]`).click()
  const body = editorBody(page)
  await body.waitFor({ state: 'visible', timeout: 30_000 })
  await body.click()
  for (let attempt = 0; ; attempt++) {
    await settle(page, 0)
    await page.keyboard.press('Control+End')
    await settle(page, 0)
    if (await caretAtEnd(page)) break
    if (attempt === 4) throw new Error('the caret could not be put at the end of the 200 KB document')
  }
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
  await unmountBareEditor(page, cdp)
  await settle(page)
  return out
}

const waitSaved = (page: Page): Promise<boolean> => waitFor(page, { type: 'attr', selector: SAVE_STATE, name: 'data-state', value: 'saved' })
const saveState = (page: Page): Promise<string | null> => attr(page, SAVE_STATE, 'data-state')

/** What the write sets off (live queries re-reading, re-renders) is counted if it happens within this. */
const AFTERMATH_MS = 300

/** A measured window: the main thread's task time in it, and how long it lasted (ms). */
interface MeasuredWindow {
  ms: number
  length: number
}

/** The main thread's task time in a window of `length` ms measured as a sample is, with nothing to save. */
async function idleWindow({ page, cdp }: AppSession, length: number): Promise<number> {
  const m0 = await mainThreadMs(cdp)
  const t0 = performance.now()
  await waitSaved(page)
  await sleep(Math.max(0, length - (performance.now() - t0)))
  return (await mainThreadMs(cdp)) - m0
}

/** The cost of the measuring itself (two metric reads, an evaluate, the wait) on the raw page, with nothing to put. */
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

/**
 * The app's part; the raw part runs on a page without the app (rawAutosave), which would react to the write.
 *
 * What is subtracted from each sample is the median main-thread time of idle windows as long as the samples'
 * own, one taken after each sample with nothing to save: the measuring itself (two metric reads, an evaluate)
 * and what the page does in such a window whether a save runs or not. That is mostly the caret's blink: while
 * the editor has focus, Chromium repaints the caret every 500 ms (a frame of 1.3-2 ms beside the 200 KB draft),
 * so a window of about 470 ms holds one blink, and every sample's window holds exactly one (the key restarts
 * the blink, which falls 1,000 ms after it, just before the window closes). Before, the baseline was the
 * cheapest of five 300 ms windows after the samples: one without a blink (0.5-0.8 ms), so each sample also
 * counted the caret (traces of idle windows of the sample's length: one blink frame each, 2-5 ms in all).
 * Interleaved with the samples, the idle windows also follow any background work of the app's start (with
 * --only=autosave) as the samples do, and the median leaves out a window that met some other work.
 */
export async function autosave(session: AppSession, runs: number): Promise<Samples> {
  const { page, cdp } = session
  const out = samples()
  await openLargeForTyping(page)
  if (!(await page.locator(SAVE_STATE).count())) {
    out.notes.push('no save state in the editor: autosave not measured')
    return out
  }
  // One sample, its main-thread time before the baseline is subtracted and its window's length: null when dropped.
  // Profiled from the key on (BALUCHON_BENCH_PROFILE_DIR), so the profile surely holds the save's start.
  const totals: number[] = []
  const idles: number[] = []
  const once = async (i: number): Promise<MeasuredWindow | null> => {
    await page.keyboard.press(KEYS[i % KEYS.length]!)
    // After the keystroke's own work (and the word count, 400 ms after typing stops), before the 700 ms autosave.
    await sleep(550)
    if ((await saveState(page)) !== 'pending') {
      out.notes.push('a save started before the measure did: sample dropped')
      await waitSaved(page)
      return null
    }
    let measured: MeasuredWindow | null = null
    // Traced over the measured window only (BALUCHON_BENCH_TRACE_DIR).
    await traceSample(cdp, `autosave-${i}`, async () => {
      const m0 = await mainThreadMs(cdp)
      const t0 = performance.now()
      const saved = await waitSaved(page)
      await sleep(AFTERMATH_MS)
      const m1 = await mainThreadMs(cdp)
      if (!saved) {
        out.notes.push('a save did not finish within 30 s')
        return null
      }
      measured = { ms: m1 - m0, length: performance.now() - t0 }
      return measured.ms
    })
    return measured
  }
  for (let i = 0; i < runs; i++) {
    let sample: MeasuredWindow | null = null
    // The file names of profiles and traces carry the sample's time before the baseline is subtracted.
    if (profiling()) await profileSample(cdp, `autosave-${i}`, async () => (sample = await once(i))?.ms ?? null)
    else sample = await once(i)
    await settle(page)
    if (sample === null) continue
    totals.push(sample.ms)
    idles.push(await idleWindow(session, sample.length))
    await settle(page)
  }
  const baseline = idles.length ? percentile(idles, 50) : 0
  console.log(`autosave: idle windows as long as the samples', in order: ${idles.map((ms) => ms.toFixed(1)).join(' ')}; their median, ${baseline.toFixed(1)} ms, subtracted`)
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
