// The import's parser thread: a 60 MB WordPress export takes seconds of CPU, which must not freeze the window.
import { runParse, toParseFailure } from './parseJob'
import type { ParseRequest, WorkerMessage } from './parseTypes'

const post = (message: WorkerMessage): void => self.postMessage(message)

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  try {
    post({ type: 'done', outcome: runParse(event.data, (progress) => post({ type: 'progress', progress })) })
  } catch (error) {
    post({ type: 'failed', failure: toParseFailure(error) })
  }
}
