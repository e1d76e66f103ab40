// The search index lives here, off the UI thread, so indexing and querying never delay typing.
import { createSearchService } from './service'
import type { ClientMessage, ServiceMessage } from './protocol'

interface WorkerScope {
  postMessage(message: ServiceMessage): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ClientMessage>) => void): void
}

const scope = self as unknown as WorkerScope
const service = createSearchService((message) => scope.postMessage(message))
scope.addEventListener('message', (event) => service.handle(event.data))
