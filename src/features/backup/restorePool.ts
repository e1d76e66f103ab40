// The pool of workers that inflate, hash and decode an archive's shards for a restore (extractTask.ts).
import { createPooledCompressor, type CompressWorker, type PooledCompressor } from '../../core/archive/compressPool'

/**
 * As many pool workers as cores (2 to 3). Why not one less than the cores, as for an export: a restore's own worker
 * parses and checks what the pool hands it and mostly waits for it (profile, 10,000 items on 2 cores: busy 1.4 s of a
 * 3.1 s dry run); with one pool worker, every shard's inflate, SHA-256 and UTF-8 decode ran on that one.
 */
export function restorePoolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(2, Math.min(3, hardwareConcurrency || 2))
}

/**
 * The pool, its workers spawned now (warm): the restore worker makes it as it starts, while the UI thread is still
 * reading the file, so their code is loaded and run by the time the first shard comes rather than after.
 */
export function spawnRestorePool(spawn: () => CompressWorker, hardwareConcurrency: number | undefined): PooledCompressor {
  const pool = createPooledCompressor(spawn, restorePoolSize(hardwareConcurrency))
  pool.warm()
  return pool
}
