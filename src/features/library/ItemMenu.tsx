// The item's "…" menu: history, export (Markdown, HTML) and Trash.
import * as Menu from '@radix-ui/react-dropdown-menu'
import { Ellipsis, History, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { ItemExportMenuItems } from '../export/ItemExportMenuItems'
import { PublishingMenuItems } from '../publishing/PublishingMenuItems'
import { useActions } from './actions'

export function ItemMenu({ itemId }: { itemId: string }) {
  const { t } = useTranslation('library')
  const actions = useActions()
  return (
    <Menu.Root>
      <Menu.Trigger className="btn btn-ghost btn-icon" aria-label={t('itemMenu.label')}>
        <Ellipsis size={16} aria-hidden />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu" align="end" sideOffset={4}>
          <Menu.Item className="menu-item" onSelect={() => actions.openHistory(itemId)}>
            <History size={15} aria-hidden />
            {t('itemMenu.history')}
          </Menu.Item>
          <ItemExportMenuItems itemId={itemId} />
          <PublishingMenuItems itemId={itemId} />
          <Menu.Separator className="menu-separator" />
          <Menu.Item className="menu-item menu-item-danger" onSelect={() => void actions.trashItem(itemId)}>
            <Trash2 size={15} aria-hidden />
            {t('itemMenu.trash')}
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  )
}
