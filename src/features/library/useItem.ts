import { useLiveQuery } from 'dexie-react-hooks'
import type { Item } from '../../core/items'
import { getDb } from '../../db'

/** The item, live; `null` once known not to exist, `undefined` while loading. */
export function useItem(id: string | null): Item | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().items.get(id)) ?? null) : null), [id])
}
