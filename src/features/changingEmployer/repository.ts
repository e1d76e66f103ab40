// The person's watch list (client names, project code names): kept in Settings, edited in the wizard and in
// Settings › Career, never written to the personal archive (see backup/leavingScope.ts).
import { useLiveQuery } from 'dexie-react-hooks'
import { WATCH_WORDS_SETTING, normalizeWatchWords } from '../../core/career'
import type { BaluchonDb } from '../../db'
import { getDb } from '../../db'

export async function readWatchWords(db: BaluchonDb): Promise<string[]> {
  const row = await db.settings.get(WATCH_WORDS_SETTING)
  return Array.isArray(row?.value) ? normalizeWatchWords(row.value.filter((w): w is string => typeof w === 'string')) : []
}

export async function saveWatchWords(db: BaluchonDb, words: readonly string[]): Promise<string[]> {
  const clean = normalizeWatchWords(words)
  await db.settings.put({ key: WATCH_WORDS_SETTING, value: clean })
  return clean
}

/** The watch list, live (undefined while loading). */
export function useWatchWords(): string[] | undefined {
  return useLiveQuery(() => readWatchWords(getDb()), [])
}
