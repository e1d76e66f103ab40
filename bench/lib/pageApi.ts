// What the benchmark pages expose on `window`, shared by the page bundles and the Node runner.
// Plain data only: every call crosses Playwright's evaluate boundary.

export interface SeedRequest {
  count: number
  /** Items per write transaction. */
  chunk: number
}

export interface SeedResult {
  items: number
  generateMs: number
  insertMs: number
  /** Average size of a stored row's body text, in characters. */
  avgBodyChars: number
}

/** portfolio-build's knowledge base (bench/page/portfolioSeed.ts). */
export interface PortfolioSeedRequest {
  posts: number
  talks: number
  links: number
  /** Posts showing a 40 KB image. */
  images: number
}

export interface PortfolioSeedResult {
  items: number
  images: number
}

/** The fixed items the measures need, added next to the synthetic ones. */
export const LARGE_ITEM = {
  /** Same shape as the synthetic ids (26 characters), sorted after them. */
  id: 'ZZZZZZZZZZBENCHLARGE200KB0',
  title: 'Bench: 200 KB draft',
  chars: 200_000,
} as const

/** Timing probe installed in every page (bench/page/probe.ts). */
export type ProbeCondition =
  /** The next frame after the trigger. */
  | { type: 'frame' }
  /** The first element matching `selector` exists and its text is no longer `from`. */
  | { type: 'changed'; selector: string; from: string | null }
  /** Some element matching `selector` contains `text` (with `fold`: ignoring case and accents). */
  | { type: 'contains'; selector: string; text: string; fold?: boolean }
  /** The first element matching `selector` has attribute `name` equal to `value`. */
  | { type: 'attr'; selector: string; name: string; value: string }
  /** Anything changed under the first element matching `selector`. */
  | { type: 'mutation'; selector: string }
  /** The elements matching `selector` (ids and text, see ProbeApi.snapshot) differ from `from`, and there are some. */
  | { type: 'snapshotChanged'; selector: string; from: string }

export interface ProbeSpan {
  start: number
  end: number
}

export type ProbeTrigger = 'keydown' | 'mousedown' | 'click' | 'input'

export interface ProbeApi {
  /** Starts timing at the next trusted `trigger` event, stops when `condition` holds and the next frame is painted. */
  arm(trigger: ProbeTrigger, condition: ProbeCondition, timeoutMs: number): void
  /** The armed measure: trigger and paint times (ms from navigation start), or null when the condition did not hold in time. */
  result(): Promise<ProbeSpan | null>
  /** ms from navigation start to the first paint where `selector` matched (cold start), or null. */
  firstSeen(): Promise<number | null>
  /** Resolves true once `condition` holds (watched with a MutationObserver, no polling), false at the deadline. */
  waitFor(condition: ProbeCondition, timeoutMs: number): Promise<boolean>
  /** The attribute of the first element matching `selector`, or null. */
  attr(selector: string, name: string): string | null
  /** What the elements matching `selector` show: their data-item-id and text, joined. */
  snapshot(selector: string): string
  /** Resolves with the mark's time (ms from navigation start) once it exists, or null at the deadline. */
  waitMark(name: string, timeoutMs: number): Promise<number | null>
  /** For each element matching `selector`: its `name` attribute and the text of its `textSelector` descendant. */
  describe(selector: string, name: string, textSelector: string): { attr: string; text: string }[]
}

export interface RawApi {
  /** Dexie: the first `limit` rows of a kind, newest first (the list's query without the app around it). */
  firstPage(kind: string | null, limit: number): Promise<{ ms: number; ids: string[] }>
  /** Dexie: one row by id. */
  get(id: string): Promise<number>
  /** Reads a row and keeps it, changed as an autosave would change it, for `put`. */
  preparePut(id: string): Promise<void>
  /** Dexie: puts the prepared row back. */
  put(): Promise<void>
  /** Mounts a bare Tiptap editor (StarterKit) over the page with the row's body, caret at the end. */
  mountEditor(id: string): Promise<number>
  unmountEditor(): void
  /** The search library alone: loads the persisted index (or indexes every row): ms until it can answer, and until bodies are in. */
  searchReady(): Promise<{ ms: number; completeMs: number; source: 'persisted' | 'indexed' }>
  /** When the app last saved its search index, or null. */
  searchIndexSavedAt(): Promise<number | null>
  /** The search library alone: one query on the loaded index, returns ms. */
  search(query: string): Promise<number>
  /** Stores `count` images (about 40 KB each) as attachments of the newest items and shows each in its item's body. */
  addImages(count: number): Promise<number>
  /** Keeps files (the app's Markdown export, unzipped) for `readAndZip`. */
  prepareZip(files: { path: string; data: Uint8Array; compress: boolean; level?: number }[], append?: boolean): void
  /** Dexie: reads every item and attachment; fflate: zips the prepared files as the export does (text deflated, images stored). Returns ms. */
  readAndZip(): Promise<number>
  /** Stores three affiliations (one confidential by default) over the synthetic base's years. */
  addAffiliations(): Promise<void>
  /** The insights aggregation alone over the facts the app's search index saved; returns ms. */
  insightsAggregate(): Promise<number>
  /** Dexie reading the portfolio's rows and images, then the pure site generator building every file; returns ms. */
  portfolioBuild(): Promise<number>
}

export interface BenchWindow {
  __benchSeed?: (request: SeedRequest) => Promise<SeedResult>
  __benchProbe?: ProbeApi
  __benchRaw?: RawApi
  __benchSeedPortfolio?: (request: PortfolioSeedRequest) => Promise<PortfolioSeedResult>
  /** Set by blank.html once its first page is read and painted: ms from navigation start. */
  __benchBlank?: Promise<number>
  __benchConfig?: { firstSeenSelector: string }
}
