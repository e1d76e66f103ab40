// open-item: a click on a row until the item's text is painted in the editor. raw: Dexie get of that row.
// Also, for information, the same with the 200 KB document (raw: a bare Tiptap editor mounting it).
import type { Page } from 'playwright-core'
import { describe, raw, settle, timeInteraction, unmountBareEditor } from '../lib/inPage'
import { LARGE_ITEM } from '../lib/pageApi'
import { profileSample } from '../lib/profile'
import { traceSample } from '../lib/trace'
import { EDITOR_AREA, ROW } from '../lib/ui'
import type { AppSession } from './session'
import { samples, type Samples } from './types'

interface VisibleRow {
  id: string
  /** The start of its text as the row previews it: the editor shows the same words once open. */
  lead: string
}

/** Rows on screen, with the first words of each one's text. */
async function visibleRows(page: Page): Promise<VisibleRow[]> {
  const rows = await describe(page, ROW, 'data-item-id', '.row-preview')
  return rows.map((row) => ({ id: row.attr, lead: row.text.split(/\s+/).slice(0, 4).join(' ') }))
}

/** The editor shows this text: the item's body is painted (title and body live under EDITOR_AREA). */
const shows = (text: string) => ({ type: 'contains' as const, selector: `${EDITOR_AREA} [contenteditable], ${EDITOR_AREA} textarea`, text })

async function open(page: Page, id: string, lead: string, timeoutMs = 10_000): Promise<number | null> {
  return timeInteraction(page, 'mousedown', shows(lead), () => page.locator(`${ROW}[data-item-id="${id}"]`).click(), timeoutMs)
}

export async function openItem({ page, cdp }: AppSession, runs: number): Promise<Samples> {
  const out = samples()
  // Ordinary items (about 2 KB), skipping the 200 KB one, taken in turn so each click opens another item.
  const rows = (await visibleRows(page)).filter((r) => r.id !== LARGE_ITEM.id && r.lead.length >= 12).slice(0, 6)
  if (rows.length < 2) throw new Error(`open-item needs at least two rows on screen, found ${rows.length}`)
  for (let i = 0; i < runs; i++) {
    const row = rows[i % rows.length]!
    const once = () => open(page, row.id, row.lead)
    // Traced (BALUCHON_BENCH_TRACE_DIR): the first opens of the session, and a later one.
    const ms = await profileSample(cdp, `open-item-${i}`, i < 3 || i === 8 ? () => traceSample(cdp, `open-item-${i}`, once) : once)
    if (ms === null) out.notes.push(`editor did not show "${row.lead}" within 10 s`)
    else out.app.push(ms)
    await settle(page)
  }
  for (let i = 0; i < runs; i++) out.raw.push(await raw(page, 'get', rows[i % rows.length]!.id))
  return out
}

/** Opens the 200 KB document (after another item, so it really mounts), `runs` times. */
export async function openLarge({ page, cdp }: AppSession, runs: number): Promise<Samples> {
  const out = samples()
  const rows = await visibleRows(page)
  const large = rows.find((r) => r.id === LARGE_ITEM.id)
  const other = rows.find((r) => r.id !== LARGE_ITEM.id && r.lead.length >= 12)
  if (!large || !other) throw new Error('The 200 KB item is not on screen')
  for (let i = 0; i < runs; i++) {
    await open(page, other.id, other.lead)
    await settle(page)
    const ms = await open(page, large.id, large.lead, 30_000)
    if (ms === null) out.notes.push('the 200 KB document did not show within 30 s')
    else out.app.push(ms)
    await settle(page)
  }
  for (let i = 0; i < runs; i++) {
    out.raw.push(await raw(page, 'mountEditor', LARGE_ITEM.id))
    await settle(page)
    // Collected once, after the last: a collection before each mount made the bare editor's figure 15-20% slower.
    if (i < runs - 1) await raw(page, 'unmountEditor')
  }
  await unmountBareEditor(page, cdp)
  return out
}
