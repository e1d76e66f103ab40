// The item menu's publishing entries: "Publish to WordPress…" for posts, "Social posts…" for any item.
import * as Menu from '@radix-ui/react-dropdown-menu'
import { useLiveQuery } from 'dexie-react-hooks'
import { Megaphone, Send } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { getDb } from '../../db'
import { openPublishDialog, openVariantsDialog } from './dialogStore'

export function PublishingMenuItems({ itemId }: { itemId: string }) {
  const { t } = useTranslation('publishing')
  // Read when the menu opens (its content mounts only then), to offer WordPress for posts only.
  const kind = useLiveQuery(async () => (await getDb().items.get(itemId))?.kind, [itemId])
  return (
    <>
      {kind === 'post' && (
        <Menu.Item className="menu-item" onSelect={() => openPublishDialog(itemId)}>
          <Send size={15} aria-hidden />
          {t('menu.publish')}
        </Menu.Item>
      )}
      <Menu.Item className="menu-item" onSelect={() => openVariantsDialog(itemId)}>
        <Megaphone size={15} aria-hidden />
        {t('menu.variants')}
      </Menu.Item>
    </>
  )
}
