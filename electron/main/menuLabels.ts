import type { Language } from '../../src/core/ipc/contract'

// The menu is drawn by main, so its few labels live here rather than in the renderer's i18next files.
export const MENU_LABELS = {
  en: {
    file: 'File',
    newItem: 'New item',
    newPost: 'New post',
    newTalk: 'New talk',
    newLink: 'New link',
    newNote: 'New note',
    palette: 'Go to…',
    search: 'Search',
    settings: 'Settings…',
    trash: 'Trash',
    exportBackup: 'Export backup…',
    restoreBackup: 'Restore from backup…',
    exportBackupTitle: 'Export a backup of everything',
    restoreBackupTitle: 'Restore from a backup',
    backupFiles: 'Baluchon backups',
    importItems: 'Import…',
    importFileTitle: 'Import a WordPress export, bookmarks or a CSV file',
    importFolderTitle: 'Import a folder of Markdown files',
    importFiles: 'WordPress, bookmarks, Pocket or Raindrop',
    allFiles: 'All files',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
  },
  fr: {
    file: 'Fichier',
    newItem: 'Nouvel élément',
    newPost: 'Nouvel article',
    newTalk: 'Nouvelle conférence',
    newLink: 'Nouveau lien',
    newNote: 'Nouvelle note',
    palette: 'Aller à…',
    search: 'Rechercher',
    settings: 'Réglages…',
    trash: 'Corbeille',
    exportBackup: 'Exporter une sauvegarde…',
    restoreBackup: 'Restaurer une sauvegarde…',
    exportBackupTitle: 'Exporter une sauvegarde complète',
    restoreBackupTitle: 'Restaurer depuis une sauvegarde',
    backupFiles: 'Sauvegardes Baluchon',
    importItems: 'Importer…',
    importFileTitle: 'Importer un export WordPress, des favoris ou un fichier CSV',
    importFolderTitle: 'Importer un dossier de fichiers Markdown',
    importFiles: 'WordPress, favoris, Pocket ou Raindrop',
    allFiles: 'Tous les fichiers',
    edit: 'Édition',
    view: 'Affichage',
    window: 'Fenêtre',
    help: 'Aide',
  },
} satisfies Record<Language, Record<string, string>>

export type MenuLabels = (typeof MENU_LABELS)['en']

export function menuLanguageFor(locale: string): Language {
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}
