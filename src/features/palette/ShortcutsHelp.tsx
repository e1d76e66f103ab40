// "Keyboard shortcuts" (Ctrl/Cmd+/): every shortcut the window understands.
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import { SHORTCUTS, shortcutLabel } from './shortcuts'

export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('palette')
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('shortcuts.title')}>
      <div className="dialog-body">
        <table className="shortcuts-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.id}>
                <td>{t(`shortcuts.${s.id}`)}</td>
                <td className="shortcuts-keys">
                  <kbd>{shortcutLabel(s.keys)}</kbd>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  )
}
