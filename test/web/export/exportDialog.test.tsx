// @vitest-environment jsdom
// The Markdown export dialog, in French: the Trash is said to be left out, the export runs through main's
// channels (trashed items not sent), the outcome says where it went; a full disk is said in plain words,
// with main told to remove what it had written.
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { act, cleanup, configure, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { newItem } from '../../../src/core/itemFactory'
import { BaluchonDb, setDb } from '../../../src/db'
import { MarkdownExportDialog, openMarkdownExport } from '../../../src/features/export'
import { ExportProgressView } from '../../../src/features/export/ExportDialog'
import { dismissMarkdownExport } from '../../../src/features/export/store'
import { i18next, initI18n } from '../../../src/i18n'
import { isBackgroundHeld } from '../../../src/lib/backgroundHold'

configure({ asyncUtilTimeout: 8000 })

const ok = <T,>(value: T) => ({ ok: true as const, value })
let api: Record<string, ReturnType<typeof vi.fn>>
let db: BaluchonDb
let n = 0

beforeEach(async () => {
  globalThis.Blob = NodeBlob as unknown as typeof Blob
  globalThis.File = NodeFile as unknown as typeof File
  await initI18n('fr')
  if (i18next.language !== 'fr') await i18next.changeLanguage('fr')
  api = {
    on: vi.fn(() => () => undefined),
    exportFilesBegin: vi.fn(async () => ok({ handle: 'h', name: '/home/ana/export.zip' })),
    exportFilesWrite: vi.fn(async () => ok(undefined)),
    exportFilesCommit: vi.fn(async () => ok({ path: '/home/ana/export.zip', name: 'export.zip', files: 2, bytes: 100 })),
    exportFilesAbort: vi.fn(async () => ok(undefined)),
  }
  ;(window as unknown as { api: unknown }).api = api
  db = new BaluchonDb(`export-ui-${Date.now()}-${n++}`)
  await db.open()
  setDb(db)
  const post = { ...newItem('post', '01A', Date.UTC(2025, 0, 1)), title: 'Voyage à Lyon' }
  const note = { ...newItem('note', '01B', Date.UTC(2025, 0, 2)), title: 'Idée' }
  const gone = { ...newItem('note', '01C', Date.UTC(2025, 0, 3)), title: 'À jeter', trashed: 1 as const, trashedAt: 1 }
  await db.items.bulkAdd([post, note, gone])
})
afterEach(async () => {
  act(() => dismissMarkdownExport())
  cleanup()
  db.close()
  await db.delete()
})

describe('Markdown export dialog', () => {
  it('exports what is outside the Trash and says where it went', async () => {
    const user = userEvent.setup()
    render(<MarkdownExportDialog />)
    act(() => openMarkdownExport())
    const dialog = await screen.findByRole('dialog', { name: 'Exporter en Markdown' })
    expect(dialog.textContent).toContain('Les éléments de la corbeille ne sont pas exportés.')
    // From the choice to the outcome, the app's background work waits (search's catch-up, chunks fetched ahead).
    expect(isBackgroundHeld()).toBe(true)
    await user.click(screen.getByRole('button', { name: 'Exporter dans un fichier zip…' }))
    await screen.findByRole('dialog', { name: 'Export Markdown terminé' })
    expect(isBackgroundHeld()).toBe(false)
    expect(screen.getByRole('status').textContent).toBe('2 éléments exportés dans /home/ana/export.zip.')
    expect(api.exportFilesBegin).toHaveBeenCalledWith({ target: 'zip', suggestedName: expect.stringMatching(/^baluchon-markdown-\d{4}-\d{2}-\d{2}\.zip$/) })
    const paths = api.exportFilesWrite!.mock.calls.flatMap(([input]) => (input as { files: { path: string }[] }).files.map((f) => f.path))
    expect(paths.sort()).toEqual(['notes/Idée.md', 'posts/Voyage à Lyon.md'])
    expect(api.exportFilesAbort).not.toHaveBeenCalled()
  })

  it('cancels: the progress shows a Cancel button, main removes what it wrote, the dialog says nothing was written', async () => {
    let release: () => void = () => undefined
    api.exportFilesWrite!.mockImplementation(() => new Promise((resolve) => (release = () => resolve(ok(undefined)))))
    const user = userEvent.setup()
    render(<MarkdownExportDialog />)
    act(() => openMarkdownExport())
    await user.click(await screen.findByRole('button', { name: 'Exporter dans un fichier zip…' }))
    await screen.findByRole('progressbar', { name: 'Progression de l’export' })
    await waitFor(() => expect(api.exportFilesWrite).toHaveBeenCalled())
    await user.click(screen.getByRole('button', { name: 'Annuler' }))
    release()
    expect((await screen.findByRole('status')).textContent).toBe('Export annulé : rien n’a été écrit.')
    expect(api.exportFilesAbort).toHaveBeenCalledWith({ handle: 'h' })
    expect(api.exportFilesCommit).not.toHaveBeenCalled()
  })

  it('says the disk is full, that nothing half-written is left, and has main remove the partial export', async () => {
    api.exportFilesWrite!.mockResolvedValue({ ok: false, error: { code: 'io', message: 'ENOSPC', detail: { reason: 'disk-full' } } })
    const user = userEvent.setup()
    render(<MarkdownExportDialog />)
    act(() => openMarkdownExport())
    await user.click(await screen.findByRole('button', { name: 'Exporter dans un dossier…' }))
    await screen.findByRole('dialog', { name: 'L’export n’a pas pu aboutir' })
    expect(screen.getByRole('alert').textContent).toContain('Le disque est plein. Libérez de la place ou choisissez un autre endroit.')
    expect(screen.getByRole('alert').textContent).toContain('Rien d’écrit à moitié n’a été laissé.')
    await waitFor(() => expect(api.exportFilesAbort).toHaveBeenCalledWith({ handle: 'h' }))
    expect(api.exportFilesCommit).not.toHaveBeenCalled()
  })

  it('shows a bar without an end until the items are counted, then one with their total', () => {
    const { rerender } = render(<ExportProgressView done={2000} total={null} />)
    const bar = screen.getByRole('progressbar', { name: 'Progression de l’export' })
    // Indeterminate: no value (a bar at done/done would look finished).
    expect(bar.hasAttribute('value')).toBe(false)
    expect(screen.getByText('Export en cours… 2000 éléments pour l’instant')).toBeTruthy()
    rerender(<ExportProgressView done={2000} total={10000} />)
    expect(screen.getByRole('progressbar', { name: 'Progression de l’export' }).getAttribute('value')).toBe('2000')
    expect(screen.getByText('Export de 2000 éléments sur 10000…')).toBeTruthy()
  })
})
