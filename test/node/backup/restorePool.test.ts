// The restore's pool (restorePool.ts): as many workers as cores, spawned as the restore worker starts, not at the
// first shard.
import { describe, expect, it } from 'vitest'
import type { CompressWorker } from '../../../src/core/archive/compressPool'
import { restorePoolSize, spawnRestorePool } from '../../../src/features/backup/restorePool'

function fakeWorkers(): { spawn: () => CompressWorker; spawned: () => number } {
  let spawned = 0
  const spawn = (): CompressWorker => {
    spawned++
    return { post: () => undefined, listen: () => undefined, terminate: () => undefined }
  }
  return { spawn, spawned: () => spawned }
}

describe('the restore pool', () => {
  it.each([
    [undefined, 2],
    [1, 2],
    [2, 2],
    [4, 3],
    [16, 3],
  ])('with %s cores has %i workers', (cores, size) => {
    expect(restorePoolSize(cores)).toBe(size)
  })

  it('spawns every worker at once, before any shard is handed to it', () => {
    const workers = fakeWorkers()
    const pool = spawnRestorePool(workers.spawn, 2)
    expect(workers.spawned()).toBe(2)
    pool.close()
  })
})
