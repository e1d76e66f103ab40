// Keeps the engine in step with the items table, from whichever thread runs it (the search worker in
// the app, the test's thread in tests). It opens the database itself: reading items in the worker costs
// the UI thread nothing, whereas posting 50,000 items to the worker would clone them all on the UI thread.
//
// Start: load the persisted index (search is ready once the short-field part is loaded), then catch up
// with what changed since it was saved: items whose updatedAt differs from the indexed one (keys only), and,
// by comparing ids (cheap: primary keys only), items deleted, trashed or restored meanwhile.
// Live: Dexie's `storagemutated` event names the changed item ids, for writes in this thread and, through
// Dexie's BroadcastChannel, in every other window and worker of the app. Changes are applied in batches,
// and the index is re-saved once things are quiet, in one transaction so a saved index is consistent.
import Dexie, { type IntervalTree, type IntervalTreeNode, type ObservabilitySet } from 'dexie'
import { computeInsights, contributionDate, localIsoDate, type InsightFact, type Insights } from '../../core/career'
import type { Item } from '../../core/items'
import { matcherFor, searchDocFromItem, snippet } from '../../core/search'
import type { BaluchonDb } from '../../db/schema'
import { isCompactIndex } from './compactIndex'
import { BODY_SHARDS, INDEX_FORMAT, SearchEngine, bodyPartKey, shardOf, type PartKey } from './engine'
import { buildLightHit, rowFieldsOf } from './hits'
import { factsAsItem } from '../career/facts'
import { INITIAL_STATUS, type InsightsRequest, type SearchStatus } from './protocol'
import { listenForRestoredItems, type RestoredItem } from './restored'
import { countLibrary, type LibraryCounts } from './counts'
import type { DocMeta } from './engine'

interface MetaRecord {
  format: number
  shards: number
  /** The highest updatedAt indexed: items changed at or after it are re-read at the next start. */
  syncedUpTo: number
  savedAt: number
}

/** A restore's items between the dry run and the commit (see stageRestored). */
interface StagedRestore {
  token: string
  items: readonly Item[]
  /** The live engine when they were staged: the prebuilt one replaces it only if it is still that one, and empty. */
  base: SearchEngine
  /** Their short fields indexed apart, once done (only into an empty index). */
  engine: SearchEngine | null
  building: Promise<void> | null
  dropped: boolean
}

export interface IndexerOptions {
  onStatus?: (status: SearchStatus) => void
  /** Quiet time after the last change before the index is re-saved. */
  persistDelayMs?: number
  /** A query or the person's input (noteInput) within this time postpones saving (saving a shard takes the worker a moment). */
  typingQuietMs?: number
  /** Quiet time to gather a burst of changes into one batch. */
  batchDelayMs?: number
  pageSize?: number
}

/** Changed items from which a catch-up indexes in two passes, short fields first (see indexInTwoPasses). */
const BULK_BATCH = 2000

/**
 * Restored bodies indexed between two turns for queries: about 20-30 ms of work (10,000 bodies took the worker about
 * 1.2 s), so a query typed right after a restore waits at most that long for its turn.
 */
const RESTORED_BODIES_PAGE = 100

/**
 * Longest an export's or a restore's hold keeps the background jobs waiting (see hold): one never released (a page
 * that failed in the middle of a job) must not stop the index from following changes for good.
 */
export const HOLD_LIMIT_MS = 120_000

/** Items kept for titles and snippets (a few MB). */
const ITEM_CACHE_SIZE = 1000

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * A turn for the messages already waiting (a query typed meanwhile), then on. Why not yieldToEvents: measured after a
 * restore, a query posted while the restored bodies were indexed page by page (setTimeout turns) waited about a second
 * for its turn; the continuation posted through a MessageChannel queues behind the messages already there.
 */
const yieldToMessages = (): Promise<void> => {
  if (typeof MessageChannel === 'undefined') return yieldToEvents()
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel()
    // Typed as the web's port (Node's global one, in tests, has `onmessage` too but is typed otherwise).
    ;(port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => {
      port1.close()
      port2.close()
      resolve()
    }
    port2.postMessage(null)
  })
}

export class SearchIndexer {
  engine: SearchEngine = SearchEngine.empty()
  status: SearchStatus = INITIAL_STATUS
  private syncedUpTo = 0
  /** Every change to the engine runs here, one after another, so saves see a consistent state. */
  private queue: Promise<void> = Promise.resolve()
  private readonly pendingIds = new Set<string>()
  private fullCatchUp = false
  private batchTimer: ReturnType<typeof setTimeout> | null = null
  private persistTimer: ReturnType<typeof setTimeout> | null = null
  private lastQueryAt = 0
  /** When the person last typed or clicked in the window, as the UI thread tells (noteInput). */
  private lastInputAt = 0
  private readonly itemCache = new Map<string, Item>()
  private insightFacts: { engine: SearchEngine; key: string; facts: InsightFact[] } | null = null
  /**
   * Ids of the items in the Trash, which the engine does not hold, for the counts' Trash figure: read once (keys only,
   * on an index range holding just the Trash) when counts are first asked, then kept by the changes applied (see
   * noteTrash) and read again by each catch-up. Null until then.
   */
  private trashedIds: Set<string> | null = null
  private trashedIdsRead: Promise<void> | null = null
  /** The last counts given, for the engine, its counts version and the Trash's size they were counted at. */
  private lastCounts: { engine: SearchEngine; version: number; trash: number; counts: LibraryCounts } | null = null
  private started = false
  private stopped = false
  /** The start's load or build is done (until then, restored items go through the queue: see adoptRestored). */
  private startDone = false
  /** Saves queued or under way. */
  private saving = 0
  private stopListening: (() => void) | null = null
  /** A restore's items, staged until its transaction commits (restored.ts). */
  private staged: StagedRestore | null = null
  /** An export or a restore runs: background jobs wait (see hold). */
  private held = false
  private holdLimit: ReturnType<typeof setTimeout> | null = null
  private readonly unheldWaiters: Array<() => void> = []
  private readonly options: Required<Omit<IndexerOptions, 'onStatus'>> & Pick<IndexerOptions, 'onStatus'>

  constructor(
    readonly db: BaluchonDb,
    options: IndexerOptions = {},
  ) {
    this.options = { persistDelayMs: 3000, typingQuietMs: 1500, batchDelayMs: 60, pageSize: 500, ...options }
  }

  /** Loads or builds the index, catches up, then follows changes. Idempotent. */
  start(): Promise<void> {
    if (this.started) return this.queue
    this.started = true
    Dexie.on('storagemutated', this.onMutated)
    this.stopListening = listenForRestoredItems(this.db.name, {
      staged: (token, items) => this.stageRestored(token, items),
      committed: (token) => this.restoreCommitted(token),
      dropped: () => {
        if (this.staged) this.staged.dropped = true
        this.staged = null
      },
    })
    return this.enqueue(async () => {
      const loaded = await this.loadPersisted().catch((e: unknown) => {
        console.warn('Search: the saved index could not be read, rebuilding it.', e)
        return false
      })
      if (!loaded) await this.build()
      // Items changed since the index was saved: looked for only now, so the first answers (from the
      // head, as soon as it is loaded) never wait for it.
      await this.catchUp(false)
      // One new generation once the bodies and those changes are in, not one per shard: each one makes
      // every open result list ask again and repaint.
      this.update({ ready: true, complete: true, progress: null }, true)
      this.warmUp()
      // A full build is costly: save it now, so that quitting soon after does not mean building again.
      if (!loaded) await this.persist(true).catch((e: unknown) => console.warn('Search: the new index could not be saved yet.', e))
      this.startDone = true
      this.schedulePersist()
    })
  }

  stop(): void {
    this.stopped = true
    Dexie.on('storagemutated').unsubscribe(this.onMutated)
    this.stopListening?.()
    if (this.batchTimer) clearTimeout(this.batchTimer)
    if (this.persistTimer) clearTimeout(this.persistTimer)
    this.hold(false)
  }

  /**
   * While an export or a restore runs (true), the background jobs wait at their next step: loading the saved bodies,
   * the catch-up and its reads, applying changes, indexing bodies, saving the index, the pending-links scan. Queries
   * are still answered, from the index as it is. Measured: the first export of a session ran beside the start's
   * catch-up (a cursor over every item's key, sharing IndexedDB's queue with the export's reads) and took 40-60%
   * longer than the next ones. A read under way finishes first, except the catch-up's cursor over every key, which
   * stops and starts over after the hold. At most HOLD_LIMIT_MS.
   */
  hold(held: boolean): void {
    if (held === this.held) return
    this.held = held
    if (this.holdLimit) clearTimeout(this.holdLimit)
    this.holdLimit = null
    if (held) {
      this.holdLimit = setTimeout(() => this.hold(false), HOLD_LIMIT_MS)
      return
    }
    for (const resume of this.unheldWaiters.splice(0)) resume()
  }

  /** Resolves at once when nothing holds the background jobs, else when the hold ends (see hold). */
  whenUnheld(): Promise<void> {
    if (!this.held) return Promise.resolve()
    return new Promise((resolve) => this.unheldWaiters.push(resolve))
  }

  /**
   * Items for the hits shown, from a small cache: successive keystrokes mostly show the same items,
   * and a read of the database can stall behind its own housekeeping. Changes drop items from it.
   */
  async readItems(ids: readonly string[]): Promise<Array<Item | undefined>> {
    const missing = ids.filter((id) => !this.itemCache.has(id))
    if (missing.length > 0) {
      const read = await this.db.items.bulkGet(missing)
      missing.forEach((id, i) => {
        const item = read[i]
        if (item) this.itemCache.set(id, item)
      })
      while (this.itemCache.size > ITEM_CACHE_SIZE) this.itemCache.delete(this.itemCache.keys().next().value!)
    }
    return ids.map((id) => {
      const item = this.itemCache.get(id)
      if (item) {
        // Most recently used last.
        this.itemCache.delete(id)
        this.itemCache.set(id, item)
      }
      return item
    })
  }

  /**
   * Once the index is complete: ranks a few throwaway queries and marks the first results' titles and
   * snippets, so the code a keystroke runs is warm before the first one, in the worker, before the person
   * types. No item is read (the snippet code runs on titles), nothing is announced, a failure changes nothing.
   */
  private warmUp(): void {
    try {
      for (const result of this.engine.warmUp().slice(0, 5)) {
        const meta = this.engine.meta(result.id)
        if (!meta) continue
        buildLightHit(result, meta)
        snippet(meta.title, matcherFor(result.terms))
      }
    } catch (e) {
      console.warn('Search: warming up failed (the first query will just be slower).', e)
    }
  }

  /**
   * Contribution insights over the indexed rows, one per live item: the index already holds each item's kind,
   * tags and the facts its date, affiliation and label follow from, so no item is read, only the ledger.
   * Counted on the index as it is now (changes still batching are at most a few tens of ms behind).
   */
  insights(request: InsightsRequest): Insights {
    // The facts (a date per item takes a Date object) are kept for the generation they were made from: the dashboard
    // asks again for each new generation, and a year or affiliation change reuses them.
    const key = `${this.status.generation}:${this.engine.size}`
    if (this.insightFacts?.engine !== this.engine || this.insightFacts.key !== key) {
      const facts: InsightFact[] = []
      for (const id of this.engine.ids()) {
        const meta = this.engine.meta(id)
        if (meta) facts.push(insightFactOf(meta))
      }
      this.insightFacts = { engine: this.engine, key, facts }
    }
    // The ledger is counted by the page (a small table, see useInsights): reading it here would wait behind the
    // worker's own reads of the index while it loads.
    return computeInsights(this.insightFacts.facts, [], request.context, { year: request.year, topTags: request.topTags })
  }

  /**
   * The library's counts (sidebar, tags, unread links: see counts.ts), over the indexed rows, as they are now. The
   * first call reads the Trash's ids (see trashedIds); later calls read nothing. A change that alters these figures
   * starts a new generation (the Trash's too, see apply), which is when the client asks again.
   */
  async counts(): Promise<LibraryCounts> {
    if (!this.trashedIds) {
      this.trashedIdsRead ??= this.readTrashedIds().then((ids) => {
        this.trashedIds ??= ids
      })
      await this.trashedIdsRead
    }
    const engine = this.engine
    const trash = this.trashedIds!.size
    const last = this.lastCounts
    if (last && last.engine === engine && last.version === engine.countsVersion && last.trash === trash) return last.counts
    const counts = countLibrary(engine.metas(), trash)
    this.lastCounts = { engine, version: engine.countsVersion, trash, counts }
    return counts
  }

  private async readTrashedIds(): Promise<Set<string>> {
    return new Set((await this.db.items.where('[trashed+updatedAt]').between([1, -Infinity], [1, Infinity]).primaryKeys()) as string[])
  }

  /** Records whether an item is in the Trash now; returns whether that changed the Trash's ids. */
  private noteTrash(id: string, trashed: boolean): boolean {
    const ids = this.trashedIds
    if (!ids || ids.has(id) === trashed) return false
    if (trashed) ids.add(id)
    else ids.delete(id)
    return true
  }

  /** Resolves once every queued change has been applied (tests). */
  whenIdle(): Promise<void> {
    return this.queue
  }

  /** Records that someone is typing a query, so saving waits (it would delay their results). */
  noteQuery(): void {
    this.lastQueryAt = Date.now()
  }

  /**
   * Records that the person is typing or clicking in the window, so saving waits for them to stop. Measured at
   * 50,000 items: a save after one edited item took the worker 0.6 s (vacuum 386 ms, serializing 118) and wrote
   * 48 MB to IndexedDB, 3 s after the edit, so in the middle of the person's next sentence, on the cores their
   * keystrokes are drawn with.
   */
  noteInput(): void {
    this.lastInputAt = Date.now()
  }

  /** Applies pending changes now instead of after the batching delay. */
  flush(): Promise<void> {
    if (this.batchTimer) clearTimeout(this.batchTimer)
    this.batchTimer = null
    return this.enqueue(() => this.applyPending())
  }

  /** Saves now, whatever the quiet time (tests). */
  persistNow(): Promise<void> {
    return this.enqueueSave(true)
  }

  private enqueueSave(force: boolean): Promise<void> {
    this.saving++
    const done = (): void => void this.saving--
    const run = this.enqueue(() => this.persist(force))
    run.then(done, done)
    return run
  }

  /**
   * A restore's items, staged before it writes anything (restored.ts). Into an empty index (a restore into a new
   * profile), their short fields are indexed now, into an engine of their own, a page at a time: at the commit it
   * replaces the empty one whole, and search answers at once. Into an index that has items, nothing is done before
   * the commit (upserting them into the live engine would make them searchable before their write has committed).
   */
  private stageRestored(token: string, items: readonly RestoredItem[]): void {
    if (this.stopped) return
    if (this.staged) this.staged.dropped = true
    const staged: StagedRestore = { token, items: items as readonly Item[], base: this.engine, engine: null, building: null, dropped: false }
    this.staged = staged
    if (this.engine.size === 0) staged.building = this.prebuildHeads(staged)
  }

  private async prebuildHeads(staged: StagedRestore): Promise<void> {
    const engine = SearchEngine.empty()
    for (let i = 0; i < staged.items.length; i += this.options.pageSize) {
      // Between pages: queries, and a drop or a newer restore, are heard.
      await yieldToMessages()
      if (staged.dropped || this.stopped) return
      for (const item of staged.items.slice(i, i + this.options.pageSize)) {
        // searchDocFromItem and rowFieldsOf read no editor document.
        if (item.trashed !== 1) engine.upsertHead(searchDocFromItem(item), rowFieldsOf(item))
      }
    }
    staged.engine = engine
  }

  /** The staged restore's transaction committed: its items become searchable (or, unknown token, the catch-up finds them). */
  private restoreCommitted(token: string): void {
    if (this.stopped) return
    const staged = this.staged?.token === token ? this.staged : null
    this.staged = null
    if (!staged) {
      // Staged items lost (dropped too early, a listener started late): the catch-up reads what the commit wrote.
      this.fullCatchUp = true
      this.scheduleBatch()
      return
    }
    if (staged.building) void staged.building.then(() => this.adoptRestored(staged.items, staged))
    else this.adoptRestored(staged.items, staged)
  }

  /**
   * Items a restore has just written: their short fields go into the index at once (or the engine prebuilt from them
   * replaces the empty one, see stageRestored), so search answers without waiting for the catch-up the same write sets
   * off (which reads every changed item back from the database, behind the restore's own writes); their bodies follow
   * in the queue, a page at a time. The catch-up still runs and re-reads any item whose updatedAt differs from the
   * database's. Through the queue entirely while the start is loading or building, or a save is queued or under way:
   * a save serializes the index over several turns and must see one state, with every indexed head's body in.
   */
  private adoptRestored(restored: readonly Item[], staged: StagedRestore): void {
    if (this.stopped) return
    const heads = (): void => {
      // Only if nothing reached the index since the staging: the prebuilt engine holds the restored items alone.
      if (staged.engine && this.engine === staged.base && this.engine.size === 0) {
        this.engine = staged.engine
        this.itemCache.clear()
        for (const item of restored) if (item.trashed !== 1) this.syncedUpTo = Math.max(this.syncedUpTo, item.updatedAt)
        this.update({}, true)
        return
      }
      let changed = false
      for (const item of restored) changed = this.applyHead(item) || changed
      if (changed) this.update({}, true)
    }
    const bodies = async (): Promise<void> => {
      for (let i = 0; i < restored.length; i += RESTORED_BODIES_PAGE) {
        await yieldToMessages()
        for (const item of restored.slice(i, i + RESTORED_BODIES_PAGE)) {
          // Only the version adopted above: a later change re-indexed the item whole.
          if (item.trashed !== 1 && this.engine.meta(item.id)?.updatedAt === item.updatedAt) this.engine.upsertBody(searchDocFromItem(item))
        }
      }
      this.changed()
    }
    if (!this.startDone || this.saving > 0) {
      void this.enqueue(async () => {
        heads()
        await bodies()
      })
    } else {
      heads()
      void this.enqueue(bodies)
    }
    // And compare with the database once more, whatever arrived first.
    this.fullCatchUp = true
    this.scheduleBatch()
  }

  private scheduleBatch(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer)
    this.batchTimer = setTimeout(() => {
      this.batchTimer = null
      void this.enqueue(() => this.applyPending())
    }, this.options.batchDelayMs)
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task)
    this.queue = run.then(
      () => {
        // A later success means search works again (a failed read, say, that the next batch redid).
        if (this.status.error !== null) this.update({ error: null })
      },
      (e: unknown) => {
        console.error('Search index update failed', e)
        this.update({ error: e instanceof Error ? e.message : String(e) })
      },
    )
    return run
  }

  private update(patch: Partial<SearchStatus>, bump = false): void {
    this.status = {
      ...this.status,
      ...patch,
      size: this.engine.size,
      generation: this.status.generation + (bump ? 1 : 0),
    }
    this.options.onStatus?.(this.status)
  }

  private readonly onMutated = (parts: ObservabilitySet): void => {
    if (this.stopped) return
    const prefix = `idb://${this.db.name}/items/`
    let relevant = false
    if ('all' in parts) {
      this.itemCache.clear()
      this.fullCatchUp = true
      relevant = true
    }
    const keys = parts[prefix]
    if (keys) {
      const ids = singleKeys(keys)
      if (ids === null) {
        this.itemCache.clear()
        this.fullCatchUp = true
      }
      else
        for (const id of ids) {
          this.pendingIds.add(id)
          this.itemCache.delete(id)
        }
      relevant = true
    }
    if (parts[`${prefix}:dels`] && singleKeys(parts[`${prefix}:dels`]!) === null) this.fullCatchUp = true
    if (!relevant) return
    if (this.batchTimer) clearTimeout(this.batchTimer)
    this.batchTimer = setTimeout(() => {
      this.batchTimer = null
      void this.enqueue(() => this.applyPending())
    }, this.options.batchDelayMs)
  }

  private async applyPending(): Promise<void> {
    // Changes gather meanwhile (pendingIds, fullCatchUp), and are applied in one go after the hold.
    await this.whenUnheld()
    if (this.fullCatchUp) {
      this.fullCatchUp = false
      this.pendingIds.clear()
      await this.catchUp()
      return
    }
    if (this.pendingIds.size === 0) return
    const ids = [...this.pendingIds]
    this.pendingIds.clear()
    const items = await this.db.items.bulkGet(ids)
    let changed = false
    ids.forEach((id, i) => {
      changed = this.apply(id, items[i]) || changed
    })
    if (changed) this.changed()
  }

  /** Puts one item's current state into the engine. Returns whether the index changed. */
  private apply(id: string, item: Item | undefined): boolean {
    this.itemCache.delete(id)
    // An item trashed, restored or deleted for good changes the Trash's count: a new generation even when the index
    // itself stays as it was (an item of the Trash deleted), so the counts are asked again.
    const trashChanged = this.noteTrash(id, item?.trashed === 1)
    if (!item || item.trashed === 1) {
      if (!this.engine.has(id)) return trashChanged
      this.engine.remove(id)
      return true
    }
    this.engine.upsert(searchDocFromItem(item), rowFieldsOf(item))
    this.syncedUpTo = Math.max(this.syncedUpTo, item.updatedAt)
    return true
  }

  private changed(): void {
    this.update({}, true)
    this.schedulePersist()
  }

  /**
   * Brings the index in line with the table, cheaply: a keys-only read of the live items' ids and updatedAt (see
   * liveStamps), compared with what the index holds; only items whose updatedAt differs, or that it lacks, are read.
   * Not "changed since the newest indexed": a restore or an import writes items with their own, older dates.
   * `announce`: start a new generation if anything changed (at start, the caller starts one anyway).
   */
  private async catchUp(announce = true): Promise<void> {
    let stamps: Map<string, number> | null = null
    // A hold stops the read; it starts over once the hold ends.
    while (stamps === null) {
      await this.whenUnheld()
      stamps = await this.liveStamps()
    }
    let changed = false
    const stale: string[] = []
    for (const [id, updatedAt] of stamps) if (this.engine.meta(id)?.updatedAt !== updatedAt) stale.push(id)
    for (const id of [...this.engine.ids()]) {
      if (!stamps.has(id)) changed = this.apply(id, undefined) || changed
    }
    // The Trash as it is now, if the counts follow it (a bulk change is reported as a range, not as ids).
    if (this.trashedIds) {
      const trashed = await this.readTrashedIds()
      const before = this.trashedIds
      if (trashed.size !== before.size || [...trashed].some((id) => !before.has(id))) {
        this.trashedIds = trashed
        changed = true
      }
    }
    if (stale.length >= BULK_BATCH) {
      let items: Item[] = []
      if (stale.length * 2 >= stamps.size) {
        // Most of the table (a restore into an empty profile): one read of the live items, as a cursor batch, instead
        // of a request per id (bulkGet of 10,000 restored items kept search waiting 2 s after a restore).
        const wanted = new Set(stale)
        items = (await this.liveCollection().toArray()).filter((item) => wanted.has(item.id))
      } else {
        for (let i = 0; i < stale.length; i += this.options.pageSize) {
          await this.whenUnheld()
          for (const item of await this.db.items.bulkGet(stale.slice(i, i + this.options.pageSize))) if (item) items.push(item)
        }
      }
      changed = (await this.indexInTwoPasses(items, announce)) || changed
    } else {
      for (let i = 0; i < stale.length; i += this.options.pageSize) {
        await this.whenUnheld()
        const page = stale.slice(i, i + this.options.pageSize)
        const items = await this.db.items.bulkGet(page)
        page.forEach((id, j) => {
          changed = this.apply(id, items[j]) || changed
        })
      }
    }
    if (changed && announce) this.changed()
  }

  /** An item's short fields (its body is indexed separately); a trashed item leaves the index. Returns whether it changed. */
  private applyHead(item: Item): boolean {
    if (item.trashed === 1) return this.apply(item.id, item)
    this.itemCache.delete(item.id)
    this.noteTrash(item.id, false)
    this.engine.upsertHead(searchDocFromItem(item), rowFieldsOf(item))
    this.syncedUpTo = Math.max(this.syncedUpTo, item.updatedAt)
    return true
  }

  /**
   * Every live item's id and updatedAt: one keys-only cursor over the `[trashed+updatedAt]` index (its key and the
   * primary key at each step, so both come from the same state of the table), or null if a hold (see hold) stopped
   * it. Measured: this cursor over 10,000 keys, left to run, went on across a whole first export, its steps queued
   * between the export's reads.
   */
  private async liveStamps(): Promise<Map<string, number> | null> {
    const stamps = new Map<string, number>()
    let stopped = false
    await this.db.transaction('r', this.db.items, () =>
      this.liveCollection()
        .until(() => (stopped = this.held))
        .eachKey((key, cursor) => void stamps.set(cursor.primaryKey as string, (key as unknown as [number, number])[1])),
    )
    return stopped ? null : stamps
  }

  /** Items outside the Trash, in `[trashed+updatedAt]` order. */
  private liveCollection() {
    return this.db.items.where('[trashed+updatedAt]').between([0, -Infinity], [0, Infinity])
  }

  /**
   * Thousands of changed items at once (a restore writes every item in one bulkPut, which Dexie reports as
   * "the whole table changed"): indexed like a full build, the short fields of all of them first, then (when
   * `announce`) a new generation, so titles and tags answer while the bodies go in a page at a time, with
   * turns for queries in between. Returns whether the index changed.
   */
  private async indexInTwoPasses(items: readonly Item[], announce: boolean): Promise<boolean> {
    let changed = false
    for (const item of items) changed = this.applyHead(item) || changed
    if (changed && announce) this.update({}, true)
    for (let i = 0; i < items.length; i += this.options.pageSize) {
      await yieldToEvents()
      await this.whenUnheld()
      for (const item of items.slice(i, i + this.options.pageSize)) {
        if (item.trashed !== 1 && this.engine.has(item.id)) this.engine.upsertBody(searchDocFromItem(item))
      }
    }
    return changed
  }

  private async loadPersisted(): Promise<boolean> {
    const meta = (await this.db.searchIndex.get('meta'))?.value as MetaRecord | undefined
    if (!meta || meta.format !== INDEX_FORMAT || meta.shards !== BODY_SHARDS) return false
    const [docs, head] = await this.db.searchIndex.bulkGet(['docs', 'head'])
    if (typeof docs?.value !== 'string' || !isCompactIndex(head?.value)) return false
    this.engine = SearchEngine.fromParts(docs.value, head.value)
    this.syncedUpTo = meta.syncedUpTo
    // Search answers from here on (titles, tags, details, URLs); the bodies load between its answers.
    this.update({ ready: true, complete: false }, true)
    for (let shard = 0; shard < BODY_SHARDS; shard++) {
      // A query waiting in the worker's inbox goes first: parsing a shard takes a moment at 50,000 items.
      await yieldToEvents()
      await this.whenUnheld()
      const row = await this.db.searchIndex.get(bodyPartKey(shard))
      try {
        if (!isCompactIndex(row?.value)) throw new Error('missing')
        this.engine.loadShard(shard, row.value)
      } catch (e) {
        console.warn(`Search: body shard ${shard} could not be loaded, re-indexing its items.`, e)
        await this.reindexShard(shard)
      }
    }
    return true
  }

  private async reindexShard(shard: number): Promise<void> {
    this.engine.resetShard(shard)
    const ids = [...this.engine.ids()].filter((id) => shardOf(id) === shard)
    for (let i = 0; i < ids.length; i += this.options.pageSize) {
      await this.whenUnheld()
      const slice = ids.slice(i, i + this.options.pageSize)
      const items = await this.db.items.bulkGet(slice)
      slice.forEach((id, j) => {
        const item = items[j]
        if (item && item.trashed === 0) this.engine.upsertBody(searchDocFromItem(item))
      })
    }
  }

  /** Full build in two passes: short fields first (search is ready after it), then bodies. */
  private async build(): Promise<void> {
    this.engine = SearchEngine.empty()
    this.syncedUpTo = 0
    const total = await this.db.items.where('[trashed+updatedAt]').between([0, -Infinity], [0, Infinity]).count()
    let done = 0
    this.update({ ready: false, complete: false, progress: { done, total: total * 2 } }, true)
    await this.forEachLivePage((items) => {
      for (const item of items) {
        this.engine.upsertHead(searchDocFromItem(item), rowFieldsOf(item))
        this.syncedUpTo = Math.max(this.syncedUpTo, item.updatedAt)
      }
      done += items.length
      this.update({ progress: { done, total: total * 2 } })
    })
    this.update({ ready: true, progress: { done, total: total * 2 } }, true)
    await this.forEachLivePage((items) => {
      for (const item of items) if (this.engine.has(item.id)) this.engine.upsertBody(searchDocFromItem(item))
      done += items.length
      this.update({ progress: { done, total: total * 2 } }, done >= total * 2)
    })
    // Every part is saved after a build, even an empty shard, so the next start finds a whole index.
    this.engine.markDirty(allParts())
  }

  /** Live (not trashed) items, a page at a time by primary key, yielding between pages so queries get answered. */
  private async forEachLivePage(fn: (items: Item[]) => void): Promise<void> {
    let last: string | null = null
    for (;;) {
      const page: Item[] =
        last === null
          ? await this.db.items.orderBy(':id').limit(this.options.pageSize).toArray()
          : await this.db.items.where(':id').above(last).limit(this.options.pageSize).toArray()
      if (page.length === 0) return
      last = page[page.length - 1]!.id
      fn(page.filter((item) => item.trashed === 0))
      await yieldToEvents()
      await this.whenUnheld()
    }
  }

  private schedulePersist(): void {
    if (this.stopped || !this.engine.hasUnsavedChanges) return
    if (this.persistTimer) clearTimeout(this.persistTimer)
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null
      void this.enqueueSave(false)
    }, this.options.persistDelayMs)
  }

  private async persist(force: boolean): Promise<void> {
    // Forced (tests): now, whatever holds. Nothing saves the index before closing: the next start catches up instead.
    if (!force) await this.whenUnheld()
    if (!this.engine.hasUnsavedChanges) return
    const busySince = (): number => Math.max(this.lastQueryAt, this.lastInputAt)
    if (!force && Date.now() - busySince() < this.options.typingQuietMs) {
      this.schedulePersist()
      return
    }
    const began = Date.now()
    // Replaced items leave stale postings behind until vacuumed; do not save those.
    await this.engine.vacuum()
    const parts = this.engine.takeDirtyParts()
    try {
      const rows: Array<{ key: string; value: unknown }> = []
      for (const [key, serialize] of parts) {
        rows.push({ key, value: serialize() })
        // Serializing a shard takes a moment at 50,000 items: let waiting queries through in between.
        await yieldToEvents()
        if (!force) await this.whenUnheld()
        // The person came back meanwhile: the rest (and the write, the largest part) waits for them to stop again.
        if (!force && busySince() >= began) {
          this.engine.markDirty(parts.map(([part]) => part))
          this.schedulePersist()
          return
        }
      }
      const meta: MetaRecord = { format: INDEX_FORMAT, shards: BODY_SHARDS, syncedUpTo: this.syncedUpTo, savedAt: Date.now() }
      rows.push({ key: 'meta', value: meta })
      await this.db.transaction('rw', this.db.searchIndex, () => this.db.searchIndex.bulkPut(rows))
    } catch (e) {
      // Search still works from memory; only the next start would be slower. Try again later.
      console.warn('Search: the index could not be saved; retrying later.', e)
      this.engine.markDirty(parts.map(([key]) => key))
      if (!force) setTimeout(() => this.schedulePersist(), this.options.persistDelayMs * 10)
      else throw e
    }
  }
}

function allParts(): PartKey[] {
  return ['docs', 'head', ...Array.from({ length: BODY_SHARDS }, (_, i) => bodyPartKey(i))]
}

/** The ids in a set of changed primary keys, or null if it holds a range (a bulk change: catch up fully). */
export function singleKeys(tree: IntervalTree): string[] | null {
  const out: string[] = []
  const walk = (node: IntervalTreeNode | null | undefined): boolean => {
    if (!node || !('from' in node)) return true
    if (typeof node.from !== 'string' || node.from !== node.to) return false
    out.push(node.from)
    return walk(node.l) && walk(node.r)
  }
  return walk(tree as IntervalTreeNode) ? out : null
}

function insightFactOf(meta: DocMeta): InsightFact {
  const career = meta.career
  if (!career) return { kind: meta.kind, tags: meta.tags, date: localIsoDate(meta.updatedAt) }
  return { kind: meta.kind, tags: meta.tags, date: contributionDate(factsAsItem(career)), affiliationId: career.affiliationId, label: career.label }
}
