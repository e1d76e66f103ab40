import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../../electron/main/menu'
import { MENU_LABELS, menuLanguageFor } from '../../../electron/main/menuLabels'
import { LANGUAGES, MENU_COMMANDS, type Language, type MenuCommand } from '../../../src/core/ipc/contract'

type Template = ReturnType<typeof menuTemplate>
type Item = Template[number]

function build(language: Language, isMac = false) {
  const sent: MenuCommand[] = []
  const template = menuTemplate(language, isMac, (command) => sent.push(command))
  return { template, sent }
}

/** Every item with a click handler, flattened out of the submenus. */
function commandItems(template: Template): Item[] {
  const items: Item[] = []
  const walk = (list: Item[]): void => {
    for (const item of list) {
      if (item.click) items.push(item)
      if (Array.isArray(item.submenu)) walk(item.submenu)
    }
  }
  walk(template)
  return items
}

function click(item: Item): void {
  ;(item.click as () => void)()
}

describe('application menu', () => {
  it('sends every menu command exactly once, from an item of its own', () => {
    const { template, sent } = build('en')
    for (const item of commandItems(template)) click(item)
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort())
  })

  it.each<[MenuCommand, string, string]>([
    ['new-item', 'New item', 'CmdOrCtrl+N'],
    ['new-link', 'New link', 'CmdOrCtrl+Shift+L'],
    ['open-palette', 'Go to…', 'CmdOrCtrl+K'],
    ['search', 'Search', 'CmdOrCtrl+Shift+F'],
    ['settings', 'Settings…', 'CmdOrCtrl+,'],
  ])('%s is "%s" on %s', (command, label, accelerator) => {
    const { template, sent } = build('en')
    const item = commandItems(template).find((i) => {
      sent.length = 0
      click(i)
      return sent[0] === command
    })
    expect(item).toMatchObject({ label, accelerator })
  })

  it('gives no two commands the same shortcut', () => {
    const accelerators = commandItems(build('en').template).flatMap((i) => (i.accelerator ? [i.accelerator] : []))
    expect(new Set(accelerators).size).toBe(accelerators.length)
  })

  it('is in French for French speakers', () => {
    const { template } = build('fr')
    expect(template.map((i) => i.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre'])
    expect(commandItems(template).map((i) => i.label)).toEqual([
      'Nouvel élément',
      'Nouvel article',
      'Nouvelle conférence',
      'Nouveau lien',
      'Nouvelle note',
      'Aller à…',
      'Rechercher',
      'Corbeille',
      'Calendrier',
      'Exporter une sauvegarde…',
      'Restaurer une sauvegarde…',
      'Importer…',
      'Exporter en Markdown…',
      'Changer d’employeur…',
      'Portfolio public…',
      'Réglages…',
    ])
  })

  it('has a label for every entry in every language', () => {
    const keys = Object.keys(MENU_LABELS.en).sort()
    for (const language of LANGUAGES) {
      expect(Object.keys(MENU_LABELS[language]).sort()).toEqual(keys)
      for (const label of Object.values(MENU_LABELS[language])) expect(label.trim()).not.toBe('')
    }
  })

  it('follows platform conventions: app menu and Close on macOS, Quit elsewhere', () => {
    const roles = (template: Template) =>
      template.flatMap((i) => [i.role, ...(Array.isArray(i.submenu) ? i.submenu.map((s) => s.role) : [])]).filter(Boolean)
    expect(build('en', true).template[0]).toMatchObject({ role: 'appMenu' })
    expect(roles(build('en', true).template)).toContain('close')
    expect(roles(build('en', true).template)).not.toContain('quit')
    expect(roles(build('en', false).template)).toContain('quit')
    expect(roles(build('en', false).template)).not.toContain('appMenu')
  })
})

describe('menuLanguageFor', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['FR-be', 'fr'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['', 'en'],
  ])('%j -> %s', (locale, expected) => {
    expect(menuLanguageFor(locale)).toBe(expected)
  })
})
