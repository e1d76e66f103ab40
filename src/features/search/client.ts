// The UI thread's side of search: sends queries to the worker, keeps its status for React.
import { afterNextPaint } from '../../lib/paint'
import { markOnce, PERF_MARKS } from '../../lib/perf'
import { noteAnswerShown } from '../../lib/whenQuiet'
import type { Insights } from '../../core/career'
import type { LibraryCounts } from './counts'
import { INITIAL_STATUS, type ClientMessage, type InsightsRequest, type SearchRequest, type SearchResponse, type SearchStatus, type ServiceMessage } from './protocol'

/** How often, at most, the worker hears that the person is typing or clicking (noteInput). */
export const INPUT_NOTE_MS = 250

export interface SearchTransport {
  post(message: ClientMessage): void
  listen(listener: (message: ServiceMessage) => void): void
}

export function workerTransport(worker: Worker): SearchTransport {
  return {
    post: (message) => worker.postMessage(message),
    listen: (listener) => {
      worker.addEventListener('message', (event: MessageEvent<ServiceMessage>) => listener(event.data))
      worker.addEventListener('error', (event) => {
        listener({ type: 'status', status: { ...INITIAL_STATUS, error: event.message || 'The search worker failed to start' } })
      })
    },
  }
}

interface Pending {
  resolve: (response: SearchResponse) => void
  reject: (error: Error) => void
  /** The later answers (a fuller partial one, then the complete one), when the first one was partial. */
  onFinal?: (response: SearchResponse) => void
  answered: boolean
  /** The later answers, each handed over after the previous one is painted, in order. */
  later: Promise<void>
  /** When it was asked (performance.now()): background work waits for a person reading its answer (whenQuiet). */
  askedAt: number
}

/** A page that draws no frames (hidden, or a test without layout) gets the later answers after this long. */
const FRAME_FALLBACK_MS = 100

/** One caller's queries (a search box): at most one in flight, and only the latest waiting behind it. */
export interface SearchChannel {
  /** Asks for results; `onResult` gets them unless a newer query was asked meanwhile. */
  request(request: SearchRequest, onResult: (response: SearchResponse) => void, onError: (error: Error) => void): void
  close(): void
}

export class SearchClient {
  private status: SearchStatus = INITIAL_STATUS
  private readonly listeners = new Set<() => void>()
  private readonly pending = new Map<number, Pending>()
  private readonly pendingInsights = new Map<number, { resolve: (insights: Insights) => void; reject: (error: Error) => void }>()
  /** The library's counts as the worker last gave them (kept through later generations until the next answer). */
  private counts: LibraryCounts | undefined = undefined
  /** Their text, to tell a new answer that changes nothing (most generations: an autosave) and keep the same object. */
  private countsText = ''
  private readonly countsListeners = new Set<() => void>()
  /** The generation the counts were last asked for, and the newest request whose answer was taken. */
  private countsAskedFor = -1
  private countsRequest = 0
  private countsTaken = 0
  private nextId = 1
  private nextChannel = 1
  private started = false
  private inputNotedAt = Number.NEGATIVE_INFINITY

  constructor(private readonly transport: SearchTransport) {
    transport.listen((message) => this.receive(message))
  }

  start(dbName: string): void {
    if (this.started) return
    this.started = true
    this.transport.post({ type: 'start', dbName })
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getStatus = (): SearchStatus => this.status

  /**
   * Resolves with the first answer. When that one is partial (hits without snippets yet: past the first
   * page, or all of them while the items are slow to read), `onFinal` later gets the fuller ones, unless a
   * newer query made them moot.
   */
  search(request: SearchRequest, onFinal?: (response: SearchResponse) => void, channel?: number): Promise<SearchResponse> {
    const requestId = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, onFinal, answered: false, later: Promise.resolve(), askedAt: performance.now() })
      this.transport.post({ type: 'search', requestId, request, ...(channel ? { channel } : {}) })
    })
  }

  /** While an export or a restore runs: the worker's background jobs wait, queries are still answered. */
  hold(held: boolean): void {
    this.transport.post({ type: 'hold', held })
  }

  /**
   * The person pressed a key, clicked or typed (call on every such input): the worker hears of it at most once per
   * INPUT_NOTE_MS, enough for it to tell when they stop, without a message per key.
   */
  noteInput(now = performance.now()): void {
    if (now - this.inputNotedAt < INPUT_NOTE_MS) return
    this.inputNotedAt = now
    this.transport.post({ type: 'input' })
  }

  /** Contribution insights, counted by the worker over its rows (one per item). */
  insights(request: InsightsRequest): Promise<Insights> {
    const requestId = this.nextId++
    return new Promise((resolve, reject) => {
      this.pendingInsights.set(requestId, { resolve, reject })
      this.transport.post({ type: 'insights', requestId, request })
    })
  }

  /**
   * The library's counts (counts.ts), live: while someone listens, they are asked again at each new generation of the
   * index (a change applied, whoever wrote it), once search answers. An answer equal to the one held is dropped, so
   * an autosave (a new generation, the same counts) renders nothing.
   */
  readonly subscribeCounts = (listener: () => void): (() => void) => {
    this.countsListeners.add(listener)
    this.askCounts()
    return () => this.countsListeners.delete(listener)
  }

  readonly getCounts = (): LibraryCounts | undefined => this.counts

  private askCounts(): void {
    const status = this.status
    if (this.countsListeners.size === 0 || !status.ready || status.generation === this.countsAskedFor) return
    this.countsAskedFor = status.generation
    const requestId = this.nextId++
    this.countsRequest = requestId
    this.transport.post({ type: 'counts', requestId })
  }

  private takeCounts(requestId: number, counts: LibraryCounts): void {
    // Answers come in order; an older one behind a newer (never, but cheap to rule out) is dropped.
    if (requestId < this.countsTaken) return
    this.countsTaken = requestId
    const text = JSON.stringify(counts)
    if (text === this.countsText) return
    this.countsText = text
    this.counts = counts
    for (const listener of this.countsListeners) listener()
  }

  /**
   * Typing sends a query per keystroke; queueing them all would make the last answer arrive late.
   * A channel keeps one query in flight and replaces the waiting one with each newer keystroke.
   */
  channel(): SearchChannel {
    const id = this.nextChannel++
    let inFlight = false
    let waiting: { request: SearchRequest; onResult: (r: SearchResponse) => void; onError: (e: Error) => void } | null = null
    let closed = false
    /** Which request is the latest asked; a complete answer to an older one is dropped. */
    let latest = 0
    const send = (request: SearchRequest, onResult: (r: SearchResponse) => void, onError: (e: Error) => void): void => {
      inFlight = true
      const token = latest
      this.search(
        request,
        (final) => {
          if (!closed && token === latest && !waiting) onResult(final)
        },
        id,
      ).then(
        (response) => {
          inFlight = false
          if (closed) return
          if (waiting) {
            const next = waiting
            waiting = null
            send(next.request, next.onResult, next.onError)
          } else onResult(response)
        },
        (error: Error) => {
          inFlight = false
          if (closed) return
          if (waiting) {
            const next = waiting
            waiting = null
            send(next.request, next.onResult, next.onError)
          } else onError(error)
        },
      )
    }
    return {
      request(request, onResult, onError) {
        if (closed) return
        latest++
        if (inFlight) waiting = { request, onResult, onError }
        else send(request, onResult, onError)
      },
      close() {
        closed = true
        waiting = null
      },
    }
  }

  private receive(message: ServiceMessage): void {
    if (message.type === 'status') {
      this.status = message.status
      // On the page's Performance timeline, for DevTools and the benchmark.
      if (message.status.ready) markOnce(PERF_MARKS.searchReady)
      if (message.status.complete && message.status.progress === null) markOnce(PERF_MARKS.searchComplete)
      for (const listener of this.listeners) listener()
      this.askCounts()
      return
    }
    if (message.type === 'counts') {
      this.takeCounts(message.requestId, message.counts)
      return
    }
    if (message.type === 'failed' && message.requestId === this.countsRequest) {
      // Asked as search stopped answering (a rebuild, say): asked again at its next generation.
      this.countsAskedFor = -1
      return
    }
    const insights = this.pendingInsights.get(message.requestId)
    if (insights) {
      this.pendingInsights.delete(message.requestId)
      if (message.type === 'insights') insights.resolve(message.insights)
      else insights.reject(new Error(message.type === 'failed' ? message.message : 'No insights'))
      return
    }
    const pending = this.pending.get(message.requestId)
    if (!pending || message.type === 'insights') return
    if (message.type === 'result' && message.partial) {
      // A second partial answer (the first page, then the rest of the list) updates like the final one.
      if (pending.answered) this.answerLater(pending, message.response)
      else {
        pending.resolve(message.response)
        // The worker holds the next answer until this one is on screen (see Phases.whenShown in service.ts).
        const { requestId } = message
        void afterNextPaint(() => {
          this.transport.post({ type: 'shown', requestId })
          noteAnswerShown(pending.askedAt)
        }, FRAME_FALLBACK_MS)
      }
      pending.answered = true
      return
    }
    this.pending.delete(message.requestId)
    if (message.type === 'result') {
      if (pending.answered) this.answerLater(pending, message.response)
      else {
        pending.resolve(message.response)
        void afterNextPaint(() => noteAnswerShown(pending.askedAt), FRAME_FALLBACK_MS)
      }
    } else if (message.type === 'failed' && !pending.answered) pending.reject(new Error(message.message))
  }

  /**
   * A fuller answer (the rest of a long list, or snippets) arrives right behind the first one, often before
   * the first is painted: applied at once, its rendering would delay the rows a person is waiting for. It
   * is applied after the next paint instead, each after the one before it.
   */
  private answerLater(pending: Pending, response: SearchResponse): void {
    pending.later = pending.later.then(() => afterNextPaint(() => pending.onFinal?.(response), FRAME_FALLBACK_MS))
  }
}
