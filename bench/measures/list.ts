// list-first-paint: a click on a sidebar kind until the first rows of that kind are painted.
// raw: Dexie reading the first page of that kind on the same index.
import { raw, settle, timeInteraction } from '../lib/inPage'
import { profileSample } from '../lib/profile'
import { traceSample } from '../lib/trace'
import { kindButton, ROW } from '../lib/ui'
import type { AppSession } from './session'
import { samples, type Samples } from './types'

interface View {
  label: string
  kind: string | null
}

const KINDS: View[] = [
  { label: 'Posts', kind: 'post' },
  { label: 'Links', kind: 'link' },
  { label: 'Talks', kind: 'talk' },
  { label: 'Notes', kind: 'note' },
]
const ALL: View = { label: 'All', kind: null }

/**
 * Kinds in turn, with All slipped in between two kinds that do not hold the newest item (All starts with
 * that item): consecutive views always start with different rows, so each switch shows in the DOM.
 */
function cycle(newestKind: string): View[] {
  const at = KINDS.findIndex((view, i) => view.kind !== newestKind && KINDS[(i + 1) % KINDS.length]!.kind !== newestKind)
  return [...KINDS.slice(0, at + 1), ALL, ...KINDS.slice(at + 1)]
}

/** The list reads this many rows per page (src/features/library/useListWindow.ts PAGE_SIZE). */
const PAGE = 50

export async function listFirstPaint({ page, cdp }: AppSession, runs: number): Promise<Samples> {
  const out = samples()
  // Each view's newest row, so the probe knows which row means "this view is painted".
  const firstIds = new Map<string | null, string>()
  for (const view of [...KINDS, ALL]) firstIds.set(view.kind, (await raw(page, 'firstPage', view.kind, PAGE)).ids[0]!)
  const newestKind = KINDS.find((view) => firstIds.get(view.kind) === firstIds.get(null))?.kind ?? ''
  const views = cycle(newestKind)
  for (let i = 0; i < runs; i++) {
    const view = views[i % views.length]!
    const click = () => timeInteraction(page, 'click', { type: 'attr', selector: ROW, name: 'data-item-id', value: firstIds.get(view.kind)! }, () => kindButton(page, view.label).click())
    const label = `list-first-paint-${i}-${view.label}`
    const ms = await profileSample(cdp, label, i < 4 ? () => traceSample(cdp, label, click) : click)
    if (ms === null) out.notes.push(`no rows for ${view.label} within 10 s`)
    else out.app.push(ms)
    await settle(page)
  }
  for (let i = 0; i < runs; i++) {
    out.raw.push((await raw(page, 'firstPage', views[i % views.length]!.kind, PAGE)).ms)
  }
  await kindButton(page, 'All').click()
  await settle(page)
  return out
}
