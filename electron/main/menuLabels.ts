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
