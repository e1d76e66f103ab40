// search-keystroke: one key typed in the search box until the results it changes are painted.
// Each sample types the 4th or 5th letter of a word: the first letters that reach into bodies (the engine
// matches 1–3 letter prefixes in short fields only), so the result rows change with that key.
// raw: the search library alone (the app's persisted MiniSearch indexes, loaded bare) answering the same
// prefix.
import type { CDPSession, Page } from 'playwright-core'
import { raw, settle, snapshot, timeInteraction, waitFor } from '../lib/inPage'
import { profileSample } from '../lib/profile'
import { traceSample } from '../lib/trace'
import { ROW, searchBox } from '../lib/ui'
import type { AppSession } from './session'
import { samples, type Samples } from './types'

/** Words of the synthetic vocabulary (test/support/syntheticKb.ts), French and English, common and rare. */
export const SEARCH_WORDS = [
  'performance', 'architecture', 'conférence', 'database', 'accessibility', 'migration', 'newsletter', 'stratégie',
  'leadership', 'keyboard', 'mastodon', 'chapitre', 'publication', 'workshop', 'printemps', 'bookmark',
  'interview', 'croissance', 'synchronisation', 'privacy', 'rédaction', 'podcast', 'organisation', 'deployment',
]

const changedFrom = (from: string) => ({ type: 'snapshotChanged' as const, selector: ROW, from })

/** The i-th sample: a word and how many of its letters are there before the measured key. */
function sample(i: number): { word: string; typed: number } {
  return { word: SEARCH_WORDS[i % SEARCH_WORDS.length]!, typed: 3 + (Math.floor(i / SEARCH_WORDS.length) % 2) }
}

async function typeKey(page: Page, cdp: CDPSession, word: string, typed: number, label: string, trace: boolean): Promise<number | null> {
  const box = searchBox(page)
  // The letters before the measured one at once, their results painted before the key.
  const before = await snapshot(page, ROW)
  await box.fill(word.slice(0, typed))
  await waitFor(page, changedFrom(before), 30_000)
  await settle(page, 150)
  const shown = await snapshot(page, ROW)
  const key = () => timeInteraction(page, 'keydown', changedFrom(shown), () => box.press(word[typed]!), 30_000)
  return profileSample(cdp, label, trace ? () => traceSample(cdp, label, key) : key)
}

export async function searchKeystroke({ page, cdp }: AppSession, runs: number): Promise<Samples> {
  const out = samples()
  let unchanged = 0
  for (let i = 0; i < runs; i++) {
    const { word, typed } = sample(i)
    // Traced (BALUCHON_BENCH_TRACE_DIR): the first keys of the session, and a later one.
    const ms = await typeKey(page, cdp, word, typed, `search-keystroke-${i}-${word.slice(0, typed + 1)}`, i < 3 || i === 8)
    if (ms === null) unchanged++
    else out.app.push(ms)
  }
  if (unchanged) out.notes.push(`${unchanged} keys left the results as they were (not counted)`)
  await searchBox(page).fill('')
  await settle(page)
  await raw(page, 'searchReady')
  for (let i = 0; i < runs; i++) {
    const { word, typed } = sample(i)
    out.raw.push(await raw(page, 'search', word.slice(0, typed + 1)))
  }
  return out
}

/** The search library alone getting ready on the same rows (loading the persisted index, or indexing). */
export async function rawSearchReady({ page }: AppSession, runs: number): Promise<{ ready: number[]; complete: number[]; source: string }> {
  const ready: number[] = []
  const complete: number[] = []
  let source = ''
  for (let i = 0; i < runs; i++) {
    const result = await raw(page, 'searchReady')
    ready.push(result.ms)
    complete.push(result.completeMs)
    source = result.source
    await settle(page)
  }
  return { ready, complete, source }
}
