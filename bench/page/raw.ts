// The bare libraries, loaded into the app's own page (same origin, so the app's CSP allows it) for the
// "raw" column: what Dexie, Tiptap and the search library cost for the same work with no app around them.
import { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import Dexie, { type Table } from 'dexie'
import { zipSync, type Zippable } from 'fflate'
import { computeInsights, contributionDate, localIsoDate, type Affiliation, type InsightFact } from '../../src/core/career'
import { DB_NAME } from '../../src/db/schema'
import { factsAsItem, type CareerFacts } from '../../src/features/career/facts'
import type { BenchWindow, RawApi } from '../lib/pageApi'
import { afterNextPaint } from './frames'
import { rawSearch, searchIndexSavedAt } from './rawSearch'
import { portfolioBuild } from './rawPortfolio'
import { asStored, storedBody } from './storedBody'

type Row = Record<string, unknown> & { id: string; body: unknown; bodyText: string; updatedAt: number }

// No schema declared: Dexie opens the database the app created, as it is.
const db = new Dexie(DB_NAME)
const items = (): Table<Row, string> => db.table('items')

let prepared: Row | null = null
let editor: Editor | null = null
let overlay: HTMLElement | null = null

async function firstPage(kind: string | null, limit: number): Promise<{ ms: number; ids: string[] }> {
  await db.open()
  const t0 = performance.now()
  const range = kind
    ? items().where('[trashed+kind+updatedAt]').between([0, kind, -Infinity], [0, kind, Infinity])
    : items().where('[trashed+updatedAt]').between([0, -Infinity], [0, Infinity])
  const rows = await range.reverse().limit(limit).toArray()
  return { ms: performance.now() - t0, ids: rows.map((r) => r.id) }
}

async function get(id: string): Promise<number> {
  await db.open()
  const t0 = performance.now()
  const row = await items().get(id)
  if (!row) throw new Error(`No item ${id}`)
  return performance.now() - t0
}

async function preparePut(id: string): Promise<void> {
  await db.open()
  const row = await items().get(id)
  if (!row) throw new Error(`No item ${id}`)
  prepared = row
}

async function put(): Promise<void> {
  if (!prepared) throw new Error('preparePut first')
  // What an autosave changes: the text (one more character) and the time.
  prepared = { ...prepared, bodyText: `${prepared.bodyText}x`, updatedAt: Date.now() }
  await items().put(prepared)
}

async function mountEditor(id: string): Promise<number> {
  await db.open()
  const row = await items().get(id)
  if (!row) throw new Error(`No item ${id}`)
  unmountEditor()
  const t0 = performance.now()
  overlay = document.createElement('div')
  overlay.setAttribute('style', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff;color:#000;padding:24px;font:16px/1.5 sans-serif')
  document.body.append(overlay)
  editor = new Editor({ element: overlay, extensions: [StarterKit], content: storedBody(row) as object })
  editor.commands.focus('end')
  return (await afterNextPaint()) - t0
}

function unmountEditor(): void {
  editor?.destroy()
  overlay?.remove()
  editor = null
  overlay = null
}

// ---- markdown-export (bench/measures/markdownExport.ts)

async function addImages(count: number): Promise<number> {
  await db.open()
  const rows = await items().where('[trashed+updatedAt]').between([0, -Infinity], [0, Infinity]).reverse().limit(count).toArray()
  const attachments: Record<string, unknown>[] = []
  for (const [i, row] of rows.entries()) {
    // About 40 KB of incompressible bytes, like a photo: a PNG signature, then noise.
    const data = new Uint8Array(40_000 + (i % 7) * 1000)
    for (let k = 0; k < data.length; k += 65536) crypto.getRandomValues(data.subarray(k, Math.min(data.length, k + 65536)))
    data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const sha = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', data)), (b) => b.toString(16).padStart(2, '0')).join('')
    const id = `BENCHIMG${String(i).padStart(18, '0')}`
    attachments.push({ id, itemId: row.id, mime: 'image/png', name: `photo ${i}.png`, size: data.length, sha256: sha, createdAt: Date.now(), data: new Blob([data], { type: 'image/png' }) })
    const body = storedBody(row) as { type: string; content?: unknown[] }
    rows[i] = asStored(row, { ...body, content: [...(body.content ?? []), { type: 'image', attrs: { src: `attachment:${id}`, alt: `Photo ${i}`, title: null } }] })
  }
  await db.transaction('rw', [db.table('attachments'), db.table('items')], async () => {
    await db.table('attachments').bulkPut(attachments)
    await items().bulkPut(rows)
  })
  return attachments.length
}

let zipFiles: { path: string; data: Uint8Array; compress: boolean; level?: number }[] = []

async function readAndZip(): Promise<number> {
  await db.open()
  const t0 = performance.now()
  const [rows, stored] = await Promise.all([items().toArray(), db.table('attachments').toArray()])
  if (rows.length === 0) throw new Error('No items')
  // The image bytes are read as the export reads them (Blob -> bytes).
  await Promise.all(stored.map((a: { data: Blob }) => a.data.arrayBuffer()))
  const input: Zippable = {}
  for (const file of zipFiles) input[file.path] = [file.data, { level: file.compress ? ((file.level ?? 6) as 6) : 0 }]
  const zip = zipSync(input)
  if (zip.length === 0) throw new Error('Empty zip')
  return performance.now() - t0
}

// ---- insights-render (bench/measures/insights.ts)

/** Three affiliations over the synthetic base's three years, one confidential by default. */
const BENCH_AFFILIATIONS: Affiliation[] = [
  { id: '01BENCHAFF0000000000000001', organisation: 'Globex', role: 'Developer', start: '2023-01-01', end: '2024-06-30', logoAttachmentId: null, defaultLabel: 'employer-confidential', createdAt: 0, updatedAt: 0 },
  { id: '01BENCHAFF0000000000000002', organisation: 'Initech', role: 'Tech lead', start: '2024-07-01', end: '2025-12-31', logoAttachmentId: null, defaultLabel: 'employer-public', createdAt: 0, updatedAt: 0 },
  { id: '01BENCHAFF0000000000000003', organisation: 'Freelance', role: 'Consultant', start: '2026-01-01', end: '', logoAttachmentId: null, defaultLabel: 'personal', createdAt: 0, updatedAt: 0 },
]

async function addAffiliations(): Promise<void> {
  await db.open()
  await db.table('affiliations').bulkPut(BENCH_AFFILIATIONS)
}

let insightFacts: InsightFact[] | null = null

/**
 * The aggregation alone (src/core/career/insights.ts) over the facts the app's search index saved for every
 * item, read and parsed beforehand (not timed): what the dashboard costs without messaging and drawing.
 */
async function insightsAggregate(): Promise<number> {
  if (!insightFacts) {
    await db.open()
    const saved = (await db.table('searchIndex').get('docs')) as { value: string } | undefined
    if (!saved) throw new Error('No saved search index')
    // A `docs` row: [id, kind, title, tags, updatedAt, status, unread, career facts] (src/features/search/engine.ts).
    const rows = JSON.parse(saved.value) as [string, InsightFact['kind'], string, string[], number, unknown, number, CareerFacts?][]
    insightFacts = rows.map(([, kind, , tags, updatedAt, , , career]) =>
      career
        ? { kind, tags, date: contributionDate(factsAsItem(career)), affiliationId: career.affiliationId, label: career.label }
        : { kind, tags, date: localIsoDate(updatedAt) },
    )
  }
  const t0 = performance.now()
  const insights = computeInsights(insightFacts, [], { affiliations: BENCH_AFFILIATIONS, defaultLabel: 'personal' }, { year: new Date().getFullYear() })
  if (insights.totals.total !== insightFacts.length) throw new Error('Insights lost items')
  return performance.now() - t0
}

const raw: RawApi = {
  firstPage,
  get,
  preparePut,
  put,
  mountEditor,
  unmountEditor,
  searchReady: () => rawSearch.ready(db),
  search: (query) => rawSearch.search(query),
  searchIndexSavedAt: () => searchIndexSavedAt(db),
  addImages,
  prepareZip: (files, append) => {
    // Large sets come in several calls (one message of 60 MB closes the page).
    zipFiles = append ? zipFiles.concat(files) : files
  },
  readAndZip,
  addAffiliations,
  insightsAggregate,
  portfolioBuild: () => portfolioBuild(db),
}
;(window as BenchWindow).__benchRaw = raw
