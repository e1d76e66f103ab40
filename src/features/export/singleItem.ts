// One item out of Baluchon, from its "…" menu: as Markdown (a `.md`, or a `.zip` holding `<title>/index.md`
// and its images when it shows any) or as one self-contained HTML page (images inlined as data: URLs),
// through the native save dialog and main's atomic write.
//
// The page comes from itemToHtmlDocument (src/core/markdown/html.ts), which is safe by construction rather
// than by cleaning afterwards: every text and attribute is escaped where it is written, links keep only
// http(s) and mailto targets, images only the data: URLs given here, and a Content-Security-Policy meta tag
// forbids scripts; a sanitiser pass (DOMPurify) would have nothing left to remove and would drop the
// document's <head> and styles.
import { docAttachmentIds } from '../../core/doc'
import { safeFileName } from '../../core/filenames'
import type { ExportFilesWritten } from '../../core/ipc/contract'
import type { Item } from '../../core/items'
import { itemToHtmlDocument, type HtmlLabels } from '../../core/markdown'
import type { BaluchonDb } from '../../db'
import { careerResolver } from '../../core/career'
import { loadCareerContext } from '../career/repository'
import { dexieExportSource } from './dexieSource'
import { careerFrontMatter, itemFiles, type ExportAttachment } from './markdownExport'
import { fixedBatches, writeExport } from './writer'

async function attachmentsOf(db: BaluchonDb, item: Item): Promise<Map<string, ExportAttachment>> {
  const ids = docAttachmentIds(item.body)
  const found = ids.length ? await dexieExportSource(db).attachments(ids) : []
  const map = new Map<string, ExportAttachment>()
  found.forEach((a, i) => {
    if (a) map.set(ids[i]!, a)
  })
  return map
}

/** Null when the person cancels the save dialog. */
export async function exportItemAsMarkdown(db: BaluchonDb, item: Item): Promise<ExportFilesWritten | null> {
  const career = careerFrontMatter(careerResolver(await loadCareerContext(db)), item)
  const files = await itemFiles(item, await attachmentsOf(db, item), new Set(), '', career)
  if (files.files.length === 1) {
    const name = files.markdownPath
    const result = await writeExport({ target: 'file', kind: 'md', suggestedName: name }, fixedBatches(files.files, null))
    return result?.written ?? null
  }
  const stem = files.markdownPath.slice(0, files.markdownPath.indexOf('/'))
  const result = await writeExport({ target: 'zip', suggestedName: `${stem}.zip` }, fixedBatches(files.files, null))
  return result?.written ?? null
}

function dataUrl(attachment: ExportAttachment): Promise<string> {
  const blob = attachment.data instanceof Blob ? attachment.data : new Blob([attachment.data.slice().buffer as ArrayBuffer])
  const typed = blob.type === attachment.mime ? blob : new Blob([blob], { type: attachment.mime })
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the image'))
    reader.readAsDataURL(typed)
  })
}

export interface HtmlPageOptions {
  lang: string
  labels: HtmlLabels
  formatDate(ms: number): string
}

/** The item as a self-contained page: its images inlined. */
export async function itemHtmlPage(db: BaluchonDb, item: Item, options: HtmlPageOptions): Promise<string> {
  const attachments = await attachmentsOf(db, item)
  const sources = new Map<string, string>()
  for (const [id, attachment] of attachments) sources.set(id, await dataUrl(attachment))
  return itemToHtmlDocument(item, { ...options, imageSrc: (id) => sources.get(id) ?? null })
}

export async function exportItemAsHtml(db: BaluchonDb, item: Item, options: HtmlPageOptions): Promise<ExportFilesWritten | null> {
  const html = await itemHtmlPage(db, item, options)
  const name = safeFileName(item.title, { extension: 'html' })
  const result = await writeExport({ target: 'file', kind: 'html', suggestedName: name }, fixedBatches([{ path: name, data: html, compress: true }], null))
  return result?.written ?? null
}
