export interface PaletteCommand {
  id: string
  label: string
  /** Extra words that find it (e.g. both languages' names are not needed: labels are translated). */
  keywords?: string
  shortcut?: string
  run(): void
}
