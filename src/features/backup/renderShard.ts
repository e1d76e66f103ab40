// The content/ Markdown of a shard of items, rendered in a pool worker of the export (archive.worker.ts): the
// shard's JSON (exactly the bytes the archive holds, its records already checked by the export) is parsed here,
// each item rendered by the same renderer as on the export's own thread, encoded, and its CRC-32 and SHA-256
// computed, so the export worker only stores the bytes.
import type { RenderedMarkdown, ShardMarkdownRenderer } from '../../core/archive'
import { crc32 } from '../../core/archive/crc32'
import { sha256Hex } from '../../core/archive/hash'
import type { Item } from '../../core/items'
import type { TaskAnswer } from '../../core/archive/poolWorker'
import { renderItemMarkdown } from './markdown'

export interface RenderShardTask {
  type: 'render-markdown'
  shard: Uint8Array
  attachmentPaths: [string, string][]
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

export async function renderShard(shard: Uint8Array, attachmentPaths: ReadonlyMap<string, string>): Promise<RenderedMarkdown[]> {
  const items = JSON.parse(decoder.decode(shard)) as Item[]
  const context = { attachmentPath: (id: string) => attachmentPaths.get(id) }
  const files: Omit<RenderedMarkdown, 'sha256'>[] = []
  for (const item of items) {
    const file = renderItemMarkdown(item, context)
    if (!file) continue
    const data = encoder.encode(file.text)
    files.push({ id: item.id, kind: item.kind, path: file.path, data, crc: crc32(data) })
  }
  // Digests of the whole shard at once: Web Crypto works on them in parallel instead of one after another.
  const digests = await Promise.all(files.map((file) => sha256Hex(file.data)))
  return files.map((file, i) => ({ ...file, sha256: digests[i]! }))
}

export async function renderShardTask(task: unknown): Promise<TaskAnswer> {
  const { type, shard, attachmentPaths } = task as RenderShardTask
  if (type !== 'render-markdown') throw new Error(`unknown task ${String(type)}`)
  const result = await renderShard(shard, new Map(attachmentPaths))
  return { result, transfer: result.map((file) => file.data.buffer as ArrayBuffer) }
}

/** The export's side: a renderer that hands each shard to the pool (a copy: the writer still stores the shard). */
export function pooledShardRenderer(run: <T>(task: unknown) => Promise<T>): ShardMarkdownRenderer {
  return (shard, attachmentPaths) => run<RenderedMarkdown[]>({ type: 'render-markdown', shard, attachmentPaths: [...attachmentPaths] } satisfies RenderShardTask)
}
