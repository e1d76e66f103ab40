// "Linked from": the items whose body links to this one (links between items, src/core/itemLinks.ts), as
// Obsidian's backlinks pane lists them, under the item's fields; nothing when none does. One read of the `linksTo`
// index (schema v7), live: a link added or removed elsewhere shows here at once. Trashed items are left out.
import { useLiveQuery } from 'dexie-react-hooks'
import { useTranslation } from 'react-i18next'
import type { Item } from '../../core/items'
import { getDb } from '../../db'
import { KindIcon } from './KindIcon'
import { useLibraryStore } from './libraryStore'
import { openItemInLibrary } from './openItem'

async function linkingItems(itemId: string): Promise<Item[]> {
  const rows = await getDb().items.where('linksTo').equals(itemId).toArray()
  return rows.filter((row) => row.trashed === 0).sort((a, b) => b.updatedAt - a.updatedAt)
}

export function LinkedFrom({ itemId }: { itemId: string }) {
  const { t } = useTranslation('library')
  const { t: tc } = useTranslation()
  const store = useLibraryStore()
  const items = useLiveQuery(() => linkingItems(itemId), [itemId])
  if (!items || items.length === 0) return null
  return (
    <section className="linked-from" aria-label={t('linkedFrom.title')}>
      <h3 className="linked-from-title">{t('linkedFrom.title')}</h3>
      <ul className="linked-from-list">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" className="linked-from-item" onClick={() => void openItemInLibrary(store, item.id)}>
              <KindIcon kind={item.kind} size={14} />
              <span>{item.title.trim() || tc(`kinds.${item.kind}.one`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
