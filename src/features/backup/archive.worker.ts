// A pool worker of the backup export: compresses entries (as src/core/archive/compress.worker.ts) and renders the
// content/ Markdown of a shard of items (`renderShardTask`), so the export worker only reads, checks and
// serialises records while the pool deflates, renders and hashes on the other cores.
import { servePoolRequests } from '../../core/archive/poolWorker'
import { renderShardTask } from './renderShard'

servePoolRequests(renderShardTask)
