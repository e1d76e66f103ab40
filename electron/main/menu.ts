import type { MenuItemConstructorOptions } from 'electron'
import type { Language, MenuCommand } from '../../src/core/ipc/contract'
import { MENU_LABELS } from './menuLabels'

/** The application menu: standard roles plus the app's own commands, sent to the renderer. */
export function menuTemplate(
  language: Language,
  isMac: boolean,
  send: (command: MenuCommand) => void,
): MenuItemConstructorOptions[] {
  const l = MENU_LABELS[language]
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(cmd),
    ...(accelerator ? { accelerator } : {}),
  })
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: l.file,
      submenu: [
        command(l.newItem, 'new-item', 'CmdOrCtrl+N'),
        command(l.newPost, 'new-post'),
        command(l.newTalk, 'new-talk'),
        command(l.newLink, 'new-link', 'CmdOrCtrl+Shift+L'),
        command(l.newNote, 'new-note'),
        { type: 'separator' },
        command(l.palette, 'open-palette', 'CmdOrCtrl+K'),
        command(l.search, 'search', 'CmdOrCtrl+Shift+F'),
        command(l.trash, 'show-trash'),
        command(l.calendar, 'show-calendar', 'CmdOrCtrl+Shift+C'),
        { type: 'separator' },
        command(l.exportBackup, 'export-backup'),
        command(l.restoreBackup, 'restore-backup'),
        command(l.importItems, 'import'),
        command(l.exportMarkdown, 'export-markdown'),
        command(l.changingEmployer, 'changing-employer'),
        command(l.portfolio, 'portfolio'),
        { type: 'separator' },
        command(l.settings, 'settings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu', label: l.edit },
    { role: 'viewMenu', label: l.view },
    { role: 'windowMenu', label: l.window },
  ]
}
