// A pool worker of backups: compresses entries (as src/core/archive/compress.worker.ts), renders the content/
// Markdown of a shard of items for an export (`renderShardTask`), inflates and hashes a shard for a restore
// (`runExtractTask`): the export and restore workers read, check and serialise records while the pool does the rest
// on the other cores.
import { isExtractTask, runExtractTask } from '../../core/archive/extractTask'
import { servePoolRequests } from '../../core/archive/poolWorker'
import { renderShardTask } from './renderShard'

servePoolRequests((task) => (isExtractTask(task) ? runExtractTask(task) : renderShardTask(task)))
