// A compression worker for Node (worker_threads), the counterpart of src/core/archive/compress.worker.ts.
import { parentPort } from 'node:worker_threads'
import { answerCompressRequest, type CompressRequest } from '../../../src/core/archive/compressPool'

parentPort!.on('message', (request: CompressRequest) => {
  void answerCompressRequest(request).then((response) => parentPort!.postMessage(response))
})
