// The Markdown export's files, built from the knowledge base: one `.md` per item with YAML front matter
// (src/core/markdown), its images beside it, linked relatively. No React, Dexie or Electron here: the data
// comes through a `MarkdownExportSource` (Dexie in the app, arrays in tests) and the files go to whoever
// writes them (main, through batches over IPC).
//
// Layout, chosen for Hugo, Jekyll and Obsidian at once:
//
//   posts/My first post.md             an item without images: one file, named after its title
//   posts/Trip to Lyon/index.md        an item with images: a folder (a Hugo "leaf bundle")
//   posts/Trip to Lyon/station.png     ... its images beside index.md, linked as `station.png`
//   talks/…  links/…  notes/…          one folder per kind (the Markdown-folder importer reads the kind
//                                      from these names too, and from the `kind` key first)
//
// Why a folder per item with images rather than one shared `images/` folder: Hugo publishes an image
// next to a page and resolves `![](station.png)` only when both sit in a page bundle (`index.md` plus
// its resources); a shared `content/images/` is not published and `../images/x.png` would point outside
// the page's URL. Jekyll copies the bundle folder as is, so the relative link works on the built site
// too, and Obsidian resolves standard relative links (and shows the folder named after the item).
// Items without images stay single files so an Obsidian vault is not a forest of notes called "index".
// Images are deduplicated by SHA-256 within an item (pasting the same picture twice writes one file);
// an image shared by two items is copied into each bundle, since a bundle must stand on its own.
// Image file names come from the stored name with spaces turned into hyphens (some Markdown readers
// stumble on `<a b.png>` destinations), made safe by safeFileName, with the extension from the type.
//
// Trashed items are not exported (the Settings and export dialogs say so).
import { attachmentSrc, docAttachmentIds } from '../../core/doc'
import { docItemLinkIds } from '../../core/itemLinks'
import { DEFAULT_MAX_FILE_NAME_BYTES, fileNameKey, safeFileName } from '../../core/filenames'
import { careerResolver, type CareerContext, type CareerResolver } from '../../core/career'
import type { Item, ItemKind } from '../../core/items'
import { itemToMarkdownFile, type ItemCareerFrontMatter } from '../../core/markdown'
import { ExportCancelled } from './errors'

export { ExportCancelled }

/** An attachment as the export needs it. */
export interface ExportAttachment {
  id: string
  mime: string
  name: string
  sha256: string
  data: Blob | Uint8Array
}

/** Where the items and their images come from. */
export interface MarkdownExportSource {
  /** How many items `pages()` will yield (for the progress bar). */
  count(): Promise<number>
  /** Every item to export, in pages; trashed items are skipped by the builder whatever the source yields. */
  pages(): AsyncIterable<readonly Item[]>
  /** The attachments with these ids, in the same order (undefined where one is missing). */
  attachments(ids: readonly string[]): Promise<readonly (ExportAttachment | undefined)[]>
  /** The affiliations and default label, so each file says its label and affiliation (absent: not written). */
  career?(): Promise<CareerContext>
}

/** An item's label and affiliation for its front matter. */
export function careerFrontMatter(resolve: CareerResolver, item: Item): ItemCareerFrontMatter {
  const { label, affiliation } = resolve(item)
  return { label, affiliation: affiliation?.organisation ?? null }
}

export interface ExportFile {
  /** Relative path with `/` separators, safe on every system (see src/core/filenames.ts). */
  path: string
  /**
   * Text (Markdown, HTML) stays a string until main writes it as UTF-8: no encoding pass here, and a string
   * crosses the bridge cheaper than bytes. Images are bytes.
   */
  data: string | Uint8Array<ArrayBuffer>
  /** Whether a zip should deflate it (text yes; images are already compressed). */
  compress: boolean
}

export interface ExportProgress {
  done: number
  /** null until the items are counted (the count is not waited for: see markdownExportBatches). */
  total: number | null
}

export interface MarkdownExportSummary {
  items: Record<ItemKind, number>
  images: number
  /** Images a document shows whose bytes are gone from the database (left as `attachment:<id>` links). */
  missingImages: number
  files: number
  /** Image bytes plus text characters (main reports the exact bytes written). */
  bytes: number
}

export interface MarkdownExportOptions {
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
  /**
   * A batch is handed over once it holds this many bytes (default 8 MB) or files (default 2,000). Few large
   * batches: each is one call across the bridge, whose latency (not its size) is what adds up.
   */
  batchBytes?: number
  batchFiles?: number
  /** Work slice before giving the event loop a turn (default 30 ms), so the window stays responsive. */
  sliceMs?: number
}

/**
 * A turn for the page's other work between slices. Chromium's scheduler.yield() resumes right after it (a
 * setTimeout(0) chain is clamped to 4 ms after a few turns: a tenth of a 30 ms slice lost each time).
 */
const nextTurn = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0))
}


export const KIND_FOLDERS: Record<ItemKind, string> = { post: 'posts', talk: 'talks', link: 'links', note: 'notes' }

const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
}

/** Leaves room in a folder or file name stem for `index.md`-free suffixes (`.md`, `-12`). */
const STEM_MAX_BYTES = DEFAULT_MAX_FILE_NAME_BYTES - 8

/** A file's size for batching: bytes, or UTF-16 units for text (close enough, and free to compute). */
function sizeOf(file: ExportFile): number {
  return typeof file.data === 'string' ? file.data.length : file.data.byteLength
}

function imageExtension(mime: string): string {
  return IMAGE_EXTENSIONS[mime.toLowerCase()] ?? 'bin'
}

/** The stored name without its extension, spaces as hyphens: "Screen Shot 2024.png" -> "Screen-Shot-2024". */
function imageStem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  const stem = (dot > 0 ? base.slice(0, dot) : base).trim().replace(/\s+/g, '-')
  return stem || 'image'
}

async function bytesOf(data: Blob | Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  // Stored bytes are never backed by shared memory (IndexedDB and structured clone give ArrayBuffers).
  return data instanceof Uint8Array ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(await data.arrayBuffer())
}

/** Where an item's links to other items lead, and its own name when the export chose it beforehand. */
export interface ItemPlacement {
  /** The Markdown file (its path in the export) of an item already placed; undefined for one not exported. */
  pathOf?: (itemId: string) => string | undefined
  /** The item's file or bundle name, taken from the kind's names already (see markdownExportBatches). */
  stem?: string
}

/**
 * A link from the file at `from` to the file at `to` (both paths in the export), relative, as Hugo, Jekyll,
 * Obsidian and Baluchon's own Markdown-folder import follow it. Each name is percent-encoded where a reader
 * would stop or misread (`%`, `#`, `?`, spaces); other characters stay readable.
 */
export function relativeLink(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1)
  const toParts = to.split('/')
  let shared = 0
  while (shared < fromDirs.length && shared < toParts.length - 1 && fromDirs[shared] === toParts[shared]) shared++
  const encode = (name: string): string => name.replace(/[%#?\s]/g, (c) => encodeURIComponent(c))
  return [...fromDirs.slice(shared).map(() => '..'), ...toParts.slice(shared).map(encode)].join('/')
}

/** The Markdown file an item gets in a whole export, once its name is chosen: a bundle's index.md if it shows images. */
function markdownPathOf(item: Item, stem: string, hasImages: boolean): string {
  return `${KIND_FOLDERS[item.kind]}/${stem}${hasImages ? '/index.md' : '.md'}`
}

/** One item's files: its Markdown and the images it shows. Pure apart from reading the image bytes. */
export interface ItemFiles {
  markdownPath: string
  files: ExportFile[]
  images: number
  missingImages: number
}

/**
 * The files of one item, in `folder` (its kind's folder in a whole export, '' for a single item) whose
 * taken names are `stems` (file-name keys, shared by single files and bundles so "Trip.md" and "Trip/"
 * never both appear).
 */
export async function itemFiles(
  item: Item,
  attachments: ReadonlyMap<string, ExportAttachment>,
  stems: Set<string>,
  folder: string = KIND_FOLDERS[item.kind],
  career?: ItemCareerFrontMatter,
  /** The bytes of an attachment (the whole export reads them ahead, see ImagesAhead). */
  readBytes: (id: string, attachment: ExportAttachment) => Promise<Uint8Array<ArrayBuffer>> = (_id, attachment) => bytesOf(attachment.data),
  /** The ids of the images its body shows, if the caller walked it already (the whole export does, once per item). */
  ids: readonly string[] = docAttachmentIds(item.body),
  /** Where the whole export put the items this one links to, and this item's name if it was chosen already. */
  placement: ItemPlacement = {},
): Promise<ItemFiles> {
  const within = (name: string): string => (folder ? `${folder}/${name}` : name)
  const stem = placement.stem ?? safeFileName(item.title, { taken: stems, maxLength: STEM_MAX_BYTES })
  const present = ids.filter((id) => attachments.has(id))
  const files: ExportFile[] = []
  const linksFrom = (markdownPath: string) => (id: string): string | null => {
    const target = id === item.id ? markdownPath : placement.pathOf?.(id)
    return target === undefined ? null : relativeLink(markdownPath, target)
  }
  if (present.length === 0) {
    const markdownPath = within(`${stem}.md`)
    const text = itemToMarkdownFile(item, { imagePath: attachmentSrc, itemLinkPath: linksFrom(markdownPath) }, career)
    files.push({ path: markdownPath, data: text, compress: true })
    return { markdownPath, files, images: 0, missingImages: ids.length }
  }
  const bundle = within(stem)
  const taken = new Set([fileNameKey('index.md')])
  const nameById = new Map<string, string>()
  const nameBySha = new Map<string, string>()
  for (const id of present) {
    const attachment = attachments.get(id)!
    let name = nameBySha.get(attachment.sha256)
    if (name === undefined) {
      name = safeFileName(imageStem(attachment.name), { extension: imageExtension(attachment.mime), taken })
      nameBySha.set(attachment.sha256, name)
      files.push({ path: `${bundle}/${name}`, data: await readBytes(id, attachment), compress: false })
    }
    nameById.set(id, name)
  }
  // A missing image keeps its `attachment:<id>` address: a dead link that still says what it was.
  const markdownPath = `${bundle}/index.md`
  const text = itemToMarkdownFile(item, { imagePath: (id) => nameById.get(id) ?? attachmentSrc(id), itemLinkPath: linksFrom(markdownPath) }, career)
  files.unshift({ path: markdownPath, data: text, compress: true })
  return { markdownPath, files, images: nameBySha.size, missingImages: ids.length - present.length }
}

/** Attachments (their records: the bytes are read as each item is written) asked for at once for the held items. */
const HELD_ATTACHMENTS_PER_READ = 500

/** Images whose bytes are read this far ahead of the item being written. */
const IMAGES_AHEAD = 8

/**
 * The bytes of a page's images, read a few images ahead of the item being written, in the order the items show
 * them. Why: an image stored in IndexedDB comes back as a Blob whose bytes are fetched from the browser process;
 * read only when its item's turn came, the bench's 200 images kept the export worker waiting about a second in all.
 * At most IMAGES_AHEAD images are held beyond the current item's; an image read ahead is used once, then read again
 * if another item shows it (as before).
 */
class ImagesAhead {
  private readonly order: string[]
  private readonly position = new Map<string, number>()
  private readonly reads = new Map<string, Promise<Uint8Array<ArrayBuffer>>>()
  private next = 0

  constructor(
    items: readonly Item[],
    private readonly attachments: ReadonlyMap<string, ExportAttachment>,
    private readonly idsOf: ReadonlyMap<Item, readonly string[]>,
  ) {
    this.order = [...new Set(items.flatMap((item) => idsOf.get(item) ?? []).filter((id) => attachments.has(id)))]
    this.order.forEach((id, i) => this.position.set(id, i))
  }

  /** Starts the reads of `item`'s images and of the next few. */
  aheadOf(item: Item): void {
    let last = -1
    for (const id of this.idsOf.get(item) ?? []) last = Math.max(last, this.position.get(id) ?? -1)
    const until = Math.min(this.order.length, last + 1 + IMAGES_AHEAD)
    for (; this.next < until; this.next++) {
      const id = this.order[this.next]!
      const reading = bytesOf(this.attachments.get(id)!.data)
      // Awaited when its item's turn comes; until then a failure must not count as unhandled.
      reading.catch(() => undefined)
      this.reads.set(id, reading)
    }
  }

  readonly bytes = (id: string, attachment: ExportAttachment): Promise<Uint8Array<ArrayBuffer>> => {
    const reading = this.reads.get(id)
    this.reads.delete(id)
    return reading ?? bytesOf(attachment.data)
  }
}

/**
 * The export's files, handed over in batches (a few MB each) so the writer can stream them to disk
 * and nothing holds the whole export in memory. The last value returned is the summary.
 * Throws ExportCancelled once `signal` is aborted.
 */
export async function* markdownExportBatches(
  source: MarkdownExportSource,
  options: MarkdownExportOptions = {},
): AsyncGenerator<ExportFile[], MarkdownExportSummary> {
  const batchBytes = options.batchBytes ?? 8 * 1024 * 1024
  const batchFiles = options.batchFiles ?? 2000
  const sliceMs = options.sliceMs ?? 30
  let sliceStart = performance.now()
  // The first page is asked for first, then the affiliations, and only then the count, which is not waited for:
  // IndexedDB answers a connection's requests one after another, and counting the items (an index scan, 100-150 ms
  // at 10,000 items, 400 ms on a cold base) ahead of these reads held the first item back by that much. Until the
  // count comes the progress has no total (the dialog shows a bar without an end, not a full one).
  const pages = source.pages()[Symbol.asyncIterator]()
  const firstPage = pages.next()
  // Awaited below; if the career read fails first, this one must not count as unhandled.
  firstPage.catch(() => undefined)
  let resolve: CareerResolver | null
  try {
    // Built once for the whole export: resolving an item is then a short scan of the affiliations.
    resolve = source.career ? careerResolver(await source.career()) : null
  } catch (error) {
    await pages.return?.(undefined)
    throw error
  }
  let total = 0
  let done = 0
  let counted = false
  const counting = source.count().then(
    (count) => {
      total = count
      counted = true
      options.onProgress?.({ done, total: Math.max(total, done) })
    },
    // Only the progress bar's total is lost.
    () => undefined,
  )
  const summary: MarkdownExportSummary = { items: { post: 0, talk: 0, link: 0, note: 0 }, images: 0, missingImages: 0, files: 0, bytes: 0 }
  // "node_modules" is a folder Markdown tools (and Baluchon's own folder importer) skip: never a bundle name.
  const reserved = (): Set<string> => new Set([fileNameKey('node_modules')])
  const stems: Record<ItemKind, Set<string>> = { post: reserved(), talk: reserved(), link: reserved(), note: reserved() }
  let batch: ExportFile[] = []
  let batchSize = 0
  const checkCancelled = (): void => {
    if (options.signal?.aborted) throw new ExportCancelled()
  }
  /** Adds an item's files to the batch; true when the batch is full and due to be handed over. */
  const take = (item: Item, result: ItemFiles): boolean => {
    summary.items[item.kind]++
    summary.images += result.images
    summary.missingImages += result.missingImages
    for (const file of result.files) {
      batch.push(file)
      const size = sizeOf(file)
      batchSize += size
      summary.files++
      summary.bytes += size
    }
    done++
    return batchSize >= batchBytes || batch.length >= batchFiles
  }
  /** Adds an item's files; a full batch is handed over (the caller yields what this yields). */
  async function* place(item: Item, result: ItemFiles): AsyncGenerator<ExportFile[], void> {
    if (!take(item, result)) return
    options.onProgress?.({ done, total: counted ? Math.max(total, done) : null })
    yield batch
    checkCancelled()
    batch = []
    batchSize = 0
  }
  /** Before each item: a turn for the page when the slice is used up, and a cancel noticed. */
  const nextItem = async (): Promise<void> => {
    if (performance.now() - sliceStart > sliceMs) {
      await nextTurn()
      sliceStart = performance.now()
    }
    checkCancelled()
  }
  const careerOf = (item: Item): ItemCareerFrontMatter | undefined => (resolve ? careerFrontMatter(resolve, item) : undefined)
  // Links between items become relative links between their files, so each file is written once the items it
  // links to have their names. Most items link to none, or to items met before them, and are written as they
  // come; the others are held, and written last, once every item has its name. A held item's name is chosen
  // when it is met, like any other's, so holding it back changes no name in the export.
  const pathById = new Map<string, string>()
  const placement: ItemPlacement = { pathOf: (id) => pathById.get(id) }
  const held: Item[] = []
  const stemOf = new Map<Item, string>()
  options.onProgress?.({ done, total: counted ? total : null })
  let finished = false
  try {
    for (let next = await firstPage; !next.done; next = await pages.next()) {
      const page = next.value
      checkCancelled()
      const placedSoon = new Set<string>()
      const items: Item[] = []
      for (const item of page) {
        if (item.trashed === 1) continue
        if (docItemLinkIds(item.body).some((id) => id !== item.id && !pathById.has(id) && !placedSoon.has(id))) {
          held.push(item)
          stemOf.set(item, safeFileName(item.title, { taken: stems[item.kind], maxLength: STEM_MAX_BYTES }))
        } else {
          items.push(item)
          placedSoon.add(item.id)
        }
      }
      // Each body walked once for its images (they are asked for four times: to read, to order, to read ahead, to write).
      const idsOf = new Map(items.map((item) => [item, docAttachmentIds(item.body)]))
      const wanted = [...new Set([...idsOf.values()].flat())]
      const found = wanted.length ? await source.attachments(wanted) : []
      const attachments = new Map<string, ExportAttachment>()
      found.forEach((attachment, i) => {
        if (attachment) attachments.set(wanted[i]!, attachment)
      })
      const images = new ImagesAhead(items, attachments, idsOf)
      for (const item of items) {
        await nextItem()
        images.aheadOf(item)
        const result = await itemFiles(item, attachments, stems[item.kind], undefined, careerOf(item), images.bytes, idsOf.get(item), placement)
        pathById.set(item.id, result.markdownPath)
        yield* place(item, result)
      }
    }
    if (held.length) {
      // Every item has its name: whether a held one is a bundle (it shows images still stored) gives its path.
      const idsOf = new Map(held.map((item) => [item, docAttachmentIds(item.body)]))
      const wanted = [...new Set([...idsOf.values()].flat())]
      const attachments = new Map<string, ExportAttachment>()
      for (let i = 0; i < wanted.length; i += HELD_ATTACHMENTS_PER_READ) {
        const ids = wanted.slice(i, i + HELD_ATTACHMENTS_PER_READ)
        ;(await source.attachments(ids)).forEach((attachment, j) => {
          if (attachment) attachments.set(ids[j]!, attachment)
        })
        checkCancelled()
      }
      for (const item of held) pathById.set(item.id, markdownPathOf(item, stemOf.get(item)!, idsOf.get(item)!.some((id) => attachments.has(id))))
      for (const item of held) {
        await nextItem()
        const result = await itemFiles(item, attachments, stems[item.kind], undefined, careerOf(item), undefined, idsOf.get(item), { ...placement, stem: stemOf.get(item)! })
        yield* place(item, result)
      }
    }
    finished = true
  } finally {
    // Stopped early (a cancel, a failure, the consumer returning): the source closes its reads, as `for await` did.
    if (!finished) await pages.return?.(undefined)
  }
  if (batch.length) yield batch
  // The last progress says the true total (a source's count may not have come by now, a short export).
  await counting
  options.onProgress?.({ done, total: counted ? Math.max(total, done) : done })
  return summary
}
