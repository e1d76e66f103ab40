// How the benchmark finds the app's UI: roles and accessible names for what it clicks and types into
// (as the end-to-end tests do), CSS only for what the in-page probe watches.
import type { Page } from 'playwright-core'

/** A loaded row of the list (placeholder rows have no item id). */
export const ROW = '[role="listbox"] [role="option"][data-item-id]'
/** Highlighted matches inside the result rows. */
export const ROW_MARK = `${ROW} mark`
/** The detail pane's editor (title and body). */
export const EDITOR_AREA = '.detail-editor'
/** The editor's save state (data-state: saved, pending, saving, error). */
export const SAVE_STATE = '.be-status-save'

export const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Library' })
export const kindButton = (page: Page, label: string) => sidebar(page).getByRole('button', { name: new RegExp(`^${label}(\\s|$)`) })
export const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search' })
export const rowByTitle = (page: Page, title: string) => page.getByRole('listbox').getByRole('option', { name: title, exact: true })
export const editorBody = (page: Page) => page.locator(`${EDITOR_AREA} [contenteditable="true"]`).first()
