// Any failure of a backup job as a BackupProblem (plain data, so it crosses postMessage).
import { isArchiveError } from '../../core/archive'
import type { BackupProblem } from './protocol'

export function problemOf(error: unknown): BackupProblem {
  if (isArchiveError(error)) return { source: 'archive', code: error.code, info: { ...error.info } }
  const name = (error as { name?: unknown } | null)?.name
  const message = error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300)
  // Dexie and IndexedDB errors (quota, a closed database, a failed transaction).
  if (typeof name === 'string' && (name.endsWith('Error') && name !== 'Error' && name !== 'TypeError' && name !== 'RangeError')) {
    return { source: 'database', message: `${name}: ${message}` }
  }
  return { source: 'worker', message }
}
