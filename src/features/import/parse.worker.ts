// The import's parser thread: a 60 MB WordPress export takes seconds of CPU, which must not freeze the window.
import { runParse, toParseFailure, type ParseRequest, type WorkerMessage } from './parseJob'

const post = (message: WorkerMessage): void => self.postMessage(message)

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  try {
    const result = runParse(event.data, (progress) => post({ type: 'progress', progress }))
    post({ type: 'done', result })
  } catch (error) {
    post({ type: 'failed', failure: toParseFailure(error) })
  }
}
