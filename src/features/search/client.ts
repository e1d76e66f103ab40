// The UI thread's side of search: sends queries to the worker, keeps its status for React.
import { INITIAL_STATUS, type ClientMessage, type SearchRequest, type SearchResponse, type SearchStatus, type ServiceMessage } from './protocol'

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
}

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
  private nextId = 1
  private started = false

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

  search(request: SearchRequest): Promise<SearchResponse> {
    const requestId = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject })
      this.transport.post({ type: 'search', requestId, request })
    })
  }

  /**
   * Typing sends a query per keystroke; queueing them all would make the last answer arrive late.
   * A channel keeps one query in flight and replaces the waiting one with each newer keystroke.
   */
  channel(): SearchChannel {
    let inFlight = false
    let waiting: { request: SearchRequest; onResult: (r: SearchResponse) => void; onError: (e: Error) => void } | null = null
    let closed = false
    const send = (request: SearchRequest, onResult: (r: SearchResponse) => void, onError: (e: Error) => void): void => {
      inFlight = true
      this.search(request).then(
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
      for (const listener of this.listeners) listener()
      return
    }
    const pending = this.pending.get(message.requestId)
    if (!pending) return
    this.pending.delete(message.requestId)
    if (message.type === 'result') pending.resolve(message.response)
    else pending.reject(new Error(message.message))
  }
}
